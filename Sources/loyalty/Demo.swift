import ArgumentParser
import Features
import Foundation
import OrderHistory
import Outreach

/// `loyalty demo`: the whole weekly job on the bundled sample data, as the commands a user would type.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole job on the sample data: train, evaluate out of time, score, write the call list.",
        discussion: """
            Uses notebooks-data/ (generated with 5,000 customers, seed 42, when missing). Steps, each printed \
            as the command it runs: a back-test (train as of the last order day − 90 and evaluate on the 90 \
            days after it, which the models never saw), then train as of the last order day, score every \
            customer and write the call list (CSV, Excel CSV and JSON); then the outcome loop: the same call \
            list with a 10% control group held out, and the measured lift of six simulated past campaigns \
            (generated into OUT/campaigns, with their true effects in campaign_truth.csv), an uplift model learned from \
            them, and their retention list ranked by uplift beside the one ranked by risk.

            Example:
              loyalty demo --out demo-output
            """
    )

    @Option(help: "Folder for everything the demo writes.")
    var out: String = "demo-output"
    @Option(help: "Folder of the sample data.")
    var data: String = "notebooks-data"
    @Option(help: "Calls on the call list.")
    var capacity: Int = 200
    @Option(help: "Customers of the simulated campaigns' history (the outcome loop and the uplift model).")
    var campaignCustomers: Int = 5000
    @Option(help: "Language of reasons and actions.")
    var lang: ReasonLanguage = .en
    @Option(help: "Candidates each train step's model search compares (train --search-candidates).")
    var searchCandidates: Int = 12
    @Flag(help: "No progress lines.")
    var quiet = false

    @OptionGroup var settingsFile: ConfigOption

    func validate() throws {
        guard campaignCustomers >= 1_000 else {
            throw ValidationError("--campaign-customers \(campaignCustomers): expected 1000 or more (the uplift model needs enough contacts)")
        }
    }

    func run() throws {
        let created = try OutputPath.makeFolder(out, flag: "--out")
        do {
            try runSteps()
        } catch {
            // A failing demo leaves no empty output folder behind (a folder that was there stays).
            if created { try? FileManager.default.removeItem(atPath: out) }
            throw error
        }
    }

    private func runSteps() throws {
        let file = { (name: String) in (data as NSString).appendingPathComponent(name) }
        let output = { (name: String) in (out as NSString).appendingPathComponent(name) }
        if !FileManager.default.fileExists(atPath: file("orders.csv")) {
            try runStep(["generate", "--customers", "5000", "--seed", "42", "--out", data])
        }
        var registry = CustomerRegistry()
        let summary = try OrderReader.read(path: file("orders.csv"), registry: &registry).summary
        guard let last = summary.lastDay else { throw UsageError(message: "\(file("orders.csv")): no orders") }
        let asOf = CalendarDay.isoString(last)
        let backtestAsOf = CalendarDay.isoString(last - 90)
        let inputs = ["--orders", file("orders.csv")]
            + ["customers", "events", "surveys"].flatMap { name in
                FileManager.default.fileExists(atPath: file("\(name).csv")) ? ["--\(name)", file("\(name).csv")] : []
            }
        let quietFlag = quiet ? ["--quiet"] : []
        let search = ["--search-candidates", String(searchCandidates)]
        printError("== back-test: trained as of \(backtestAsOf), measured on the 90 days after it")
        try runStep(["train"] + inputs + ["--as-of", backtestAsOf, "--horizon", "90d", "--models", output("backtest-models")] + search + quietFlag)
        try runStep(["evaluate"] + inputs + ["--as-of", backtestAsOf, "--models", output("backtest-models")] + quietFlag)
        printError("== this week: trained as of \(asOf)")
        try runStep(["train"] + inputs + ["--as-of", asOf, "--horizon", "90d", "--models", output("models")] + search + quietFlag)
        try runStep(["score"] + inputs + ["--as-of", asOf, "--models", output("models"), "--out", output("scores.csv"), "--lang", lang.rawValue] + quietFlag)
        let callList = ["calllist", "--scores", output("scores.csv"), "--customers", file("customers.csv"),
                        "--capacity", String(capacity), "--mix", "retention=0.6,upgrade=0.4", "--lang", lang.rawValue]
        try runStep(callList + ["--out", output("calllist.csv")] + quietFlag)
        try runStep(callList + ["--out", output("calllist-excel.csv"), "--excel", "--quiet"])
        try runStep(callList + ["--out", output("calllist.xlsx"), "--quiet"])
        try runStep(callList + ["--out", output("calllist.json"), "--quiet"])
        printError("== the outcome loop: a control group held out of this week's calls, and the measured lift of past campaigns")
        try runStep(callList + ["--control-share", "0.1", "--seed", "42", "--out", output("calls-with-control.csv"),
                                "--control-out", output("control.csv")] + quietFlag)
        try runStep(["generate", "--customers", String(campaignCustomers), "--seed", "42", "--campaigns", "6", "--orders-only",
                     "--out", output("campaigns")])
        let outcomes = ["outcomes", "--contacts", output("campaigns/contacts.csv"), "--orders", output("campaigns/orders.csv"),
                        "--horizon", "30d", "--cost-per-call", "800"]
        try runStep(outcomes)
        try runStep(outcomes + ["--out", output("outcomes.json")])
        printError("== the report: one HTML page to open from a shared drive, in English and Japanese")
        let report = ["report"] + inputs + ["--as-of", asOf, "--models", output("models"), "--scores", output("scores.csv"),
                                            "--calllist", output("calllist.json"), "--outcomes", output("outcomes.json")] + quietFlag
        try runStep(report + ["--out", output("report.html")])
        try runStep(report + ["--lang", "ja", "--out", output("report-ja.html")])
        printError("== whom a call helps: an uplift model learned from those campaigns, and the list ranked by it beside the risk-ranked one")
        let campaignInputs = ["--orders", output("campaigns/orders.csv"), "--customers", output("campaigns/customers.csv")]
        let campaignModels = output("campaigns/models")
        try runStep(["train"] + campaignInputs + ["--horizon", "90d", "--models", campaignModels] + search + quietFlag)
        try runStep(["train"] + campaignInputs + ["--contacts", output("campaigns/contacts.csv"), "--target", "retention-uplift",
                                                  "--horizon", "30d", "--models", campaignModels] + quietFlag)
        try runStep(["score"] + campaignInputs + ["--models", campaignModels, "--out", output("campaigns/scores.csv")] + quietFlag)
        let campaignList = ["calllist", "--scores", output("campaigns/scores.csv"), "--customers", output("campaigns/customers.csv"),
                            "--capacity", String(capacity), "--mix", "retention=1", "--lang", lang.rawValue, "--quiet"]
        try runStep(campaignList + ["--out", output("campaigns/calllist-by-risk.csv")])
        try runStep(campaignList + ["--rank-by", "uplift", "--out", output("campaigns/calllist-by-uplift.csv")])
        printError("""
            == outputs
              bundles (this week):   \(output("models"))/churn.json, loyal-candidate.json
              bundles (back-test):   \(output("backtest-models"))/
              scores:                \(output("scores.csv"))
              call list:             \(output("calllist.csv")) (Excel workbook: calllist.xlsx, CSV for Excel: calllist-excel.csv, JSON: calllist.json)
              with a control group:  \(output("calls-with-control.csv")), control rows \(output("control.csv"))
              past campaigns:        \(output("campaigns"))/contacts.csv, outcomes \(output("outcomes.json"))
              ranked by uplift:      \(output("campaigns"))/calllist-by-uplift.csv (by risk: calllist-by-risk.csv)
              report:                \(output("report.html")) (Japanese: report-ja.html)
            """)
    }
}
