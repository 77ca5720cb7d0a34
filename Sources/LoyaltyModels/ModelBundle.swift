import Foundation
import Features
import OrderHistory
import ScoringCore

/// One trained target, as saved in `models/<target>.json`: the chosen model (refitted on every cutoff),
/// the schedule it learned from, its out-of-time leaderboard, the typical value of each feature (for
/// reasons in plain words) and a fingerprint of the data. No customer ids or personal data.
public struct ModelBundle: Codable, Sendable, Equatable {
    /// The bundle format this build writes and reads.
    public static let currentFormatVersion = 2

    /// The bundle format version.
    public var formatVersion: Int
    /// `churn` or `loyal-candidate`.
    public var target: PredictionTarget
    /// The training cutoff T (yyyy-MM-dd): no data after it was read.
    public var asOf: String
    /// The label horizon H in days.
    public var horizonDays: Int
    /// Every training cutoff, latest first.
    public var cutoffs: [String]
    /// The out-of-time cutoff, T − H.
    public var heldOutCutoff: String
    /// The cutoffs the evaluated models were fitted on (≤ T − 2H).
    public var evaluationFitCutoffs: [String]
    /// Share of active customers by trailing spend that counts as loyal.
    public var loyalTopShare: Double
    /// The algorithm kept (`logistic` or `gbdt`): the better out-of-time ROC AUC.
    public var chosen: String
    /// Out-of-time results of every candidate and of the baseline, best first.
    public var leaderboard: [LeaderboardEntry]
    /// The chosen model, refitted on all cutoffs.
    public var model: ModelFile
    /// Median of each feature over the training rows (NaN when always missing), by feature name.
    public var typicalValues: [String: Double]
    /// Rows in the label population over all cutoffs, before sampling.
    public var populationRows: Int
    /// Rows the final model was fitted on.
    public var trainingRows: Int
    /// What the data looked like (counts and a content hash; no ids).
    public var fingerprint: DataFingerprint
    /// The settings used.
    public var settings: TrainingSettings
    /// Whether the chosen model beat the baseline out of time (a higher ROC AUC on the held-out cutoff);
    /// when false, `loyalty calllist` ranks this target's list by the baseline and says so. Nil in bundles
    /// written before it was recorded (read as true).
    public var beatsBaseline: Bool?
    /// Each model feature's distribution over the training rows, for the drift check at scoring time.
    /// Nil in bundles written before it was recorded.
    public var featureDistributions: [String: FeatureDistribution]?
    /// The calibration applied to the model's probabilities, with how it was chosen and its out-of-time
    /// log loss before and after. Nil in bundles written before calibration (probabilities as they are).
    public var calibration: CalibrationChoice?
    /// How many candidates the model search tried, and whether its time budget cut it short. Nil in
    /// bundles written before the search.
    public var search: SearchSummary?
    /// The chosen candidate's calibrated probabilities on the reporting half of the held-out cutoff, as
    /// curves for the report (before the refit, so out of time); nil in bundles written before.
    public var heldOutCurves: ModelCurves?

    /// The out-of-time entry of the chosen model.
    public var chosenEntry: LeaderboardEntry? { leaderboard.first { $0.model == chosen } }
    /// The out-of-time entry of the baseline.
    public var baselineEntry: LeaderboardEntry? { leaderboard.first { $0.model == "baseline" } }

    /// The calibrated probability of the target for each row of `dataset` (what `score` writes and
    /// `evaluate` measures).
    public func probabilities(_ dataset: Dataset, threads: Int = 1) throws -> [Double] {
        let raw = try model.probabilities(dataset, threads: threads)
        return calibration?.calibration.apply(raw) ?? raw
    }

    /// The JSON bytes (sorted keys, indented; NaN and infinities as strings).
    public func encoded() throws -> Data {
        try ModelFile.jsonEncoder().encode(self)
    }

    /// Reads a bundle; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws -> ModelBundle {
        struct VersionProbe: Decodable { var formatVersion: Int }
        let decoder = ModelFile.jsonDecoder()
        guard let probe = try? decoder.decode(VersionProbe.self, from: data) else {
            throw LoyaltyModelsError.invalidBundle(file: file, reason: "not JSON with a formatVersion")
        }
        guard probe.formatVersion == currentFormatVersion else {
            let retrain = probe.formatVersion < currentFormatVersion
                ? " (version 2 names the features made from event types and customer columns event:… and customer:…); retrain it with `loyalty train`"
                : "; it was written by a newer loyalty"
            throw LoyaltyModelsError.invalidBundle(
                file: file, reason: "format version \(probe.formatVersion); this build reads \(currentFormatVersion)" + retrain)
        }
        do {
            return try decoder.decode(ModelBundle.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw LoyaltyModelsError.invalidBundle(file: file, reason: "missing field \"\(key.stringValue)\"")
        } catch {
            throw LoyaltyModelsError.invalidBundle(file: file, reason: "\(error)")
        }
    }

    /// The bundle file of `target` in `folder`.
    public static func path(folder: String, target: PredictionTarget) -> String {
        (folder as NSString).appendingPathComponent("\(target.rawValue).json")
    }

    /// Every bundle found in `folder`, by target; an error when there is none.
    public static func loadAll(folder: String) throws -> [PredictionTarget: ModelBundle] {
        try checkFolder(folder)
        var bundles: [PredictionTarget: ModelBundle] = [:]
        for target in PredictionTarget.allCases where FileManager.default.fileExists(atPath: path(folder: folder, target: target)) {
            bundles[target] = try load(folder: folder, target: target)
        }
        guard !bundles.isEmpty else { throw LoyaltyModelsError.missingBundle(folder: folder, target: "churn or loyal-candidate") }
        return bundles
    }

    /// Loads the bundle of `target` from `folder`; a bundle of another target under this name (a
    /// `loyal-candidate.json` copied to `churn.json`) is an error, not a model scored as the wrong thing.
    public static func load(folder: String, target: PredictionTarget) throws -> ModelBundle {
        try checkFolder(folder)
        let file = path(folder: folder, target: target)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw LoyaltyModelsError.missingBundle(folder: folder, target: target.rawValue)
        }
        let bundle = try decode(data, file: file)
        guard bundle.target == target else {
            throw LoyaltyModelsError.bundleOfAnotherTarget(file: file, found: bundle.target.rawValue, expected: target.rawValue)
        }
        return bundle
    }

    /// Checks that `table` has every feature the model reads; a missing one is said with the input it
    /// comes from ("the churn bundle was trained with --events"), not as a bare missing column.
    public func checkInputs(_ table: FeatureTable) throws {
        let missing = model.featureNames.filter { table.column($0) == nil }
        guard let first = missing.first else { return }
        var flags: [String] = []
        for name in missing {
            let flag: String
            switch FeatureCatalog.descriptor(for: name).input {
            case .events: flag = "--events"
            case .customers: flag = "--customers"
            case .surveys: flag = "--surveys"
            case .orders, nil: continue
            }
            if !flags.contains(flag) { flags.append(flag) }
        }
        throw LoyaltyModelsError.missingInput(target: target.rawValue, flags: flags, feature: first, moreCount: missing.count - 1)
    }

    /// A `--models` path that exists but is not a folder (a bundle file given instead of its folder) is
    /// said so; a missing folder is left to the missing-bundle error.
    private static func checkFolder(_ folder: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw LoyaltyModelsError.modelsPathIsAFile(path: folder)
        }
    }
}

/// One model's out-of-time result on the held-out cutoff.
public struct LeaderboardEntry: Codable, Sendable, Equatable {
    /// `logistic`, `gbdt` or `baseline`.
    public var model: String
    /// ROC AUC.
    public var rocAUC: Double
    /// Average precision (PR-AUC).
    public var averagePrecision: Double
    /// Log loss (nil for the baseline, which is a ranking, not a probability).
    public var logLoss: Double?
    /// Brier score (nil for the baseline).
    public var brierScore: Double?
    /// Positive rate in the top 10% by score over the overall rate.
    public var topDecileLift: Double
    /// Rows of the held-out population measured (in bundles, its reporting half).
    public var rows: Int
    /// Share of positives among them.
    public var positiveRate: Double
    /// ROC AUC on the choosing half of the held-out customers, which picked the model (nil outside the
    /// training leaderboard).
    public var selectionRocAUC: Double?
    /// Fit time in seconds is left out on purpose: bundles must be the same bytes on every run.

    /// The entry for scores of a model (`probabilities`) or of the baseline (`probabilities` nil).
    public init(model: String, scores: [Double], labels: [Double], isProbability: Bool) {
        self.model = model
        let metrics = isProbability ? BinaryMetrics(probabilities: scores, labels: labels) : nil
        rocAUC = BinaryMetrics.rocAUC(scores: scores, labels: labels)
        averagePrecision = BinaryMetrics.averagePrecision(scores: scores, labels: labels)
        logLoss = metrics?.logLoss
        brierScore = metrics?.brierScore
        rows = labels.count
        let positives = labels.reduce(0, +)
        positiveRate = labels.isEmpty ? 0 : positives / Double(labels.count)
        // Top decile by score, ties broken by row order (stable).
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        let top = order.prefix(max(1, labels.count / 10))
        let topRate = top.reduce(0.0) { $0 + labels[$1] } / Double(max(1, top.count))
        topDecileLift = positiveRate > 0 ? topRate / positiveRate : 0
    }
}

/// How far the model search went.
public struct SearchSummary: Codable, Sendable, Equatable {
    /// Candidates in the search (`--search-candidates`).
    public var candidatesPlanned: Int
    /// Candidates fitted and on the leaderboard.
    public var candidatesTried: Int
    /// The time budget in seconds (`--search-budget`), if any.
    public var budgetSeconds: Double?
    /// Whether the budget stopped the search before every candidate was tried (the bundle then depends
    /// on the machine's speed).
    public var cutShort: Bool
}

/// What the training data looked like, to tell later whether a bundle was trained on the same data:
/// counts, date range, total amount and a hash of (customer index, day, amount, flags) of every order
/// on or before the training cutoff (later orders were never read, so they do not change it).
public struct DataFingerprint: Codable, Sendable, Equatable {
    /// Orders read.
    public var orders: Int
    /// Customers with an order up to the cutoff (counted; no id is stored).
    public var customers: Int
    /// First and last order day (yyyy-MM-dd).
    public var firstOrderDay: String, lastOrderDay: String
    /// Sum of order amounts, rounded to cents.
    public var totalAmount: Double
    /// FNV-1a hash of the order log, as 16 hex digits.
    public var orderHash: String
    /// Which optional files were given.
    public var events: Int?, surveys: Int?, customerFileRows: Int?
    /// Median amount of the purchases (not returns) up to the cutoff: the scale of the currency, to tell
    /// a bundle trained in yen from data in pounds. Nil in bundles written before it was recorded.
    public var medianOrderValue: Double?

    /// The fingerprint of the orders of `history` up to `through`.
    public init(_ history: CustomerHistory, through: Int32) {
        let log = history.orders
        var count = 0
        var last = Int32.min
        var seen = [Bool](repeating: false, count: history.registry.count)
        var total = 0.0
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ value: UInt64) {
            var value = value
            for _ in 0..<8 {
                hash = (hash ^ (value & 0xff)) &* 0x100_0000_01b3
                value >>= 8
            }
        }
        for index in 0..<log.count where log.day[index] <= through {
            count += 1
            seen[Int(log.customerIndex[index])] = true
            last = max(last, log.day[index])
            total += log.amount[index]
            mix(UInt64(UInt32(bitPattern: log.customerIndex[index])) << 32 | UInt64(UInt32(bitPattern: log.day[index])))
            mix(log.amount[index].bitPattern)
            mix(UInt64(log.flags[index].rawValue))
        }
        orders = count
        customers = seen.reduce(0) { $0 + ($1 ? 1 : 0) }
        firstOrderDay = history.firstOrderDay.map(CalendarDay.isoString) ?? ""
        lastOrderDay = count > 0 ? CalendarDay.isoString(last) : ""
        totalAmount = (total * 100).rounded() / 100
        orderHash = String(hash, radix: 16).leftPadded(to: 16)
        events = history.events.map { $0.day.filter { $0 <= through }.count }
        surveys = history.surveys.map { $0.day.filter { $0 <= through }.count }
        customerFileRows = history.customers?.count
        medianOrderValue = DataFingerprint.medianOrderValue(history.orders, through: through)
    }

    /// The median purchase amount (returns left out) of `log` up to `through`; nil without purchases.
    public static func medianOrderValue(_ log: OrderLog, through: Int32) -> Double? {
        let amounts = (0..<log.count).filter { log.day[$0] <= through && !log.flags[$0].contains(.isReturn) }.map { log.amount[$0] }
        return amounts.isEmpty ? nil : FeatureTransform.median(amounts)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
