import Foundation
import Testing

@Test func callListHasEveryColumnAndASummary() throws {
    let (folder, results) = samplePipeline
    let calllist = results[2]
    #expect(calllist.exitCode == 0, "\(calllist.stderr)")
    #expect(calllist.stderr.contains("retention: 60 rows") && calllist.stderr.contains("do-not-call"), "\(calllist.stderr)")
    let rows = try csvRows(folder + "/calllist.csv")
    #expect(rows[0] == ["list", "rank", "customer_id", "name", "phone", "churn_probability", "loyal_candidate_probability",
                        "risk", "value", "value_at_stake", "rfm_rank", "segment", "is_loyal", "reason_1", "reason_2", "reason_3",
                        "reason_code_1", "reason_code_2", "reason_code_3", "action", "action_code", "group", "contact_date",
                        "reached", "p_alive"])
    #expect(rows.count == 101 && rows.dropFirst().allSatisfy { $0.count == 25 && !$0[4].isEmpty && !$0[19].isEmpty && !$0[20].isEmpty })
    #expect(rows.dropFirst().allSatisfy { Double($0[24]).map { $0 >= 0 && $0 <= 1 } == true }, "P(alive) on every row")
    #expect(rows.dropFirst().allSatisfy { $0[21] == "call" && $0[22] == "2024-12-31" && $0[23].isEmpty })
    #expect(rows[1][0] == "retention" && rows[1][1] == "1" && rows.last![0] == "upgrade")
}

@Test func callListIsDeterministicAndWritesExcelCP932AndJSON() throws {
    let (folder, _) = samplePipeline
    let base = ["calllist", "--scores", folder + "/scores.csv", "--customers", sampleData + "/customers.csv", "--capacity", "100", "--quiet"]
    #expect(try CommandLineHarness.run(base + ["--out", folder + "/again.csv"]).exitCode == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/again.csv")) == Data(contentsOf: URL(fileURLWithPath: folder + "/calllist.csv")))
    #expect(try CommandLineHarness.run(base + ["--out", folder + "/excel.csv", "--excel"]).exitCode == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/excel.csv")).prefix(3) == Data([0xEF, 0xBB, 0xBF]))
    #expect(try CommandLineHarness.run(base + ["--out", folder + "/sjis.csv", "--encoding", "cp932", "--lang", "ja"]).exitCode == 0)
    let sjis = try Data(contentsOf: URL(fileURLWithPath: folder + "/sjis.csv"))
    #expect(String(data: sjis, encoding: .utf8) == nil && String(data: sjis, encoding: .shiftJIS)!.contains("離反防止"))
    #expect(try CommandLineHarness.run(base + ["--out", folder + "/list.json"]).exitCode == 0)
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/list.json"))) as! [String: Any]
    #expect((json["entries"] as! [Any]).count == 100 && json["summary"] != nil)
    let rules = (json["rules"] as! [String: Any])["retention"] as! [String: Any]
    #expect(rules["floorSource"] as? String == "mean" && rules["minChurnProbability"] is Double)
}

/// The committed checker (bench/calllist-check, its own Python code) recomputes net spend from the
/// orders and checks every row of the sample call list against the rules: net spend above 0, the
/// floor, the ranking, reasons that push towards the list's outcome from distinct families, an action
/// that fits the reasons, the risk stated.
@Test func sampleCallListPassesTheIndependentChecker() throws {
    let (folder, _) = samplePipeline
    let json = try CommandLineHarness.run(["calllist", "--scores", folder + "/scores.csv", "--customers", sampleData + "/customers.csv",
                                           "--capacity", "100", "--out", folder + "/checked.json", "--quiet"])
    #expect(json.exitCode == 0)
    let (status, text) = try runPythonScript("bench/calllist-check/check.py", [
        "--calllist", folder + "/calllist.csv", "--scores", folder + "/scores.csv", "--orders", sampleData + "/orders.csv",
        "--calllist-json", folder + "/checked.json"])
    #expect(status == 0, "\(text)")
    #expect(text.contains("OK: no violations"), "\(text)")
}

@Test func suppressionOnePhoneOneCallAndTheExcludedList() throws {
    let (folder, _) = samplePipeline
    let rows = try csvRows(folder + "/calllist.csv")
    let first = rows[1][2]
    let suppress = CommandLineHarness.write(Array("customer_id\n\(first)\n".utf8), "suppress.csv", in: folder)
    let result = try CommandLineHarness.run(["calllist", "--scores", folder + "/scores.csv", "--customers", sampleData + "/customers.csv",
                                             "--capacity", "100", "--suppress", suppress, "--out", folder + "/suppressed.csv",
                                             "--excluded-out", folder + "/excluded.csv"])
    #expect(result.exitCode == 0 && result.stderr.contains("suppressed 1"), "\(result.stderr)")
    #expect(try !csvRows(folder + "/suppressed.csv").contains { $0[2] == first })
    let excluded = try csvRows(folder + "/excluded.csv")
    #expect(excluded[0] == ["list", "customer_id", "reason", "probability", "value"])
    #expect(excluded.contains { $0[1] == first && $0[2] == "suppressed" })
    #expect(excluded.contains { $0[2] == "below_floor" } && excluded.contains { $0[2] == "over_capacity" })
    let phones = rows.dropFirst().map { $0[4].filter(\.isNumber) }
    #expect(Set(phones).count == phones.count, "one call per phone number")
}

@Test func callListRejectsBadInputWithoutWriting() throws {
    let (folder, _) = samplePipeline
    let broken = CommandLineHarness.write(Array("customer_id,as_of,churn_probability\n1,2024-12-31,high\n".utf8), "broken.csv", in: folder)
    let result = try CommandLineHarness.run(["calllist", "--scores", broken, "--capacity", "10", "--out", folder + "/none.csv"])
    #expect(result.exitCode == 1 && result.stderr.contains("broken.csv"), "\(result.stderr)")
    let mix = try CommandLineHarness.run(["calllist", "--scores", folder + "/scores.csv", "--capacity", "10", "--mix", "retention=0.9,upgrade=0.4",
                                          "--out", folder + "/none.csv"])
    #expect(mix.exitCode == 1)
    let capacity = try CommandLineHarness.run(["calllist", "--scores", folder + "/scores.csv", "--capacity", "-1", "--out", folder + "/none.csv"])
    #expect(capacity.exitCode == 1)
    let ods = try CommandLineHarness.run(["calllist", "--scores", folder + "/scores.csv", "--capacity", "10", "--out", folder + "/none.ods"])
    #expect(ods.exitCode == 1 && ods.stderr.contains(".ods") && ods.stderr.contains(".xlsx"), "\(ods.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/none.csv") && !FileManager.default.fileExists(atPath: folder + "/none.ods"))
}

/// The workbook read back by a second implementation (`bench/xlsx-check/read_xlsx.py`: LibreOffice
/// headless and the workbook's own XML): the same rows and values as the CSV list, ids and phones as text.
@Test func theExcelWorkbookHoldsTheSameRowsAsTheCSVList() throws {
    let (folder, _) = samplePipeline
    for (language, headers) in [("en", "en"), ("ja", "ja")] {
        let base = ["calllist", "--scores", folder + "/scores.csv", "--customers", sampleData + "/customers.csv", "--capacity", "100",
                    "--lang", language, "--headers", headers, "--quiet"]
        let csv = folder + "/book-\(language).csv", book = folder + "/book-\(language).xlsx"
        #expect(try CommandLineHarness.run(base + ["--out", csv]).exitCode == 0)
        let written = try CommandLineHarness.run(base + ["--out", book])
        #expect(written.exitCode == 0, "\(written.stderr)")
        let first = try Data(contentsOf: URL(fileURLWithPath: book))
        #expect(try CommandLineHarness.run(base + ["--out", book]).exitCode == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: book)) == first, "the same list gives the same bytes")
        let (status, text) = try runPythonScript("bench/xlsx-check/read_xlsx.py", [book, "--csv", csv])
        #expect(status == 0, "\(language): \(text)")
    }
}

/// On generated data the truth is known: customers whose hidden drop-out date falls by the end of the
/// horizon. Trained as of 2024-10-02 and scored there, the top decile of the retention list should hold
/// far more of them than the scored population does.
@Test func retentionListFindsTrueFutureChurners() throws {
    let folder = CommandLineHarness.folder()
    let results = try runPipeline(sampleInputs, asOf: "2024-10-02", in: folder,
                                  calllist: ["--capacity", "100000", "--mix", "retention=1,upgrade=0", "--lost-after-days", "365"])
    #expect(results.allSatisfy { $0.exitCode == 0 }, "\(results.map(\.stderr))")
    let truth = try csvRows(sampleData + "/truth.csv")
    let column = truth[0].firstIndex(of: "dropout_date")!
    var droppedOut: [String: Bool] = [:]
    for row in truth.dropFirst() { droppedOut[row[0]] = !row[column].isEmpty && row[column] <= "2024-12-31" }
    let scores = try csvRows(folder + "/scores.csv").dropFirst().filter { !$0[2].isEmpty }
    let baseRate = Double(scores.filter { droppedOut[$0[0]]! }.count) / Double(scores.count)
    let retention = try csvRows(folder + "/calllist.csv").dropFirst().filter { $0[0] == "retention" }
    let top = retention.prefix(retention.count / 10)
    let topRate = Double(top.filter { droppedOut[$0[2]]! }.count) / Double(top.count)
    // AUC of the churn probability against the truth, by pairs.
    let probabilities = scores.map { (Double($0[2])!, droppedOut[$0[0]]!) }
    let positives = probabilities.filter(\.1).map(\.0), negatives = probabilities.filter { !$0.1 }.map(\.0)
    var wins = 0.0
    for p in positives { for n in negatives { wins += p > n ? 1 : (p == n ? 0.5 : 0) } }
    let auc = wins / Double(positives.count * negatives.count)
    print("truth check: churn AUC against hidden drop-out \(auc); top-decile share \(topRate) vs base rate \(baseRate) (\(top.count) rows)")
    #expect(auc > 0.7)
    #expect(topRate > 1.5 * baseRate)
}

/// A control group: the capacity counts the calls; the control rows go to --control-out (required with a
/// CSV list) or into the JSON; the week's list and control file read back as contact history, and the
/// next list holds the control group out.
@Test func aControlGroupIsHeldOutKeptAndReadBackAsContactHistory() throws {
    let (folder, _) = samplePipeline
    let base = ["calllist", "--scores", folder + "/scores.csv", "--customers", sampleData + "/customers.csv", "--capacity", "100",
                "--control-share", "0.1", "--seed", "5", "--quiet"]
    let refused = try CommandLineHarness.run(base + ["--out", folder + "/c-calls.csv"])
    #expect(refused.exitCode == 1 && refused.stderr.contains("--control-out"), "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/c-calls.csv"))
    #expect(try CommandLineHarness.run(base + ["--out", folder + "/c-calls.csv", "--control-share", "1"]).exitCode == 1)

    let written = try CommandLineHarness.run(base + ["--out", folder + "/c-calls.csv", "--control-out", folder + "/c-control.csv"])
    #expect(written.exitCode == 0, "\(written.stderr)")
    let calls = try csvRows(folder + "/c-calls.csv"), control = try csvRows(folder + "/c-control.csv")
    #expect(calls.count == 101 && calls[0] == control[0])
    #expect(control.count - 1 == 11 && control.dropFirst().allSatisfy { $0[21] == "control" }, "round(66 × 0.1) + round(45 × 0.1)")
    #expect(Set(calls.dropFirst().map { $0[2] }).isDisjoint(with: control.dropFirst().map { $0[2] }))

    let json = try CommandLineHarness.run(base + ["--out", folder + "/c-list.json"])
    #expect(json.exitCode == 0, "\(json.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/c-list.json"))) as! [String: Any]
    #expect((object["entries"] as! [Any]).count == 100 && (object["control"] as! [Any]).count == 11)

    // Contact history: this week's calls and control rows, as written.
    let history = folder + "/c-history.csv"
    let text = try String(contentsOfFile: folder + "/c-calls.csv", encoding: .utf8)
        + (try String(contentsOfFile: folder + "/c-control.csv", encoding: .utf8)).split(separator: "\n", maxSplits: 1)[1]
    try text.write(toFile: history, atomically: true, encoding: .utf8)
    let next = try CommandLineHarness.run(base + ["--out", folder + "/c-next.csv", "--control-out", folder + "/c-next-control.csv",
                                                  "--contacts", history, "--seed", "6"])
    #expect(next.exitCode == 0, "\(next.stderr)")
    let before = Set((calls.dropFirst() + control.dropFirst()).map { $0[2] })
    let after = Set((try csvRows(folder + "/c-next.csv").dropFirst() + (try csvRows(folder + "/c-next-control.csv")).dropFirst()).map { $0[2] })
    #expect(before.isDisjoint(with: after), "last week's control group is held out, its calls are in their cool-off")
}
