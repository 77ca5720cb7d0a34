import Foundation
import Testing

@Test func evaluateMeasuresSavedBundlesOnTheFutureAndRefusesWithoutOne() throws {
    let (folder, _) = samplePipeline
    let backtest = CommandLineHarness.folder()
    let train = try CommandLineHarness.run(["train"] + sampleInputs + ["--as-of", "2024-09-30", "--models", backtest] + quickTraining)
    #expect(train.exitCode == 0, "\(train.stderr)")
    let result = try CommandLineHarness.run(["evaluate"] + sampleInputs + ["--as-of", "2024-09-30", "--models", backtest, "--json"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: [[String: Any]]]
    for entry in json["results"]! {
        let model = entry["model"] as! [String: Any], baseline = entry["baseline"] as! [String: Any]
        #expect((model["rocAUC"] as! Double) > (baseline["rocAUC"] as! Double))
    }
    let noFuture = try CommandLineHarness.run(["evaluate"] + sampleInputs + ["--as-of", "2024-12-31", "--models", folder + "/models"])
    #expect(noFuture.exitCode == 1 && noFuture.stderr.contains("needs orders through 2025-03-31"), "\(noFuture.stderr)")
}
