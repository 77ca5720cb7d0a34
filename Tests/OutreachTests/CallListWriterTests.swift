import Foundation
import OrderHistory
import Testing
@testable import Outreach

private func entries() -> [CallListEntry] {
    [
        CallListEntry(list: .upgrade, rank: 1, customerID: "0000002", name: "加藤 健太", phone: "080-1111-2222",
                      churnProbability: .nan, loyalCandidateProbability: 0.75, valueAtStake: 1_500.005, rfmRank: "B",
                      segment: "loyal candidate", reasons: ["直近365日の注文2件 (通常: 9件)"],
                      action: "専用の電話またはDMでロイヤルティプログラムへ招待"),
        CallListEntry(list: .retention, rank: 1, customerID: "0000001", name: "山口 裕子", phone: "090-7467-5396",
                      churnProbability: 0.8123456, loyalCandidateProbability: 0.1, valueAtStake: 36_000, rfmRank: "A",
                      segment: "churn candidate",
                      reasons: ["最終購入から142日 (通常: 35日)", "NPS 3 (批判者)", "a, \"quoted\" reason"],
                      action: "回復のための電話: お詫びし、不満を解消し、再購入特典を案内"),
    ]
}

private let expectedCSV = """
    list,rank,customer_id,name,phone,churn_probability,loyal_candidate_probability,value_at_stake,rfm_rank,segment,\
    reason_1,reason_2,reason_3,action
    retention,1,0000001,山口 裕子,090-7467-5396,0.812346,0.100000,36000.00,A,churn candidate,\
    最終購入から142日 (通常: 35日),NPS 3 (批判者),"a, ""quoted"" reason",回復のための電話: お詫びし、不満を解消し、再購入特典を案内
    upgrade,1,0000002,加藤 健太,080-1111-2222,,0.750000,1500.01,B,loyal candidate,直近365日の注文2件 (通常: 9件),,,\
    専用の電話またはDMでロイヤルティプログラムへ招待

    """

@Test func csvHasRetentionFirstAndFixedPointNumbers() throws {
    let path = TestScores.folder() + "/calllist.csv"
    try CallListWriter.writeCSV(entries(), to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == expectedCSV)
    #expect(try Array(Array(Data(contentsOf: URL(fileURLWithPath: path))).prefix(4)) == Array("list".utf8))
}

@Test func excelCSVStartsWithAByteOrderMark() throws {
    let path = TestScores.folder() + "/calllist.csv"
    try CallListWriter.writeCSV(entries(), to: path, encoding: .utf8WithBOM)
    let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
    #expect(Array(bytes.dropFirst(3)) == Array(expectedCSV.utf8))
}

@Test func cp932RoundTripsThroughFoundation() throws {
    #expect("日本語".data(using: .shiftJIS).map(Array.init) == [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA])
    let path = TestScores.folder() + "/calllist.csv"
    try CallListWriter.writeCSV(entries(), to: path, encoding: .cp932)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(String(data: data, encoding: .shiftJIS) == expectedCSV)
    #expect(String(data: data, encoding: .utf8) == nil)
}

@Test func characterOutsideCP932IsAnErrorAndNothingIsWritten() throws {
    var list = entries()
    list[0].name = "𠮷田 花子"
    let folder = TestScores.folder()
    let path = folder + "/calllist.csv"
    #expect(throws: OutreachError.cannotEncode(file: path, line: 3, column: 4, columnName: "name", value: "𠮷田 花子",
                                               character: "𠮷", encoding: "CP932")) {
        try CallListWriter.writeCSV(list, to: path, encoding: .cp932)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    list[0].name = "€"
    #expect(throws: OutreachError.self) { try CallListWriter.csvData(list, encoding: .cp932) }
    #expect(try CallListWriter.csvData(list, encoding: .utf8).count > 0)
}

@Test func jsonHasSummaryAndEntriesWithSortedKeysAndNullForNaN() throws {
    let scores = [
        TestScores.score("r", churn: 0.5, value: 100, cell: "churn candidate", churnReasons: ["x"]),
        TestScores.score("u", loyalCandidate: 0.25, value: 40),
    ]
    let (entries, summary) = CallList.build(scores: scores, contacts: nil, settings: CallListSettings(capacity: 2))
    let path = TestScores.folder() + "/calllist.json"
    try CallListWriter.writeJSON(entries, summary: summary, to: path)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(try CallListWriter.jsonData(entries, summary: summary) == data)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(object.keys) == ["summary", "entries"])
    let rows = try #require(object["entries"] as? [[String: Any]])
    #expect(rows.count == 2)
    #expect(rows[0]["customerID"] as? String == "r" && rows[0]["valueAtStake"] as? Double == 50)
    #expect(rows[0]["loyalCandidateProbability"] is NSNull)
    #expect(rows[1]["list"] as? String == "upgrade" && rows[1]["churnProbability"] is NSNull)
    let jsonSummary = try #require(object["summary"] as? [String: Any])
    let retention = try #require(jsonSummary["retention"] as? [String: Any])
    #expect(retention["rows"] as? Int == 1 && retention["valueCovered"] as? Double == 50)
    let exclusions = try #require(retention["exclusions"] as? [[String: Any]])
    #expect(exclusions.map { $0["reason"] as? String } == ["not_in_customer_file", "do_not_call", "no_valid_phone",
                                                            "contacted_recently", "inactive"])
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.range(of: "\"entries\"")!.lowerBound < text.range(of: "\"summary\"")!.lowerBound)
    #expect(text.range(of: "\"action\"")!.lowerBound < text.range(of: "\"churnProbability\"")!.lowerBound)
}

@Test func summaryTextForStderr() {
    let scores = [
        TestScores.score("a", churn: 0.5, value: 2_000_000), TestScores.score("b", churn: 0.5, value: 10),
        TestScores.score("c", churn: 0.4, loyalCandidate: 0.3, value: 10, daysSinceLastPurchase: 500),
        TestScores.score("d", loyalCandidate: 0.3, value: 10, isLoyal: true),
    ]
    let contacts = CustomerContacts(["a": .init(name: "A", phone: "0312345678"), "b": .init(name: "B", phone: "x"),
                                     "c": .init(name: "C", phone: "0312345678"), "d": .init(name: "D", phone: "0312345678")])
    let (_, summary) = CallList.build(scores: scores, contacts: contacts, settings: CallListSettings(capacity: 10))
    #expect(CallListWriter.summaryText(summary) == """
        call list: 1 call (capacity 10)
          retention: 1 row (quota 6) of 3 candidates; value covered 1,000,000
            excluded: not in the customer file 0, do-not-call 0, no valid phone 1, contacted within 30 days 0, inactive over 365 days 1
          upgrade: 0 rows (quota 4) of 2 candidates; value covered 0
            excluded: not in the customer file 0, do-not-call 0, no valid phone 0, contacted within 30 days 0, inactive over 365 days 1, already loyal 1, on the retention list 0
        """)
    let withoutFile = CallList.build(scores: scores, contacts: nil, settings: CallListSettings(capacity: 10)).summary
    let text = CallListWriter.summaryText(withoutFile)
    #expect(text.contains("no customer file: names and phones empty, contact exclusions not applied"))
    #expect(!text.contains("do-not-call"))
}
