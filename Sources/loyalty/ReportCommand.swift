import ArgumentParser
import Campaigns
import Features
import Foundation
import LoyaltyModels
import OrderHistory
import Outreach
import Reporting

/// `loyalty report`: one self-contained HTML page with charts, for people to look at.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report: KPIs, the customer base, each model's out-of-time charts, drift, the call list and measured outcomes.",
        discussion: """
            Reads the same data as score (--orders and the optional --customers, --events, --surveys) for the \
            KPIs, the customer base, feature impact and drift as of --as-of (default: the last order day). Each \
            model's charts come from an out-of-time measurement: with orders running the bundle's horizon past \
            --as-of (a back-test), it is scored at --as-of and measured on what happened after, as `evaluate` \
            does; otherwise from the curves recorded at training on the reporting half of the held-out cutoff. \
            --calllist (the JSON of `calllist --out F.json`) adds the list's rows, exclusions and reasons; \
            --outcomes (the JSON of `outcomes --out F.json`) the measured lift of past calls. The page has no \
            script and fetches nothing (inline SVG and CSS), prints on A4, and is the same bytes for the same inputs.

            Example:
              loyalty report --orders notebooks-data/orders.csv --surveys notebooks-data/surveys.csv \\
                  --models models --calllist calllist.json --outcomes outcomes.json --out report.html
            """
    )

    @OptionGroup var history: HistoryOptions
    @Option(help: "Folder with the bundles.")
    var models: String
    @Option(help: "The scores file of this run (its count and mean probabilities go in the headline).")
    var scores: String?
    @Option(help: "The call list as JSON (calllist --out F.json).")
    var calllist: String?
    @Option(help: "Measured outcomes as JSON (outcomes --out F.json).")
    var outcomes: String?
    @Option(help: "Where to write the report (.html).")
    var out: String
    @Option(help: "Language of the page.")
    var lang: ReasonLanguage = .en
    @Option(help: "Threads for TreeSHAP (default: all cores; the output is the same for any count).")
    var threads: Int?
    @Flag(help: "No progress lines.")
    var quiet = false

    @OptionGroup var settingsFile: ConfigOption

    func run() throws {
        try OutputPath.check(out)
        let progress = Progress(quiet: quiet)
        let found = try ModelBundle.loadAll(folder: models)
        let bundles = PredictionTarget.allCases.compactMap { found[$0] }
        guard !bundles.isEmpty else {
            throw UsageError(message: "--models \(models): no churn.json or loyal-candidate.json there; train first")
        }
        let callList = try calllist.map { path in try CallListDigest.read(try readFile(path, flag: "--calllist"), file: path) }
        let outcomeReport = try outcomes.map { path -> OutcomeReport in
            do {
                return try JSONDecoder().decode(OutcomeReport.self, from: try readFile(path, flag: "--outcomes"))
            } catch let error as DecodingError {
                throw ReportError.unreadable(file: path, expected: "measured outcomes as `loyalty outcomes --out F.json` writes them", detail: "\(error)")
            }
        }
        let scored = try scores.map(ScoresFile.read)
        progress.step("reading \(history.orders)")
        let loaded = try history.load(outputFolder: (out as NSString).deletingLastPathComponent)
        let asOf = try history.cutoff(loaded)
        let workers = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        progress.step("measuring as of \(CalendarDay.isoString(asOf))")
        let loyalTopShare = bundles[0].loyalTopShare
        let table = loaded.featureTable(at: asOf, loyaltyRule: LoyaltyRule(topShare: loyalTopShare))
        let timeline = CustomerTimeline(log: loaded.orders, customerCount: loaded.registry.count)
        let surveys = loaded.surveys.map { ($0, CustomerTimeline(customerIndex: $0.customerIndex, day: $0.day, customerCount: loaded.registry.count)) }
        func kpis(at day: Int32, table: FeatureTable) -> KPIs {
            KPIs(log: loaded.orders, timeline: timeline, surveys: surveys, asOfDay: day, periodDays: 365,
                 ltv: table.values(of: ValueFeatures.lifetimeValue), segments: Segments.rfmRank(table, loyalTopShare: loyalTopShare),
                 firstDataDay: loaded.firstOrderDay)
        }
        // The year before, only when the data covers all of it (a year cut to its last days would compare
        // a few days' customers with a whole year's).
        let previousDay = asOf - 365
        let previous = (loaded.firstOrderDay ?? asOf) <= previousDay - 364
            ? kpis(at: previousDay, table: loaded.featureTable(at: previousDay, loyaltyRule: LoyaltyRule(topShare: loyalTopShare))) : nil
        var modelReports: [ModelReport] = []
        for bundle in bundles {
            progress.step("\(bundle.target.rawValue): curves, impact and drift")
            let trained = CalendarDay.parseISO(bundle.asOf) ?? asOf
            let hasFuture = (loaded.lastOrderDay ?? asOf) >= asOf + Int32(bundle.horizonDays)
            // The table at T already built serves every bundle with the same loyalty rule.
            let diagnostics = try BatchScorer.diagnostics(bundle, history: loaded, asOf: asOf,
                                                          table: bundle.loyalTopShare == loyalTopShare ? table : nil, threads: workers)
            if hasFuture && asOf >= trained {
                let result = try Evaluation.evaluate(bundle, history: loaded, asOf: asOf)
                modelReports.append(ModelReport(bundle: bundle, curves: result.curves, source: .evaluated(result), diagnostics: diagnostics))
            } else {
                modelReports.append(ModelReport(bundle: bundle, curves: bundle.heldOutCurves, source: bundle.heldOutCurves == nil ? .none : .heldOut,
                                                diagnostics: diagnostics))
            }
        }
        var inputs = ReportInputs(
            asOf: CalendarDay.isoString(asOf), orders: loaded.orders.count, customers: loaded.registry.count,
            firstOrderDay: loaded.firstOrderDay.map(CalendarDay.isoString) ?? "-", lastOrderDay: loaded.lastOrderDay.map(CalendarDay.isoString) ?? "-",
            kpis: kpis(at: asOf, table: table), previousKPIs: previous,
            base: CustomerBase(table: table, loyalTopShare: loyalTopShare, language: lang), models: modelReports,
            callList: callList, outcomes: outcomeReport)
        inputs.scores = scored.map { ScoresDigest(scores: $0) }
        let page = HTMLReport.render(inputs, language: lang)
        try AtomicFile.write(Data(page.utf8), to: out)
        if !quiet {
            let charts = page.components(separatedBy: "<figure class=\"chart\"").count - 1
            printError("wrote \(out): \(charts) charts as of \(CalendarDay.isoString(asOf))")
        }
    }

    private func readFile(_ path: String, flag: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError(message: "\(flag) \(path): cannot read the file")
        }
        return data
    }
}
