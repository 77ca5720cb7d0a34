import Foundation
import Testing

@Test func reportWritesOnePageWithTheModelsCurvesAndTheSameBytesTwice() throws {
    let (folder, _) = samplePipeline
    let json = try CommandLineHarness.run(["calllist", "--scores", folder + "/scores.csv", "--customers", sampleData + "/customers.csv",
                                           "--capacity", "100", "--out", folder + "/report-list.json", "--quiet"])
    #expect(json.exitCode == 0)
    let base = ["report"] + sampleInputs + ["--as-of", "2024-12-31", "--models", folder + "/models", "--scores", folder + "/scores.csv",
                                            "--calllist", folder + "/report-list.json"]
    let first = try CommandLineHarness.run(base + ["--out", folder + "/report.html"])
    #expect(first.exitCode == 0, "\(first.stderr)")
    #expect(first.stderr.contains("charts as of 2024-12-31"))
    let page = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
    // Trained in this run, the bundles carry their held-out curves: every model chart is there.
    for id in ["gains-churn", "roc-churn", "calibration-loyal-candidate", "impact-churn", "drift-churn", "exclusions", "reasons-retention"] {
        #expect(page.contains("id=\"\(id)\""), "\(id)")
    }
    #expect(page.contains("the held-out cutoff"), "the curves say where they were measured")
    #expect(try CommandLineHarness.run(base + ["--out", folder + "/report-2.html", "--quiet"]).exitCode == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/report-2.html")) == Data(page.utf8), "same inputs, same bytes")
}

@Test func reportRefusesInputsItCannotReadWithoutWriting() throws {
    let (folder, _) = samplePipeline
    let base = ["report"] + sampleInputs + ["--models", folder + "/models"]
    // The call list as CSV where its JSON is expected.
    let csv = try CommandLineHarness.run(base + ["--calllist", folder + "/calllist.csv", "--out", folder + "/none.html"])
    #expect(csv.exitCode == 1 && csv.stderr.contains("calllist.csv") && csv.stderr.contains("calllist --out F.json"), "\(csv.stderr)")
    let outcomes = try CommandLineHarness.run(base + ["--outcomes", folder + "/scores.csv", "--out", folder + "/none.html"])
    #expect(outcomes.exitCode == 1 && outcomes.stderr.contains("outcomes --out F.json"), "\(outcomes.stderr)")
    let noModels = try CommandLineHarness.run(["report"] + sampleInputs + ["--models", folder, "--out", folder + "/none.html"])
    #expect(noModels.exitCode == 1, "\(noModels.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/none.html"))
}
