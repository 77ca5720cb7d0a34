import ArgumentParser
import Features
import Foundation
import LoyaltyModels
import OrderHistory
import ScoringCore

/// `loyalty train`: churn and loyal-candidate bundles learned over the cutoff schedule.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train churn and loyal-candidate models over past cutoffs, evaluate them out of time, and save one bundle per target.",
        discussion: """
            Cutoffs are T−H, T−H−step, ... (T = --as-of, H = --horizon). The latest, T−H, is held out: \
            logistic regression and gradient boosting are fitted on the cutoffs ≤ T−2H and compared there \
            with a baseline (churn: days since the last purchase; loyal candidate: 365-day spend). The better \
            model is refitted on all cutoffs and saved as DIR/<target>.json with its leaderboard, cutoffs, \
            horizon and a fingerprint of the data (no customer ids). Only data up to T is read.

            Example:
              loyalty train --orders notebooks-data/orders.csv \\
                  --events notebooks-data/events.csv \\
                  --surveys notebooks-data/surveys.csv \\
                  --as-of 2024-12-31 --horizon 90d --models models
            """
    )

    @OptionGroup var history: HistoryOptions
    @Option(help: "Label horizon: days (90d) or weeks (13w).")
    var horizon: String = "90d"
    @Option(help: "The models to train (retention-uplift and upgrade-uplift need --contacts).")
    var target: TargetChoice = .all
    @Option(help: "Contact history (call lists with their control groups, as calllist writes them): for the uplift targets.")
    var contacts: String?
    @Option(help: "Folder for the bundles.")
    var models: String
    @OptionGroup var training: TrainingOptions
    @Flag(help: "Print the result as one JSON object.")
    var json = false
    @Flag(help: "No progress lines.")
    var quiet = false

    @OptionGroup var settingsFile: ConfigOption

    func run() throws {
        let progress = Progress(quiet: quiet)
        if let uplift = target.upliftTarget { return try trainUplift(uplift, progress: progress) }
        let targets: [PredictionTarget]
        switch target {
        case .all: targets = PredictionTarget.allCases
        case .churn: targets = [.churn]
        case .loyalCandidate: targets = [.loyalCandidate]
        case .retentionUplift, .upgradeUplift: targets = []
        }
        let settings = try training.settings(horizonDays: try parseDays(horizon, flag: "--horizon"))
        try OutputPath.checkFolder(models, flag: "--models")
        progress.step("reading \(history.orders)")
        let loaded = try history.load(outputFolder: models)
        let asOf = try history.cutoff(loaded)
        if let last = loaded.lastOrderDay, asOf > last {
            throw LoyaltyModelsError.asOfAfterData(asOf: CalendarDay.isoString(asOf), lastOrderDay: CalendarDay.isoString(last))
        }
        let bundles = try Trainer.train(history: loaded, asOf: asOf, targets: targets, settings: settings,
                                        threads: training.resolvedThreads, progress: progress.step)
        try OutputPath.makeFolder(models, flag: "--models")
        for bundle in bundles {
            try AtomicFile.write(try bundle.encoded(), to: ModelBundle.path(folder: models, target: bundle.target))
        }
        for warning in bundles.compactMap(ScoringWarning.losesToBaseline) { printError("warning: \(warning.message)") }
        if json {
            struct Summary: Encodable {
                var asOf: String
                var horizonDays: Int
                var cutoffs: [String]
                var targets: [TargetSummary]
            }
            struct TargetSummary: Encodable {
                var target: String
                var path: String
                var chosen: String
                var outOfTimeAUC: Double
                var baselineAUC: Double
                var leaderboard: [LeaderboardEntry]
                var trainingRows: Int
                var beatsBaseline: Bool
                var calibration: CalibrationChoice?
                var search: SearchSummary?
            }
            let summary = Summary(asOf: CalendarDay.isoString(asOf), horizonDays: settings.horizonDays, cutoffs: bundles[0].cutoffs,
                                  targets: bundles.map {
                                      TargetSummary(target: $0.target.rawValue, path: ModelBundle.path(folder: models, target: $0.target),
                                                    chosen: $0.chosen, outOfTimeAUC: $0.chosenEntry?.rocAUC ?? .nan,
                                                    baselineAUC: $0.baselineEntry?.rocAUC ?? .nan, leaderboard: $0.leaderboard,
                                                    trainingRows: $0.trainingRows, beatsBaseline: $0.beatsBaseline ?? true,
                                                    calibration: $0.calibration, search: $0.search)
                                  })
            print(try jsonText(summary))
        } else {
            let first = bundles[0]
            print("trained as of \(first.asOf), horizon \(first.horizonDays) days, \(first.cutoffs.count) cutoffs "
                + "(\(first.cutoffs.last!) ... \(first.cutoffs.first!)); held out \(first.heldOutCutoff)")
            for bundle in bundles {
                print("")
                print("\(bundle.target.rawValue): kept \(bundle.chosen)\(bundle.beatsBaseline == false ? " (does NOT beat the baseline)" : ""), refitted on \(grouped(bundle.trainingRows)) rows "
                    + "-> \(ModelBundle.path(folder: models, target: bundle.target))")
                print(leaderboardTable(bundle.leaderboard))
                if let search = bundle.search {
                    print("  chosen by ROC AUC on the choosing half of the held-out customers (\(search.candidatesTried) of \(search.candidatesPlanned) candidates"
                        + (search.cutShort ? ", cut short by --search-budget" : "") + "); the table is the other half")
                }
                if let choice = bundle.calibration {
                    print("  calibration: \(choice.calibration.method); log loss on the reporting half "
                        + String(format: "%.4f -> %.4f, Brier %.4f -> %.4f", choice.logLossBefore, choice.logLossAfter, choice.brierBefore, choice.brierAfter))
                }
            }
        }
    }
}

extension Train {
    /// `--target retention-uplift|upgrade-uplift`: learns from the contact history whom a call helps.
    func trainUplift(_ uplift: UpliftTarget, progress: Progress) throws {
        guard let contacts else { throw UsageError(message: "--target \(uplift.rawValue) needs --contacts F (the contact history)") }
        let horizonDays = try parseDays(horizon, flag: "--horizon")
        try OutputPath.checkFolder(models, flag: "--models")
        progress.step("reading \(history.orders) and \(contacts)")
        let loaded = try history.load(outputFolder: models)
        let asOf = try history.cutoff(loaded)
        var registry = CustomerRegistry()
        let (log, summary, _) = try ContactReader.read(path: contacts, options: try history.input.readOptions(), registry: &registry)
        if !summary.badRows.isEmpty {
            let quarantine = history.input.quarantinePath(for: contacts, outputDirectory: models)
            try QuarantineFile.write(summary.badRows, to: quarantine)
            printError("\(summary.badRows.count) bad rows of \(contacts) set aside in \(quarantine)")
        }
        progress.step("learning \(uplift.rawValue) from \(grouped(log.count)) contacts")
        let bundle = try UpliftTrainer.train(history: loaded, contacts: log, registry: registry, asOfDay: asOf,
                                             horizonDays: horizonDays, target: uplift, threads: training.resolvedThreads)
        try OutputPath.makeFolder(models, flag: "--models")
        let path = UpliftBundle.path(folder: models, target: uplift)
        try AtomicFile.write(try bundle.encoded(), to: path)
        if json {
            print(try jsonText(bundle.holdout))
            return
        }
        func number(_ value: Double) -> String { value.isNaN ? "-" : String(format: "%.4f", value) }
        print("\(uplift.rawValue): learned from \(grouped(bundle.contacts)) contacts (\(grouped(bundle.controls)) control) on "
            + "\(bundle.campaigns.count) list dates, \(bundle.horizonDays)-day windows -> \(path)")
        print("  held out \(bundle.holdout.campaigns.joined(separator: ", ")) (\(grouped(bundle.holdout.contacts)) contacts): "
            + "Qini \(number(bundle.holdout.qini)) (ranking by days since the last purchase: \(number(bundle.holdout.baselineQini))); "
            + "uplift in the top 20% \(number(bundle.holdout.upliftAt20))")
    }
}

/// The out-of-time leaderboard as an aligned text table.
func leaderboardTable(_ entries: [LeaderboardEntry]) -> String {
    func number(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "-" }
    func cell(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
    // The model column fits the longest candidate name (TrainingSettings.candidates).
    let width = max(9, (entries.map(\.model.count).max() ?? 0) + 1)
    let choosing = entries.contains { $0.selectionRocAUC != nil }
    var lines = ["  " + "model".padding(toLength: width, withPad: " ", startingAt: 0) + (choosing ? cell("choosing", 10) : "")
                 + cell("ROC AUC", 9) + cell("PR AUC", 9)
                 + cell("log loss", 10) + cell("Brier", 9) + cell("top-10% lift", 14) + cell("rows", 10)]
    for entry in entries {
        lines.append("  " + entry.model.padding(toLength: width, withPad: " ", startingAt: 0)
            + (choosing ? cell(number(entry.selectionRocAUC), 10) : "") + cell(number(entry.rocAUC), 9)
            + cell(number(entry.averagePrecision), 9) + cell(number(entry.logLoss), 10) + cell(number(entry.brierScore), 9)
            + cell(String(format: "%.2f", entry.topDecileLift), 14) + cell(grouped(entry.rows), 10))
    }
    return lines.joined(separator: "\n")
}

/// The hyper-parameters and limits of `train` (`ml fit`'s, prefixed by the model family; README, "Usage").
struct TrainingOptions: ParsableArguments {
    @Option(help: "Days between training cutoffs.")
    var stepDays: Int = 30
    @Option(help: "Most training cutoffs (default: as far back as the history allows).")
    var maxCutoffs: Int?
    @Option(help: "Most rows per target; beyond it rows are sampled by --seed.")
    var maxTrainingRows: Int = 500_000
    @Option(help: "Share of active customers by 365-day spend counted as loyal.")
    var loyalTopShare: Double = 0.2
    @Option(help: "Logistic regression: L2 penalty λ (1/C).")
    var logisticL2: Double = 1
    @Option(help: "Logistic regression: L1 penalty.")
    var logisticL1: Double = 0
    @Option(help: "Logistic regression: class weights.")
    var logisticClassWeight: LogisticRegression.ClassWeight = .none
    @Option(help: "Gradient boosting: trees.")
    var gbdtTrees: Int = 100
    @Option(help: "Gradient boosting: leaves per tree.")
    var gbdtLeaves: Int = 31
    @Option(help: "Gradient boosting: deepest level (default: no limit).")
    var gbdtMaxDepth: Int?
    @Option(help: "Gradient boosting: learning rate.")
    var gbdtLearningRate: Double = 0.1
    @Option(help: "Gradient boosting: bins per feature (2-256).")
    var gbdtMaxBins: Int = 255
    @Option(help: "Gradient boosting: fewest rows per leaf.")
    var gbdtMinDataInLeaf: Int = 50
    @Option(help: "Gradient boosting: L2 penalty on leaf values.")
    var gbdtL2: Double = 0
    @Option(help: "Gradient boosting: share of features per tree.")
    var gbdtFeatureFraction: Double = 1
    @Option(help: "Gradient boosting: share of rows per tree.")
    var gbdtBaggingFraction: Double = 1
    @Option(help: "Random seed (row sampling, bagging, feature sampling).")
    var seed: UInt64 = 42
    @Option(help: "Threads for gradient boosting (default: all cores; the bundles are the same bytes for any count).")
    var threads: Int?
    @Option(help: "Candidates the model search compares out of time: the two configured models, then the search grid in a fixed order (2 for no search). The same bundle for a seed on any machine.")
    var searchCandidates: Int = 12
    @Option(help: ArgumentHelp("Stop starting candidates after this time (60s, 5m); the bundle records a search cut short, which then depends on the machine's speed.",
                               valueName: "time"))
    var searchBudget: String?

    /// `--threads` or every core.
    var resolvedThreads: Int { max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount) }

    /// The settings these flags describe.
    func settings(horizonDays: Int) throws -> TrainingSettings {
        let weighting = logisticClassWeight
        try require(stepDays > 0, "--step-days", stepDays, expected: "1 or more")
        if let maxCutoffs { try require(maxCutoffs > 0, "--max-cutoffs", maxCutoffs, expected: "1 or more") }
        try require(maxTrainingRows > 0, "--max-training-rows", maxTrainingRows, expected: "1 or more")
        try require(loyalTopShare > 0 && loyalTopShare < 1, "--loyal-top-share", loyalTopShare, expected: "a share between 0 and 1")
        try require(logisticL2 >= 0, "--logistic-l2", logisticL2, expected: "0 or more")
        try require(logisticL1 >= 0, "--logistic-l1", logisticL1, expected: "0 or more")
        try require(gbdtTrees > 0, "--gbdt-trees", gbdtTrees, expected: "1 or more")
        try require(gbdtLeaves >= 2, "--gbdt-leaves", gbdtLeaves, expected: "2 or more")
        if let gbdtMaxDepth { try require(gbdtMaxDepth >= 1, "--gbdt-max-depth", gbdtMaxDepth, expected: "1 or more") }
        try require((2...256).contains(gbdtMaxBins), "--gbdt-max-bins", gbdtMaxBins, expected: "2 to 256")
        try require(gbdtLearningRate > 0, "--gbdt-learning-rate", gbdtLearningRate, expected: "more than 0")
        try require(gbdtMinDataInLeaf >= 1, "--gbdt-min-data-in-leaf", gbdtMinDataInLeaf, expected: "1 or more")
        try require(gbdtL2 >= 0, "--gbdt-l2", gbdtL2, expected: "0 or more")
        try require(gbdtFeatureFraction > 0 && gbdtFeatureFraction <= 1, "--gbdt-feature-fraction", gbdtFeatureFraction, expected: "a share in (0, 1]")
        try require(gbdtBaggingFraction > 0 && gbdtBaggingFraction <= 1, "--gbdt-bagging-fraction", gbdtBaggingFraction, expected: "a share in (0, 1]")
        if let threads { try require(threads >= 1, "--threads", threads, expected: "1 or more") }
        try require(searchCandidates >= 2, "--search-candidates", searchCandidates, expected: "2 or more")
        let budgetSeconds = try searchBudget.map(Self.parseSeconds)
        return TrainingSettings(
            horizonDays: horizonDays, stepDays: stepDays, maxCutoffs: maxCutoffs, maxTrainingRows: maxTrainingRows,
            loyalTopShare: loyalTopShare, logistic: .init(l2: logisticL2, l1: logisticL1, classWeight: weighting),
            gbdt: .init(trees: gbdtTrees, tree: .init(maxLeaves: gbdtLeaves, maxDepth: gbdtMaxDepth,
                                                      split: .init(l2: gbdtL2, minDataInLeaf: gbdtMinDataInLeaf),
                                                      learningRate: gbdtLearningRate),
                        maxBins: gbdtMaxBins, featureFraction: gbdtFeatureFraction, baggingFraction: gbdtBaggingFraction, seed: seed),
            seed: seed, searchCandidates: searchCandidates, searchBudgetSeconds: budgetSeconds)
    }

    /// `--search-budget`: seconds (`90`, `90s`) or minutes (`5m`), more than 0.
    static func parseSeconds(_ text: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var number = Substring(trimmed), scale = 1.0
        if trimmed.hasSuffix("s") { number = number.dropLast() } else if trimmed.hasSuffix("m") { number = number.dropLast(); scale = 60 }
        guard let value = Double(number), value.isFinite, value > 0 else {
            throw OrderHistoryError.invalidOption(option: "--search-budget", value: text, expected: "a time such as 60s or 5m")
        }
        return value * scale
    }
}
