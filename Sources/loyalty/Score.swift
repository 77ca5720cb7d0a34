import ArgumentParser
import Features
import Foundation
import LoyaltyModels
import OrderHistory
import Outreach

/// `loyalty score`: one row per customer from the saved bundles.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score every customer with a purchase: churn and loyal-candidate probabilities, value, deciles, RFM rank, LTV × NPS cell, top reasons.",
        discussion: """
            Reads the bundles DIR/churn.json and DIR/loyal-candidate.json (either may be missing: its columns \
            stay empty). Reasons come from the model (TreeSHAP for trees, coefficient × distance from the \
            mean for logistic regression), with the customer's own numbers and the typical value in training.

            Example:
              loyalty score --orders notebooks-data/orders.csv \\
                  --surveys notebooks-data/surveys.csv \\
                  --models models --out scores.csv --lang ja
            """
    )

    @OptionGroup var history: HistoryOptions
    @Option(help: "Folder with the bundles.")
    var models: String
    @Option(help: "Where to write the scores (CSV).")
    var out: String
    @Option(help: "Language of the reasons.")
    var lang: ReasonLanguage = .en
    @Option(help: "Threads for TreeSHAP (default: all cores; the output is the same for any count).")
    var threads: Int?
    @Flag(help: "Print a JSON summary (counts and warnings) on stdout, or on stderr when --out is -.")
    var json = false
    @Flag(help: "Turn every warning (data unlike the training data, models older than their horizon, a model that does not beat its baseline) into exit 1, for scheduled runs.")
    var strict = false
    @Flag(help: "Write the probabilities as shortest round-trip doubles instead of 6 decimals (to compare with export-sql's).")
    var fullPrecision = false
    @Flag(help: "No progress lines.")
    var quiet = false

    @OptionGroup var settingsFile: ConfigOption

    func run() throws {
        try OutputPath.check(out)
        let progress = Progress(quiet: quiet)
        let bundles = try ModelBundle.loadAll(folder: models)
        progress.step("reading \(history.orders)")
        let loaded = try history.load(outputFolder: (out as NSString).deletingLastPathComponent)
        let asOf = try history.cutoff(loaded)
        progress.step("scoring as of \(CalendarDay.isoString(asOf))")
        let uplift = try UpliftBundle.loadIfPresent(folder: models, target: .retentionUplift)
        let (scores, warnings) = try BatchScorer.score(history: loaded, asOf: asOf, churn: bundles[.churn],
                                                       loyalCandidate: bundles[.loyalCandidate], retentionUplift: uplift,
                                                       threads: max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        for warning in warnings { printError("warning: \(warning.message)") }
        if strict, let first = warnings.first { throw LoyaltyModelsError.strictWarnings(count: warnings.count, first: first.message) }
        try ScoresFile.write(scores, to: out, language: lang, fullPrecision: fullPrecision)
        let churned = scores.filter { !$0.churnProbability.isNaN }.count
        let candidates = scores.filter { !$0.loyalCandidateProbability.isNaN }.count
        if json {
            struct Summary: Encodable {
                var out: String
                var asOf: String
                var customers: Int
                var withChurnProbability: Int
                var withLoyalCandidateProbability: Int
                var warnings: [ScoringWarning]
            }
            let text = try jsonText(Summary(out: out, asOf: CalendarDay.isoString(asOf), customers: scores.count,
                                            withChurnProbability: churned, withLoyalCandidateProbability: candidates, warnings: warnings))
            printReport(text, besideOutput: out)
        }
        if !quiet {
            printError("wrote \(out): \(grouped(scores.count)) customers as of \(CalendarDay.isoString(asOf)) "
                + "(\(grouped(churned)) with a churn probability, \(grouped(candidates)) with a loyal-candidate probability)")
        }
    }
}
