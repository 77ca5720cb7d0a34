import ArgumentParser
import Features
import Foundation
import LoyaltyModels
import OrderHistory

/// `loyalty evaluate`: saved bundles measured on a future they never saw.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score saved bundles at --as-of and measure them against what happened in the horizon after it.",
        discussion: """
            Needs orders through --as-of + the bundle's horizon. For an honest check, train as of a date \\
            and evaluate at that date on a history that goes on past it.

            Example:
              loyalty train --orders notebooks-data/orders.csv --as-of 2024-10-02 --models backtest
              loyalty evaluate --orders notebooks-data/orders.csv --models backtest --as-of 2024-10-02
            """
    )

    @OptionGroup var history: HistoryOptions
    @Option(help: "Folder with the bundles.")
    var models: String
    @Flag(help: "Print the result as one JSON object.")
    var json = false
    @Flag(help: "No progress lines.")
    var quiet = false

    func run() throws {
        let progress = Progress(quiet: quiet)
        let found = try ModelBundle.loadAll(folder: models)
        let bundles = PredictionTarget.allCases.compactMap { found[$0] }
        guard history.asOf != nil else { throw UsageError(message: "evaluate needs --as-of (a date with --horizon days of orders after it)") }
        progress.step("reading \(history.orders)")
        let loaded = try history.load(outputFolder: ".")
        let asOf = try history.cutoff(loaded)
        var results: [Evaluation.Result] = []
        for bundle in bundles {
            progress.step("evaluating \(bundle.target.rawValue)")
            results.append(try Evaluation.evaluate(bundle, history: loaded, asOf: asOf))
        }
        if json {
            print(try jsonText(["results": results]))
            return
        }
        for result in results {
            print("\(result.target.rawValue) (trained as of \(result.trainedAsOf)), evaluated as of \(result.asOf) "
                + "against the \(result.horizonDays) days after it:")
            print(leaderboardTable([result.model, result.baseline]))
        }
    }
}
