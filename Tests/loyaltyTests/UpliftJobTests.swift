import Foundation
import Testing

/// The weekly job with uplift: train learns from the contact history whom a retention call helps, score
/// writes retention_uplift, and calllist --rank-by uplift ranks by it; each is refused clearly without
/// what it needs.
@Test func theWeeklyJobLearnsAndRanksByUplift() throws {
    let folder = CommandLineHarness.folder()
    let data = folder + "/data"
    #expect(try CommandLineHarness.run(["generate", "--customers", "3000", "--seed", "9", "--campaigns", "6", "--orders-only",
                                        "--out", data]).exitCode == 0)
    let inputs = ["--orders", data + "/orders.csv", "--customers", data + "/customers.csv"]
    let models = folder + "/models"
    let refused = try CommandLineHarness.run(["train"] + inputs + ["--target", "retention-uplift", "--models", models])
    #expect(refused.exitCode == 1 && refused.stderr.contains("needs --contacts"), "\(refused.stderr)")

    #expect(try CommandLineHarness.run(["train"] + inputs + ["--models", models] + quickTraining).exitCode == 0)
    let uplift = try CommandLineHarness.run(["train"] + inputs + ["--contacts", data + "/contacts.csv", "--target", "retention-uplift",
                                                                  "--horizon", "30d", "--models", models])
    #expect(uplift.exitCode == 0 && uplift.stdout.contains("retention-uplift: learned from") && uplift.stdout.contains("Qini"),
            "\(uplift.stdout) \(uplift.stderr)")
    #expect(FileManager.default.fileExists(atPath: models + "/retention-uplift.json"))

    let score = try CommandLineHarness.run(["score"] + inputs + ["--models", models, "--out", folder + "/scores.csv", "--quiet"])
    #expect(score.exitCode == 0, "\(score.stderr)")
    let header = try String(contentsOfFile: folder + "/scores.csv", encoding: .utf8).split(separator: "\n")[0]
    #expect(header.hasSuffix(",retention_uplift"))

    let list = try CommandLineHarness.run(["calllist", "--scores", folder + "/scores.csv", "--customers", data + "/customers.csv",
                                           "--capacity", "100", "--rank-by", "uplift", "--out", folder + "/calllist.json"])
    #expect(list.exitCode == 0, "\(list.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/calllist.json"))) as! [String: Any]
    let rule = (object["rules"] as! [String: Any])["retention"] as! [String: Any]
    #expect(rule["rankedBy"] as? String == "uplift" && rule["floorSource"] as? String == "uplift_above_zero")
    #expect((object["entries"] as! [[String: Any]]).filter { $0["list"] as? String == "retention" }.allSatisfy { ($0["valueAtStake"] as! Double) > 0 })

    let plain = try CommandLineHarness.run(["train"] + inputs + ["--models", folder + "/plain"] + quickTraining)
    #expect(plain.exitCode == 0)
    _ = try CommandLineHarness.run(["score"] + inputs + ["--models", folder + "/plain", "--out", folder + "/plain.csv", "--quiet"])
    let noUplift = try CommandLineHarness.run(["calllist", "--scores", folder + "/plain.csv", "--capacity", "10", "--rank-by", "uplift",
                                               "--out", folder + "/x.csv"])
    #expect(noUplift.exitCode == 1 && noUplift.stderr.contains("no retention_uplift column"), "\(noUplift.stderr)")
}
