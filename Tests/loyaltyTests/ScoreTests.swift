import Foundation
import Testing

@Test func scoreWritesOneRowPerBuyerWithEveryColumn() throws {
    let (folder, results) = samplePipeline
    #expect(results[1].exitCode == 0, "\(results[1].stderr)")
    let rows = try csvRows(folder + "/scores.csv")
    #expect(Array(rows[0].prefix(21)) == ["customer_id", "as_of", "churn_probability", "churn_decile", "loyal_candidate_probability",
                        "loyal_candidate_decile", "value", "value_decile", "rfm_rank", "ltv_nps_cell", "days_since_last_purchase",
                        "is_loyal", "churn_reason_1", "churn_reason_2", "churn_reason_3", "loyal_candidate_reason_1",
                        "loyal_candidate_reason_2", "loyal_candidate_reason_3", "spend_365d", "churn_ranked_by", "loyal_candidate_ranked_by"])
    #expect(rows[0].count == 21 + 24 + 4 && rows[0][21] == "churn_reason_1_code" && rows[0][24] == "churn_reason_1_contribution")
    #expect(Array(rows[0].suffix(4)) == ["days_since_first_purchase", "p_alive", "expected_value", "value_if_retained"])
    for row in rows.dropFirst() {
        let alive = Double(row[46])!, expected = Double(row[47])!, retained = Double(row[48])!
        #expect(Double(row[45])! >= Double(row[10])!, "\(row[0]): the first purchase is no later than the last")
        #expect(alive >= 0 && alive <= 1 && expected >= 0 && retained >= expected - 0.01, "\(row[0]): \(alive) \(expected) \(retained)")
    }
    let ranks = Set(rows.dropFirst().map { $0[8] })
    #expect(ranks.isSuperset(of: ["S", "A", "B", "C"]), "relative thresholds: every rank occurs (\(ranks))")
    #expect(rows.count - 1 == 4_999, "every customer with a purchase by the cutoff")
    let active = rows.dropFirst().filter { Int($0[10])! < 365 }
    #expect(active.allSatisfy { !$0[2].isEmpty && !$0[3].isEmpty && !$0[12].isEmpty })
    #expect(active.contains { $0[12].hasPrefix("no purchase for ") })
}

@Test func scoreInJapaneseAndWithoutBundles() throws {
    let (folder, _) = samplePipeline
    let japanese = try CommandLineHarness.run(["score"] + sampleInputs + ["--models", folder + "/models", "--out", folder + "/ja.csv",
                                                                          "--lang", "ja", "--quiet"])
    #expect(japanese.exitCode == 0)
    #expect(try String(contentsOfFile: folder + "/ja.csv", encoding: .utf8).contains("最終購入から"))
    let missing = try CommandLineHarness.run(["score", "--orders", sampleData + "/orders.csv", "--models", folder + "/nothing",
                                              "--out", folder + "/x.csv"])
    #expect(missing.exitCode == 1 && missing.stderr.contains("no churn or loyal-candidate bundle"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/x.csv"))
}

@Test func strictScoringRefusesDataUnlikeTheTrainingData() throws {
    let (folder, _) = samplePipeline
    // Bundles trained on the yen sample, scored on the pound Online Retail file: median order values far apart.
    let onlineRetail = repositoryRoot + "/../shared/datasets/online-retail.csv.gz"
    guard FileManager.default.fileExists(atPath: onlineRetail) else { return }
    let others = Array(sampleInputs.dropFirst(2))  // the sample's customers, events and surveys: the models' columns
    let result = try CommandLineHarness.run(["score", "--orders", onlineRetail] + others + ["--models", folder + "/models",
                                             "--out", folder + "/strict.csv", "--strict", "--quiet"])
    #expect(result.exitCode == 1 && result.stderr.contains("median order value") && result.stderr.contains("--strict"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/strict.csv"))
}

/// `--models` naming a bundle file instead of its folder, and a loyal-candidate bundle copied to
/// `churn.json`: exit 1 with what is wrong (was exit 2 with an NSCocoaErrorDomain message, and a
/// loyal-candidate model scored as churn).
@Test func modelsThatAreAFileOrTheOtherTargetAreClearErrors() throws {
    let (folder, _) = samplePipeline
    let file = try CommandLineHarness.run(["score", "--orders", sampleData + "/orders.csv", "--models", folder + "/models/churn.json",
                                           "--out", folder + "/x.csv"])
    #expect(file.exitCode == 1 && file.stderr.contains("--models \(folder)/models/churn.json: is a file"), "\(file.stderr)")
    let train = try CommandLineHarness.run(["train", "--orders", sampleData + "/orders.csv", "--models", folder + "/models/churn.json",
                                            "--horizon", "90d", "--quiet"])
    #expect(train.exitCode == 1 && train.stderr.contains("is a file; expected a folder"), "\(train.stderr)")
    let swapped = folder + "/swapped"
    try? FileManager.default.createDirectory(atPath: swapped, withIntermediateDirectories: true)
    try? FileManager.default.removeItem(atPath: swapped + "/churn.json")
    try FileManager.default.copyItem(atPath: folder + "/models/loyal-candidate.json", toPath: swapped + "/churn.json")
    let wrong = try CommandLineHarness.run(["score"] + sampleInputs + ["--models", swapped, "--out", folder + "/x.csv"])
    #expect(wrong.exitCode == 1 && wrong.stderr.contains("holds the loyal-candidate model, not the churn one"), "\(wrong.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/x.csv"))
}

/// Bundles trained with events, surveys and a customer file, scored on the orders alone: the message names
/// the inputs the bundle was trained with, not a bare missing column.
@Test func scoringWithoutTheInputsOfTrainingNamesThem() throws {
    let (folder, _) = samplePipeline
    let result = try CommandLineHarness.run(["score", "--orders", sampleData + "/orders.csv", "--models", folder + "/models",
                                             "--out", folder + "/x.csv"])
    #expect(result.exitCode == 1 && result.stderr.contains("bundle was trained with --events, --surveys and --customers"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/x.csv"))
}
