import Foundation
import Testing

@Test func runTrainsWhenNeededThenScoresAndWritesTheCallList() throws {
    let folder = CommandLineHarness.folder()
    let template = try smallTemplate(in: folder)
    try template.replacingOccurrences(of: "horizon = \"90d\"", with: "horizon = \"90d\"\ntarget = \"churn\"")
        .write(toFile: folder + "/loyalty.toml", atomically: true, encoding: .utf8)
    let first = try CommandLineHarness.run(["run", "--config", "loyalty.toml", "--quiet"], in: folder)
    #expect(first.exitCode == 0, "\(first.stderr)")
    #expect(first.stderr.contains("== train as of 2024-10-02: no bundle in models"))
    let firstList = try String(contentsOfFile: folder + "/calllist.csv", encoding: .utf8)
    #expect(firstList.split(separator: "\n").count > 1)

    let second = try CommandLineHarness.run(["run", "--config", "loyalty.toml", "--quiet"], in: folder)
    #expect(second.exitCode == 0 && second.stderr.contains("recent enough; not retrained"), "\(second.stderr)")
    #expect(try String(contentsOfFile: folder + "/calllist.csv", encoding: .utf8) == firstList, "same data, same list")

    // Four weeks on, the bundles are older than --retrain-after 28d and are trained again.
    let later = try CommandLineHarness.run(["run", "--config", "loyalty.toml", "--quiet", "--as-of", "2024-11-01"], in: folder)
    #expect(later.exitCode == 0, "\(later.stderr)")
    #expect(later.stderr.contains("churn.json was trained as of 2024-10-02, 30 days before (--retrain-after 28d)"), "\(later.stderr)")

    // Bundles trained on later days than the as-of date have seen the future: trained again.
    let earlier = try CommandLineHarness.run(["run", "--config", "loyalty.toml", "--quiet", "--as-of", "2024-10-15"], in: folder)
    #expect(earlier.exitCode == 0 && earlier.stderr.contains("churn.json was trained as of 2024-11-01, after the as-of date"),
            "\(earlier.stderr)")

    try "[train]\nhorizon = \"90d\"\n".write(toFile: folder + "/no-orders.toml", atomically: true, encoding: .utf8)
    let noOrders = try CommandLineHarness.run(["run", "--config", "no-orders.toml"], in: folder)
    #expect(noOrders.exitCode == 1 && noOrders.stderr.hasPrefix("error: no-orders.toml: loyalty run takes the inputs from [data]")
            && noOrders.stderr.contains("--orders"), "\(noOrders.stderr)")

    let noConfig = try CommandLineHarness.run(["run"], in: folder)
    #expect(noConfig.exitCode == 1 && noConfig.stderr.contains("give --config F"))
}
