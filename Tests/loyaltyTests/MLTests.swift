import Foundation
import Testing

private let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("ScoringCoreTests/Fixtures/logistic-fixture.csv").path

@Test func fitPredictEvaluateRoundTripAndSameBytes() throws {
    let folder = CommandLineHarness.folder()
    let fit = try CommandLineHarness.run(["ml", "fit", "--data", fixture, "--label", "label", "--weight-column", "weight",
                                          "--algorithm", "logistic", "--l2", "0.5", "--out", folder + "/a.json", "--json"])
    #expect(fit.exitCode == 0, "\(fit.stderr)")
    #expect(fit.stdout.contains("\"converged\":true"))
    _ = try CommandLineHarness.run(["ml", "fit", "--data", fixture, "--label", "label", "--weight-column", "weight",
                                    "--l2", "0.5", "--out", folder + "/b.json", "--threads", "2"])
    let first = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.json"))
    let second = try Data(contentsOf: URL(fileURLWithPath: folder + "/b.json"))
    #expect(first == second, "same data and settings, byte-identical model file")

    let predict = try CommandLineHarness.run(["ml", "predict", "--model", folder + "/a.json", "--data", fixture,
                                              "--out", folder + "/p.csv"])
    #expect(predict.exitCode == 0, "\(predict.stderr)")
    let lines = try String(contentsOfFile: folder + "/p.csv", encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "probability" && lines.count == 301)

    let evaluate = try CommandLineHarness.run(["ml", "evaluate", "--model", folder + "/a.json", "--data", fixture,
                                               "--label", "label", "--json"])
    #expect(evaluate.exitCode == 0)
    let metrics = try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as! [String: Any]
    #expect((metrics["rocAUC"] as! Double) > 0.8)
    #expect((metrics["deciles"] as! [Any]).count == 10)
}

@Test func predictWritesIdColumnsBesideTheProbability() throws {
    let folder = CommandLineHarness.folder()
    let train = CommandLineHarness.write(Array("id,a,b,y\nx1,1,,0\nx2,2,5,1\nx3,3,1,0\nx4,4,7,1\n".utf8), "t.csv", in: folder)
    #expect(try CommandLineHarness.run(["ml", "fit", "--data", train, "--label", "y", "--id-column", "id", "--out", folder + "/m.json"]).exitCode == 0)
    let result = try CommandLineHarness.run(["ml", "predict", "--model", folder + "/m.json", "--data", train,
                                             "--id-column", "id", "--out", folder + "/p.csv"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let text = try String(contentsOfFile: folder + "/p.csv", encoding: .utf8)
    #expect(text.hasPrefix("id,probability\nx1,"))
}

@Test func modelErrorsAreExitOne() throws {
    let folder = CommandLineHarness.folder()
    let bad = CommandLineHarness.write(Array("{\"formatVersion\": 7}".utf8), "m.json", in: folder)
    let unknown = try CommandLineHarness.run(["ml", "predict", "--model", bad, "--data", fixture, "--out", folder + "/p.csv"])
    #expect(unknown.exitCode == 1 && unknown.stderr.contains("format version 7"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/p.csv"))
    let table = CommandLineHarness.write(Array("a,y\n1,0\nfoo,1\n".utf8), "t.csv", in: folder)
    let nonNumeric = try CommandLineHarness.run(["ml", "fit", "--data", table, "--label", "y", "--out", folder + "/x.json"])
    #expect(nonNumeric.exitCode == 1 && nonNumeric.stderr.contains("t.csv:3:1"))
    let unknown2 = try CommandLineHarness.run(["ml", "fit", "--data", fixture, "--label", "label", "--algorithm", "forest", "--out", folder + "/g.json"])
    #expect(unknown2.exitCode == 1)
}

@Test func missingFeatureWhenScoringIsExitOne() throws {
    let folder = CommandLineHarness.folder()
    _ = try CommandLineHarness.run(["ml", "fit", "--data", fixture, "--label", "label", "--out", folder + "/m.json"])
    let partial = CommandLineHarness.write(Array("x1,x2\n1,2\n".utf8), "p.csv", in: folder)
    let result = try CommandLineHarness.run(["ml", "predict", "--model", folder + "/m.json", "--data", partial, "--out", folder + "/o.csv"])
    #expect(result.exitCode == 1 && result.stderr.contains("\"x3\""))
}

@Test func gbdtFitsDeterministicallyAndScores() throws {
    let folder = CommandLineHarness.folder()
    var files: [Data] = []
    for name in ["a", "b"] {
        let fit = try CommandLineHarness.run(["ml", "fit", "--data", fixture, "--label", "label", "--ignore-column", "weight",
                                              "--algorithm", "gbdt", "--trees", "20", "--leaves", "7", "--min-data-in-leaf", "10",
                                              "--bagging-fraction", "0.8", "--feature-fraction", "0.8", "--seed", "3",
                                              "--validation", fixture, "--early-stopping-rounds", "5",
                                              "--out", folder + "/\(name).json"])
        #expect(fit.exitCode == 0, "\(fit.stderr)")
        files.append(try Data(contentsOf: URL(fileURLWithPath: folder + "/\(name).json")))
    }
    #expect(files[0] == files[1], "same data and seed, byte-identical model file")
    let evaluate = try CommandLineHarness.run(["ml", "evaluate", "--model", folder + "/a.json", "--data", fixture,
                                               "--label", "label", "--json"])
    let metrics = try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as! [String: Any]
    #expect((metrics["rocAUC"] as! Double) > 0.8)
}

@Test func aLabelThatIsNotZeroOrOneIsLocatedInItsFile() throws {
    let folder = CommandLineHarness.folder()
    let table = CommandLineHarness.write(Array("id,x,y\na,1,0\nb,2,1\n\nc,3,2\n".utf8), "t.csv", in: folder)
    let fit = try CommandLineHarness.run(["ml", "fit", "--data", table, "--label", "y", "--id-column", "id", "--out", folder + "/m.json"])
    #expect(fit.exitCode == 1)
    #expect(fit.stderr == "error: \(table):5:3: column \"y\": value \"2\": a label must be 0 or 1 (--label y)\n", "\(fit.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/m.json"))
}

/// `--algorithm uplift`: a randomized table where the treatment helps rows with a > 0; predict writes the
/// uplift and each arm's probability, evaluate the uplift metrics, and a bad treatment value is located.
@Test func upliftFitPredictEvaluate() throws {
    let folder = CommandLineHarness.folder()
    var text = "a,b,called,bought\n"
    for row in 0..<600 {
        let a = Double(row % 20) - 9.5, b = Double((row * 7) % 11)
        let called = row % 3 == 0 ? 1 : 0
        let bought = (row * 13) % 10 < (called == 1 && a > 0 ? 7 : 2) ? 1 : 0
        text += "\(a),\(b),\(called),\(bought)\n"
    }
    let table = CommandLineHarness.write(Array(text.utf8), "campaign.csv", in: folder)
    let fit = try CommandLineHarness.run(["ml", "fit", "--data", table, "--label", "bought", "--algorithm", "uplift",
                                          "--treatment-column", "called", "--trees", "20", "--min-data-in-leaf", "5",
                                          "--out", folder + "/uplift.json"])
    #expect(fit.exitCode == 0, "\(fit.stderr)")
    let predict = try CommandLineHarness.run(["ml", "predict", "--model", folder + "/uplift.json", "--data", table,
                                              "--out", folder + "/uplift.csv"])
    #expect(predict.exitCode == 0, "\(predict.stderr)")
    let lines = try String(contentsOfFile: folder + "/uplift.csv", encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "uplift,probability_treated,probability_control" && lines.count == 601)
    let evaluate = try CommandLineHarness.run(["ml", "evaluate", "--model", folder + "/uplift.json", "--data", table,
                                               "--label", "bought", "--treatment-column", "called", "--json"])
    #expect(evaluate.exitCode == 0, "\(evaluate.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as! [String: Any]
    #expect((report["qiniCoefficient"] as! Double) > 0.3 && report["upliftAUC"] is Double && report["upliftAtK"] is [String: Any],
            "\(evaluate.stdout)")
    let plain = try CommandLineHarness.run(["ml", "evaluate", "--model", folder + "/uplift.json", "--data", table, "--label", "bought"])
    #expect(plain.exitCode == 1 && plain.stderr.contains("uplift model"), "\(plain.stderr)")

    let bad = CommandLineHarness.write(Array("a,called,bought\n1,1,0\n2,2,1\n".utf8), "bad.csv", in: folder)
    let refused = try CommandLineHarness.run(["ml", "fit", "--data", bad, "--label", "bought", "--algorithm", "uplift",
                                              "--treatment-column", "called", "--out", folder + "/x.json"])
    #expect(refused.exitCode == 1 && refused.stderr.contains("bad.csv:3") && refused.stderr.contains("treatment"), "\(refused.stderr)")
    let missing = try CommandLineHarness.run(["ml", "fit", "--data", table, "--label", "bought", "--algorithm", "uplift",
                                              "--out", folder + "/x.json"])
    #expect(missing.exitCode == 1 && missing.stderr.contains("--treatment-column"), "\(missing.stderr)")
}
