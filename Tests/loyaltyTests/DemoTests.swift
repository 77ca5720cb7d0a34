import Foundation
import Testing

@Test func demoWritesEveryOutput() throws {
    // A small generated history keeps the debug build quick; `make demo` runs the 5,000-customer sample.
    let folder = CommandLineHarness.folder()
    #expect(try CommandLineHarness.run(["generate", "--customers", "400", "--seed", "3", "--out", folder + "/data"]).exitCode == 0)
    let result = try CommandLineHarness.run(["demo", "--data", folder + "/data", "--out", folder + "/out", "--quiet",
                                             "--campaign-customers", "2500", "--search-candidates", "2"], in: folder)
    #expect(result.exitCode == 0, "\(result.stderr)")
    for name in ["models/churn.json", "models/loyal-candidate.json", "backtest-models/churn.json", "scores.csv", "calllist.csv",
                 "calllist-excel.csv", "calllist.xlsx", "calllist.json", "report.html", "report-ja.html", "calls-with-control.csv", "control.csv", "campaigns/contacts.csv",
                 "outcomes.json", "campaigns/models/retention-uplift.json", "campaigns/calllist-by-uplift.csv",
                 "campaigns/calllist-by-risk.csv"] {
        #expect(FileManager.default.fileExists(atPath: "\(folder)/out/\(name)"), "\(name)")
    }
    #expect(result.stderr.contains("$ loyalty evaluate") && result.stdout.contains("evaluated as of 2024-10-02"))
    // The reports in real headless Chromium (bench/report-check): no request but the page, no console
    // error, every chart drawn with a size, a screenshot that is not blank; in English and Japanese.
    for page in ["report.html", "report-ja.html"] {
        let (status, text) = try runPythonScript("bench/report-check/check_report.py", ["\(folder)/out/\(page)", "--min-charts", "20"])
        #expect(status == 0, "\(page): \(text)")
    }
    #expect(result.stdout.contains("purchase rate") && result.stdout.contains("By campaign"), "the outcomes of past campaigns")
}

/// A demo that fails (here: a bad date in the orders) leaves no output folder behind it.
@Test func aFailingDemoLeavesNoOutputFolder() throws {
    let folder = CommandLineHarness.folder()
    try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
    _ = CommandLineHarness.write(Array("customer_id,order_date,amount\nA,2024-01-01,10\nA,not a date,5\n".utf8), "orders.csv", in: folder + "/data")
    let result = try CommandLineHarness.run(["demo", "--data", folder + "/data", "--out", folder + "/out", "--quiet"], in: folder)
    #expect(result.exitCode == 1 && result.stderr.contains("orders.csv:3"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
}
