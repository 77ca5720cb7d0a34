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
            Needs orders through --as-of + the bundle's horizon. For an honest check, train as of a date \
            and evaluate at that date on a history that goes on past it.

            Example:
              loyalty train --orders notebooks-data/orders.csv --as-of 2024-10-02 --models backtest
              loyalty evaluate --orders notebooks-data/orders.csv --models backtest --as-of 2024-10-02
            """
    )

    @OptionGroup var history: HistoryOptions
    @Option(help: "Folder with the bundles.")
    var models: String
    @Option(help: "Calls on the list whose outcome is measured (how many of them churned or became loyal).")
    var capacity: Int = Evaluation.defaultCapacity
    @Flag(help: "Allow --as-of before the bundles' training cutoff (the labels then overlap the training data and flatter the model).")
    var allowInSample = false
    @Flag(help: "Print the result as one JSON object.")
    var json = false
    @Flag(help: "No progress lines.")
    var quiet = false

    @OptionGroup var settingsFile: ConfigOption

    func run() throws {
        guard capacity > 0 else { throw UsageError(message: "--capacity \(capacity): expected 1 or more") }
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
            results.append(try Evaluation.evaluate(bundle, history: loaded, asOf: asOf, capacity: capacity,
                                                   allowInSample: allowInSample))
        }
        if json {
            print(try jsonText(["results": results]))
            return
        }
        for result in results {
            print("\(result.target.rawValue) (trained as of \(result.trainedAsOf)), evaluated as of \(result.asOf) "
                + "against the \(result.horizonDays) days after it:")
            print(leaderboardTable([result.model, result.baseline]))
            if result.inSample {
                print("  warning: evaluated before the training cutoff (--allow-in-sample): these numbers flatter the model")
            }
            print(callListText(result))
        }
    }
}

/// `evaluate`'s call-list measures in words: of the N calls, how many had the outcome, against random
/// calls and the baseline, and the value covered, each with its 95% interval; then the gains by decile.
func callListText(_ result: Evaluation.Result) -> String {
    let outcome = result.callList
    let what = result.target == .churn ? "churned" : "became loyal"
    func count(_ estimate: Evaluation.Estimate) -> String {
        String(format: "%.0f (95%%: %.0f-%.0f)", estimate.value, estimate.lower, estimate.upper)
    }
    func money(_ estimate: Evaluation.Estimate) -> String {
        "\(wholeMoney(estimate.value)) (95%: \(wholeMoney(estimate.lower))-\(wholeMoney(estimate.upper)))"
    }
    var lines = [
        "  of the \(grouped(outcome.calls)) calls on the list (of \(grouped(outcome.population)) customers), \(count(outcome.modelHits)) \(what), "
            + "against \(count(outcome.randomHits)) if called at random and \(count(outcome.baselineHits)) by the baseline",
        "  value of those customers: \(money(outcome.modelValueCovered)) (baseline \(money(outcome.baselineValueCovered))) "
            + "of \(wholeMoney(outcome.totalValueWithOutcome)) in all",
        "  decile   rows  \(what)   rate  predicted   lift  cumulative gain",
    ]
    for decile in result.gains {
        lines.append(String(format: "  %6d %6d %9d %6.1f%% %9.1f%% %6.2f %8.1f%%", decile.decile, decile.rows, decile.positives,
                            100 * decile.rate, 100 * (decile.meanScore ?? .nan), decile.lift, 100 * decile.cumulativeGain))
    }
    return lines.joined(separator: "\n")
}
