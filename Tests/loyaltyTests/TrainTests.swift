import Foundation
import Testing

@Test func trainWritesBundlesThatBeatTheBaselineOutOfTime() throws {
    let (folder, results) = samplePipeline
    let train = results[0]
    #expect(train.exitCode == 0, "\(train.stderr)")
    let summary = try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as! [String: Any]
    let targets = summary["targets"] as! [[String: Any]]
    #expect(targets.map { $0["target"] as! String } == ["churn", "loyal-candidate"])
    for target in targets {
        #expect((target["outOfTimeAUC"] as! Double) > (target["baselineAUC"] as! Double), "\(target)")
    }
    for name in ["churn", "loyal-candidate"] {
        let bundle = try String(contentsOfFile: "\(folder)/models/\(name).json", encoding: .utf8)
        #expect(bundle.contains("\"heldOutCutoff\" : \"2024-10-02\"") && bundle.contains("\"fingerprint\""))
        #expect(!bundle.contains("\"0000001\"") && !bundle.contains("090-"), "no customer ids or phones in a bundle")
    }
}

@Test func trainTwiceGivesTheSameBytes() throws {
    let folder = CommandLineHarness.folder()
    let arguments = ["train", "--orders", sampleData + "/orders.csv", "--as-of", "2024-12-31", "--target", "churn"] + quickTraining
    #expect(try CommandLineHarness.run(arguments + ["--models", folder + "/a", "--threads", "1"]).exitCode == 0)
    #expect(try CommandLineHarness.run(arguments + ["--models", folder + "/b", "--threads", "2"]).exitCode == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/a/churn.json")) == Data(contentsOf: URL(fileURLWithPath: folder + "/b/churn.json")))
}

@Test func badInputStopsTrainWithALocatedErrorAndWritesNothing() throws {
    let folder = CommandLineHarness.folder()
    let orders = CommandLineHarness.write(Array("customer_id,order_date,amount\nc1,2024-01-05,100\nc2,2024-13-01,50\n".utf8), "orders.csv", in: folder)
    let result = try CommandLineHarness.run(["train", "--orders", orders, "--models", folder + "/models", "--horizon", "90d"])
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("orders.csv:3:2"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/models/churn.json"))
    let short = CommandLineHarness.write(Array("customer_id,order_date,amount\nc1,2024-01-05,100\nc2,2024-02-01,50\n".utf8), "short.csv", in: folder)
    let tooShort = try CommandLineHarness.run(["train", "--orders", short, "--models", folder + "/models"])
    #expect(tooShort.exitCode == 1 && tooShort.stderr.contains("too short to train"), "\(tooShort.stderr)")
    let horizon = try CommandLineHarness.run(["train", "--orders", short, "--models", folder + "/models", "--horizon", "soon"])
    #expect(horizon.exitCode == 1 && horizon.stderr.contains("--horizon soon"))
}
