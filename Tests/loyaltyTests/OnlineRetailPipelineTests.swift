import Foundation
import Testing

/// The real UCI Online Retail file (541,909 lines, guests, cancellations, dirt) through the whole job.
@Test func onlineRetailGoesThroughTheWholePipelineTwiceTheSame() throws {
    let file = repositoryRoot + "/../shared/datasets/online-retail.csv.gz"
    try #require(FileManager.default.fileExists(atPath: file), "the Online Retail file is in ../shared/datasets")
    let inputs = ["--orders", file]
    let first = CommandLineHarness.folder(), second = CommandLineHarness.folder()
    let training = ["--horizon", "90d", "--quiet"]
    let results = try runPipeline(inputs, asOf: "2011-12-09", in: first, training: training)
    #expect(results.allSatisfy { $0.exitCode == 0 }, "\(results.map(\.stderr))")
    let summary = try JSONSerialization.jsonObject(with: Data(results[0].stdout.utf8)) as! [String: Any]
    for target in summary["targets"] as! [[String: Any]] {
        #expect((target["outOfTimeAUC"] as! Double) > (target["baselineAUC"] as! Double), "\(target)")
    }
    let rows = try csvRows(first + "/calllist.csv")
    #expect(rows.count == 101 && rows.dropFirst().allSatisfy { $0.count == 25 && !$0[13].isEmpty && !$0[19].isEmpty && $0[21] == "call" })
    _ = try runPipeline(inputs, asOf: "2011-12-09", in: second, training: training)
    for name in ["models/churn.json", "models/loyal-candidate.json", "scores.csv", "calllist.csv"] {
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(first)/\(name)")) == Data(contentsOf: URL(fileURLWithPath: "\(second)/\(name)")), "\(name)")
    }
}
