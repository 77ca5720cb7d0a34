import ArgumentParser
import Foundation
import LoyaltyModels
import OrderHistory

/// `loyalty run --config loyalty.toml`: the weekly job in one command, for cron.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the weekly job from a config file: train when the bundles are missing or too old, score every customer, write the call list.",
        discussion: """
            Each step is the command a user would type, with --config F: it takes the file's [data] table \
            and its own table ([train], [score], [calllist]). Run passes every step the same as-of date and \
            its own --models, --scores and --out, which win over the file's. The as-of date is --as-of, else \
            the last order date in [data]'s orders file (read once more for it; --as-of saves that read).

            The bundles are retrained (the [train] settings) when none is in --models, when one was trained \
            as of more than --retrain-after days before the as-of date or after it, or with --retrain. Any step that \
            fails stops the run with its exit code; outputs of earlier steps stay (each was written whole).

            Example (cron, Mondays at 6:00):
              0 6 * * 1  cd /srv/loyalty && loyalty run --config loyalty.toml --quiet
            """
    )

    @Option(help: "Folder with the bundles (trained into when they are missing or too old).")
    var models: String = "models"
    @Option(help: "Where score writes the scores (CSV).")
    var scores: String = "scores.csv"
    @Option(help: "Where calllist writes the call list (CSV, or JSON for .json).")
    var out: String = "calllist.csv"
    @Option(help: "Retrain when the bundles were trained as of more than this before the as-of date: days (28d) or weeks (4w).")
    var retrainAfter: String = "28d"
    @Flag(help: "Retrain whatever the bundles' age.")
    var retrain = false
    @Option(help: "Cutoff date (yyyy-MM-dd) for every step. Default: the last order date.")
    var asOf: String?
    @Flag(help: "No progress lines from the steps.")
    var quiet = false

    @OptionGroup var settingsFile: ConfigOption

    func run() throws {
        guard let config = settingsFile.config else {
            throw UsageError(message: "loyalty run reads its steps from a config file: give --config F (loyalty init writes one)")
        }
        let maximumAge = try parseDays(retrainAfter, flag: "--retrain-after")
        let day = try asOf.map { text -> Int32 in
            guard let day = CalendarDay.parseISO(text) else {
                throw OrderHistoryError.invalidOption(option: "--as-of", value: text, expected: "a date as yyyy-MM-dd")
            }
            return day
        } ?? lastOrderDay(config: config)
        let date = CalendarDay.isoString(day)
        let common = ["--config", config, "--as-of", date] + (quiet ? ["--quiet"] : [])
        if let reason = try retrainReason(asOf: day, maximumAge: maximumAge) {
            printError("== train as of \(date): \(reason)")
            try runStep(["train"] + common + ["--models", models])
        } else {
            printError("== bundles in \(models) are recent enough; not retrained")
        }
        printError("== score as of \(date)")
        try runStep(["score"] + common + ["--models", models, "--out", scores])
        printError("== call list as of \(date)")
        try runStep(["calllist"] + common + ["--scores", scores, "--out", out])
    }

    /// Why the bundles must be trained again, or nil when they are recent enough.
    private func retrainReason(asOf day: Int32, maximumAge: Int) throws -> String? {
        if retrain { return "--retrain" }
        let present = PredictionTarget.allCases.filter {
            FileManager.default.fileExists(atPath: ModelBundle.path(folder: models, target: $0))
        }
        if present.isEmpty { return "no bundle in \(models)" }
        for target in present {
            let bundle = try ModelBundle.load(folder: models, target: target)
            guard let trained = CalendarDay.parseISO(bundle.asOf) else { return "\(target.rawValue).json has no readable as-of date" }
            if trained > day {
                return "\(target.rawValue).json was trained as of \(bundle.asOf), after the as-of date (it has seen days the scores must not)"
            }
            if day - trained > maximumAge {
                return "\(target.rawValue).json was trained as of \(bundle.asOf), \(day - trained) days before (--retrain-after \(retrainAfter))"
            }
        }
        return nil
    }

    /// The last order day of the orders file the config's `train` settings name, read with their mapping.
    private func lastOrderDay(config: String) throws -> Int32 {
        let expansion = try ConfigFile.expand(["train", "--config", config, "--models", models])
        let parsed: ParsableCommand
        do {
            parsed = try Loyalty.parseAsRoot(expansion.arguments)
        } catch {
            // Said as what the file lacks, not as train's usage.
            throw UsageError(message: "\(config): loyalty run takes the inputs from [data] (or [train]): \(Loyalty.message(for: error))")
        }
        guard let train = parsed as? Train else { throw UsageError(message: "\(config): cannot read the train settings") }
        var registry = CustomerRegistry()
        let summary = try OrderReader.read(path: train.history.orders, options: try train.history.input.readOptions(),
                                           registry: &registry).summary
        guard let last = summary.lastDay else {
            throw UsageError(message: "\(train.history.orders): no orders, so no default --as-of")
        }
        return last
    }
}
