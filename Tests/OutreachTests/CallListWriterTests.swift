import Features
import Foundation
import OrderHistory
import Testing
@testable import Outreach

private func entries() -> [CallListEntry] {
    [
        CallListEntry(list: .upgrade, rank: 1, customerID: "0000002", name: "加藤 健太", phone: "080-1111-2222",
                      churnProbability: .nan, loyalCandidateProbability: 0.75, risk: "ロイヤル化の見込み高 (75%)",
                      value: 2_000, valueAtStake: 1_500.005, rfmRank: "B", segment: "高価値・中立者", isLoyal: false,
                      reasons: ["直近365日の注文2件 (通常: 9件)"], reasonCodes: ["orders_365d"],
                      action: "購入履歴に合う次の商品をポイント特典付きで提案", actionCode: "suggest_next_purchase",
                      customerFileLine: 3),
        CallListEntry(list: .retention, rank: 1, customerID: "0000001", name: "山口 裕子", phone: "090-7467-5396",
                      churnProbability: 0.8123456, loyalCandidateProbability: 0.1, risk: "離反リスク高 (81%)",
                      value: 45_000, valueAtStake: 36_000, rfmRank: "A", segment: "離反予備軍 (高価値・批判者)", isLoyal: true,
                      reasons: ["最終購入から142日 (通常: 35日)", "NPS 3 (批判者)", "a, \"quoted\" reason"],
                      reasonCodes: ["days_since_last_purchase", "last_nps", "other"],
                      action: "回復のための電話: お詫びし、不満を解消してから再購入特典を案内", actionCode: "recover_complaint",
                      customerFileLine: 2),
    ]
}

private let expectedCSV = """
    list,rank,customer_id,name,phone,churn_probability,loyal_candidate_probability,risk,value,value_at_stake,rfm_rank,\
    segment,is_loyal,reason_1,reason_2,reason_3,reason_code_1,reason_code_2,reason_code_3,action,action_code,group,contact_date,reached,p_alive
    retention,1,0000001,山口 裕子,090-7467-5396,0.812346,0.100000,離反リスク高 (81%),45000.00,36000.00,A,\
    離反予備軍 (高価値・批判者),1,最終購入から142日 (通常: 35日),NPS 3 (批判者),"a, ""quoted"" reason",\
    days_since_last_purchase,last_nps,other,回復のための電話: お詫びし、不満を解消してから再購入特典を案内,recover_complaint,call,,,
    upgrade,1,0000002,加藤 健太,080-1111-2222,,0.750000,ロイヤル化の見込み高 (75%),2000.00,1500.01,B,高価値・中立者,0,\
    直近365日の注文2件 (通常: 9件),,,orders_365d,,,購入履歴に合う次の商品をポイント特典付きで提案,suggest_next_purchase,call,,,

    """

private let cp932 = CallListCSVOptions(encoding: .cp932)

@Test func csvHasRetentionFirstAndFixedPointNumbers() throws {
    let path = TestScores.folder() + "/calllist.csv"
    let replaced = try CallListWriter.writeCSV(entries(), to: path)
    #expect(replaced.isEmpty)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == expectedCSV)
    #expect(try Array(Array(Data(contentsOf: URL(fileURLWithPath: path))).prefix(4)) == Array("list".utf8))
    #expect(expectedCSV.split(separator: "\n").first.map { $0.split(separator: ",").map(String.init) } == CallListWriter.columnNames)
}

@Test func excelCSVStartsWithAByteOrderMark() throws {
    let path = TestScores.folder() + "/calllist.csv"
    try CallListWriter.writeCSV(entries(), to: path, options: CallListCSVOptions(encoding: .utf8WithBOM))
    let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
    #expect(Array(bytes.dropFirst(3)) == Array(expectedCSV.utf8))
}

@Test func cp932RoundTripsThroughFoundation() throws {
    #expect("日本語".data(using: .shiftJIS).map(Array.init) == [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA])
    let path = TestScores.folder() + "/calllist.csv"
    let replaced = try CallListWriter.writeCSV(entries(), to: path, options: cp932)
    #expect(replaced.isEmpty)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(String(data: data, encoding: .shiftJIS) == expectedCSV)
    #expect(String(data: data, encoding: .utf8) == nil)
}

@Test func characterOutsideCP932FailsWithTheLinesAndNothingIsWritten() throws {
    var list = entries()
    list[0].name = "𠮷田 花子"
    let folder = TestScores.folder()
    let path = folder + "/calllist.csv"
    let failing = CallListCSVOptions(encoding: .cp932, onUnmappable: .fail)
    // The upgrade row is written after the retention row: output line 3 (the header is line 1), column 4.
    let expected = OutreachError.cannotEncode(file: path, line: 3, column: 4, columnName: "name", value: "𠮷田 花子",
                                              character: "𠮷", encoding: "CP932", sourceLine: 3)
    #expect(throws: expected) { try CallListWriter.writeCSV(list, to: path, options: failing) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    #expect(expected.description.hasPrefix("\(path):3:4: column \"name\": value \"𠮷田 花子\": the character \"𠮷\" (U+20BB7)"))
    #expect(expected.description.hasSuffix("or change the value in the input: the customer file's line 3)"))
    // A line break inside an earlier field moves the physical line on.
    list[1].reasons[2] = "two\nlines"
    #expect(throws: OutreachError.cannotEncode(file: "call list", line: 4, column: 4, columnName: "name", value: "𠮷田 花子",
                                               character: "𠮷", encoding: "CP932", sourceLine: 3)) {
        try CallListWriter.csvData(list, options: failing)
    }
    list[0].name = "€"
    #expect(throws: OutreachError.self) { try CallListWriter.csvData(list, options: failing) }
    #expect(try CallListWriter.csvData(list, options: CallListCSVOptions(encoding: .utf8, onUnmappable: .fail)).0.count > 0)
}

@Test func characterOutsideCP932IsReplacedByTheGetaMarkAndReported() throws {
    var list = entries()
    list[0].name = "𠮷田"
    let (data, replaced) = try CallListWriter.csvData(list, options: cp932)
    let bytes = Array(data)
    // 〓 is 0x81 0xAC and 田 0x93 0x63 in CP932.
    let geta田: [UInt8] = [0x81, 0xAC, 0x93, 0x63]
    #expect((0...(bytes.count - geta田.count)).contains { Array(bytes[$0..<($0 + geta田.count)]) == geta田 })
    #expect(replaced == [ReplacedCharacter(customerID: "0000002", columnName: "name", character: "𠮷", customerFileLine: 3)])
    let text = try #require(String(data: data, encoding: .shiftJIS))
    #expect(text.contains(",〓田,080-1111-2222,"))
    // Writing the file reports the same characters; UTF-8 needs no replacement.
    let path = TestScores.folder() + "/calllist.csv"
    #expect(try CallListWriter.writeCSV(list, to: path, options: cp932) == replaced)
    #expect(try CallListWriter.csvData(list, options: CallListCSVOptions()).1.isEmpty)
    // The replacement itself is a CP932 character.
    #expect(cp932(CallListWriter.replacementCharacter) == [0x81, 0xAC])
}

@Test func replacedCharactersCarryTheCustomerFileLineFromTheContacts() throws {
    let scores = [TestScores.score("r", churn: 0.9, value: 100)]
    let contacts = CustomerContacts(["r": .init(name: "𠮷田 太郎", phone: "090-1234-5678", line: 42)])
    let built = CallList.build(scores: scores, contacts: contacts, settings: TestScores.noFloors(capacity: 1))
    let (_, replaced) = try CallListWriter.csvData(built.entries, options: cp932)
    #expect(replaced == [ReplacedCharacter(customerID: "r", columnName: "name", character: "𠮷", customerFileLine: 42)])
    #expect(throws: OutreachError.cannotEncode(file: "calllist.csv", line: 2, column: 4, columnName: "name", value: "𠮷田 太郎",
                                               character: "𠮷", encoding: "CP932", sourceLine: 42)) {
        try CallListWriter.csvData(built.entries, options: CallListCSVOptions(encoding: .cp932, onUnmappable: .fail),
                                   fileName: "calllist.csv")
    }
}

@Test func japaneseListHasJapaneseWordsListNamesAndHeaders() throws {
    let scores = [
        TestScores.score("r", churn: 0.9, value: 100, cell: "churn candidate", rank: "A",
                         churnReasons: [TestScores.factor("days_since_last_purchase", 142, typical: 35)]),
        TestScores.score("u", loyalCandidate: 0.45, value: 200, cell: "high-value promoter", rank: "S",
                         loyalCandidateReasons: [TestScores.factor("event:email_open:90d", 12, typical: 3)]),
    ]
    let contacts = CustomerContacts(["r": .init(name: "山口 裕子", phone: "090-7467-5396"),
                                     "u": .init(name: "加藤 健太", phone: "080-1111-2222")])
    let built = CallList.build(scores: scores, contacts: contacts,
                               settings: TestScores.noFloors(capacity: 2, retentionShare: 0.5, language: .ja))
    #expect(built.entries.map(\.risk) == ["離反リスク高 (90%)", "ロイヤル化の見込み高 (45%)"])
    #expect(built.entries.map(\.segment) == ["離反予備軍 (高価値・批判者)", "高価値・推奨者"])
    #expect(built.entries.map(\.actionCode) == ["win_back", "invite_engagement"])
    let options = CallListCSVOptions(encoding: .cp932, language: .ja, headers: .ja)
    let (data, replaced) = try CallListWriter.csvData(built.entries, options: options)
    #expect(replaced.isEmpty)
    let text = try #require(String(data: data, encoding: .shiftJIS))
    #expect(text == """
        リスト,順位,顧客ID,氏名,電話番号,離反確率,ロイヤル化確率,見込み,顧客価値,損失見込み額,RFMランク,セグメント,ロイヤル会員,\
        理由1,理由2,理由3,理由コード1,理由コード2,理由コード3,推奨アクション,アクションコード,群,接触日,到達,継続見込み
        離反防止,1,r,山口 裕子,090-7467-5396,0.900000,,離反リスク高 (90%),100.00,90.00,A,離反予備軍 (高価値・批判者),0,\
        最終購入から142日 (通常: 35日),,,days_since_last_purchase,,,\
        担当者からの電話: しばらくご購入がないため近況を伺い、限定の再購入特典を案内,win_back,call,2024-12-31,,
        ロイヤル化,1,u,加藤 健太,080-1111-2222,,0.450000,ロイヤル化の見込み高 (45%),200.00,90.00,S,高価値・推奨者,0,\
        直近90日のメール開封12回 (通常: 3回),,,event:email_open:90d,,,よく利用されているため会員イベントやアプリへ招待,invite_engagement,call,2024-12-31,,

        """)
    #expect(CallListWriter.japaneseColumnNames.count == CallListWriter.columnNames.count)
    // Machine headers by default, whatever the language of the list names.
    let english = try CallListWriter.csvData(built.entries, options: CallListCSVOptions(language: .ja)).0
    let lines = String(decoding: english, as: UTF8.self).split(separator: "\n")
    #expect(lines[0] == CallListWriter.columnNames.joined(separator: ","))
    #expect(lines[1].hasPrefix("離反防止,1,r,") && lines[2].hasPrefix("ロイヤル化,1,u,"))
}

@Test func jsonHasRulesSummaryEntriesAndWarningsWithSortedKeysAndNullForNaN() throws {
    let scores = [
        TestScores.score("r", churn: 0.5, value: 100, cell: "churn candidate",
                         churnReasons: [TestScores.factor("days_since_last_purchase", 142, typical: 35)]),
        TestScores.score("u", loyalCandidate: 0.25, value: 40),
    ]
    let built = CallList.build(scores: scores, contacts: nil, settings: CallListSettings(capacity: 2))
    let path = TestScores.folder() + "/calllist.json"
    try CallListWriter.writeJSON(built, warnings: ["scores are 400 days old"], to: path)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(try CallListWriter.jsonData(built, warnings: ["scores are 400 days old"]) == data)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(object.keys) == ["rules", "summary", "entries", "control", "warnings"])
    #expect(object["warnings"] as? [String] == ["scores are 400 days old"])
    let rules = try #require(object["rules"] as? [String: [String: Any]])
    #expect(Set(rules.keys) == ["retention", "upgrade"])
    let retentionRule = try #require(rules["retention"])
    #expect(Set(retentionRule.keys) == ["minChurnProbability", "floorSource", "rankedBy", "ranking"])
    #expect(retentionRule["minChurnProbability"] as? Double == 0.5 && retentionRule["floorSource"] as? String == "mean")
    #expect(retentionRule["rankedBy"] as? String == "model")
    #expect(retentionRule["ranking"] as? String == "expected value lost: churn probability × net value")
    let upgradeRule = try #require(rules["upgrade"])
    #expect(Set(upgradeRule.keys) == ["minLoyalCandidateProbability", "floorSource", "rankedBy", "ranking"])
    #expect(upgradeRule["minLoyalCandidateProbability"] as? Double == 0.25)
    let rows = try #require(object["entries"] as? [[String: Any]])
    #expect(rows.count == 2)
    #expect(rows[0]["customerID"] as? String == "r" && rows[0]["valueAtStake"] as? Double == 50)
    #expect(rows[0]["loyalCandidateProbability"] is NSNull)
    #expect(rows[0]["risk"] as? String == "high risk (50%)" && rows[0]["value"] as? Double == 100)
    #expect(rows[0]["reasonCodes"] as? [String] == ["days_since_last_purchase"])
    #expect(rows[0]["reasons"] as? [String] == ["no purchase for 142 days (typical: 35)"])
    #expect(rows[0]["actionCode"] as? String == "win_back" && rows[0]["isLoyal"] as? Bool == false)
    #expect(rows[0]["customerFileLine"] == nil)
    #expect(rows[1]["list"] as? String == "upgrade" && rows[1]["churnProbability"] is NSNull)
    #expect(rows[1]["risk"] as? String == "fair chance (25%)")
    let jsonSummary = try #require(object["summary"] as? [String: Any])
    let retention = try #require(jsonSummary["retention"] as? [String: Any])
    #expect(retention["rows"] as? Int == 1 && retention["valueCovered"] as? Double == 50)
    let exclusions = try #require(retention["exclusions"] as? [[String: Any]])
    #expect(exclusions.map { $0["reason"] as? String } == ["not_in_customer_file", "suppressed", "in_control_group", "do_not_call", "no_valid_phone",
                                                            "contacted_recently", "inactive", "no_net_spend", "below_floor",
                                                            "on_upgrade_list", "duplicate_phone", "over_capacity"])
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.range(of: "\"entries\"")!.lowerBound < text.range(of: "\"rules\"")!.lowerBound)
    #expect(text.range(of: "\"rules\"")!.lowerBound < text.range(of: "\"summary\"")!.lowerBound)
    #expect(text.range(of: "\"summary\"")!.lowerBound < text.range(of: "\"warnings\"")!.lowerBound)
    #expect(text.range(of: "\"action\"")!.lowerBound < text.range(of: "\"churnProbability\"")!.lowerBound)
    #expect(text.hasSuffix("}\n"))
}

@Test func excludedCandidatesAreWrittenWithTheirReason() throws {
    let scores = [
        TestScores.score("a", churn: 0.9, value: 100), TestScores.score("b", churn: 0.1, value: 10),
        TestScores.score("c", loyalCandidate: 0.2, value: 5, isLoyal: true),
    ]
    let built = CallList.build(scores: scores, contacts: nil, settings: CallListSettings(capacity: 10, minChurnProbability: 0.5))
    let path = TestScores.folder() + "/excluded.csv"
    try CallListWriter.writeExcluded(built.excluded, to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == """
        list,customer_id,reason,probability,value
        retention,b,below_floor,0.100000,10.00
        upgrade,c,already_loyal,0.200000,5.00

        """)
}

private func summaryScoresAndContacts() -> ([CustomerScore], CustomerContacts) {
    let scores = [
        TestScores.score("a", churn: 0.5, value: 2_000_000), TestScores.score("b", churn: 0.5, value: 10),
        TestScores.score("c", churn: 0.4, loyalCandidate: 0.3, value: 10, daysSinceLastPurchase: 500),
        TestScores.score("d", loyalCandidate: 0.3, value: 10, isLoyal: true),
    ]
    let contacts = CustomerContacts(["a": .init(name: "A", phone: "0312345678"), "b": .init(name: "B", phone: "x"),
                                     "c": .init(name: "C", phone: "0312345678"), "d": .init(name: "D", phone: "0312345678")])
    return (scores, contacts)
}

@Test func summaryTextForStderr() {
    // Floors: churn (0.5 + 0.5 + 0.4) / 3 = 0.4667, loyal candidate (0.3 + 0.3) / 2 = 0.3.
    let (scores, contacts) = summaryScoresAndContacts()
    let built = CallList.build(scores: scores, contacts: contacts, settings: CallListSettings(capacity: 10))
    #expect(CallListWriter.summaryText(built) == """
        call list: 1 call (capacity 10)
          retention: 1 row (quota 6) of 3 candidates; value covered 1,000,000
            rule: churn probability at least 0.4667 (the mean); ranked by expected value lost: churn probability × net value
            excluded: not in the customer file 0, suppressed 0, do-not-call 0, no valid phone 1, contacted within 30 days 0, \
        inactive over 365 days 1, no net spend 0, below the floor 0, on the upgrade list 0, same phone as another call 0, over capacity 0
          upgrade: 0 rows (quota 4) of 2 candidates; value covered 0
            rule: loyal-candidate probability at least 0.3000 (the mean); ranked by loyal-candidate probability, then net value
            excluded: not in the customer file 0, suppressed 0, do-not-call 0, no valid phone 0, contacted within 30 days 0, \
        inactive over 365 days 1, no net spend 0, below the floor 0, already loyal 1, on the retention list 0, \
        same phone as another call 0, over capacity 0
        """)
    let withoutFile = CallList.build(scores: scores, contacts: nil, settings: CallListSettings(capacity: 10))
    let text = CallListWriter.summaryText(withoutFile)
    #expect(text.contains("no customer file: names and phones empty, contact exclusions not applied"))
    #expect(!text.contains("do-not-call") && !text.contains("same phone"))
    #expect(text.contains("suppressed 0"))
    let flagged = CallList.build(scores: scores, contacts: contacts,
                                 settings: CallListSettings(capacity: 10, minChurnProbability: 0.45))
    #expect(CallListWriter.summaryText(flagged).contains("rule: churn probability at least 0.4500 (set by flag);"))
}

@Test func summaryTextInJapanese() {
    let (scores, contacts) = summaryScoresAndContacts()
    let built = CallList.build(scores: scores, contacts: contacts, settings: CallListSettings(capacity: 10, language: .ja))
    #expect(CallListWriter.summaryText(built, language: .ja) == """
        コールリスト: 1件 (架電可能数 10)
          離反防止: 1件 (割当 6) / 候補 3件; 対象価値 1,000,000
            基準: 離反確率 0.4667 以上 (平均); 並び順: モデル
            除外: 顧客ファイルにない 0, 抑止リスト 0, 電話不可 0, 有効な電話番号なし 1, 30日以内に連絡済み 0, 365日超購入なし 1, \
        返品後の購入額なし 0, 基準未満 0, ロイヤル化リストに掲載 0, 同じ電話番号 0, 架電可能数超過 0
          ロイヤル化: 0件 (割当 4) / 候補 2件; 対象価値 0
            基準: ロイヤル化確率 0.3000 以上 (平均); 並び順: モデル
            除外: 顧客ファイルにない 0, 抑止リスト 0, 電話不可 0, 有効な電話番号なし 0, 30日以内に連絡済み 0, 365日超購入なし 1, \
        返品後の購入額なし 0, 基準未満 0, ロイヤル会員 1, 離反防止リストに掲載 0, 同じ電話番号 0, 架電可能数超過 0
        """)
    let baseline = scores.map { score -> CustomerScore in
        var score = score
        score.churnRankedBy = .baseline
        return score
    }
    let text = CallListWriter.summaryText(CallList.build(scores: baseline, contacts: contacts, settings: CallListSettings(capacity: 10)),
                                          language: .ja)
    #expect(text.contains("並び順: ベースライン (モデルがベースラインに及ばないため)"))
}
