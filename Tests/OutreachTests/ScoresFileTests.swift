import Features
import Foundation
import OrderHistory
import Testing
@testable import Outreach

private let header = ScoresFile.columnNames.joined(separator: ",")
/// The header of a scores file written before the spend, ranking and reason-code columns existed.
private let oldHeader = ScoresFile.columnNames.prefix(18).joined(separator: ",")

private func commas(_ count: Int) -> String { String(repeating: ",", count: count) }

private func sampleScores() -> [CustomerScore] {
    var first = CustomerScore(
        customerID: "0000001", asOfDay: TestScores.asOfDay, churnProbability: 0.123456789, churnDecile: 3,
        loyalCandidateProbability: 0.5, loyalCandidateDecile: 1, value: 45_000.125, valueDecile: 2, rfmRank: "A",
        ltvNPSCell: "high-value passive", daysSinceLastPurchase: 142, isLoyal: false,
        churnReasons: [ReasonFactor(feature: "days_since_last_purchase", value: 142, typical: 35, contribution: 0.8),
                       ReasonFactor(feature: "last_nps", value: 7, typical: 8, contribution: 0.25)],
        loyalCandidateReasons: [ReasonFactor(feature: "orders_365d", value: 2, typical: 9, contribution: 0.5),
                                ReasonFactor(feature: "spend_365d", value: 12_300, typical: 45_000, contribution: 0.3),
                                ReasonFactor(feature: "say \"hi\"", value: 1, typical: .nan, contribution: 0.1),
                                ReasonFactor(feature: "dropped", value: 1, typical: 1, contribution: 0.01)])
    first.spend365 = 12_300.5
    first.loyalCandidateRankedBy = .baseline
    let second = CustomerScore(
        customerID: "0000002", asOfDay: TestScores.asOfDay, churnProbability: .nan, churnDecile: nil,
        loyalCandidateProbability: .nan, loyalCandidateDecile: nil, value: 0, valueDecile: 10, rfmRank: "C",
        ltvNPSCell: "low value, no answer", daysSinceLastPurchase: .nan, isLoyal: false, churnReasons: [], loyalCandidateReasons: [])
    var third = CustomerScore(
        customerID: "A-3", asOfDay: TestScores.asOfDay, churnProbability: 1, churnDecile: 10, loyalCandidateProbability: 0,
        loyalCandidateDecile: 10, value: 1_234_567.5, valueDecile: 1, rfmRank: "S", ltvNPSCell: "high value, no answer",
        daysSinceLastPurchase: 0.5, isLoyal: true, churnReasons: [.nothingStandsOut], loyalCandidateReasons: [])
    third.spend365 = 0
    third.churnRankedBy = .baseline
    return [first, second, third]
}

/// The rows `sampleScores` gives in English (after the header).
private let sampleRows = [
    "0000001,2024-12-31,0.123457,3,0.500000,1,45000.13,2,A,high-value passive,142,0,"
        + "no purchase for 142 days (typical: 35),NPS 7 (passive; typical: 8),,"
        + "2 orders in the last 365 days (typical: 9),\"spent 12,300 in the last 365 days (typical: 45,000)\",\"say \"\"hi\"\": 1\","
        + "12300.50,model,baseline,"
        + "days_since_last_purchase,142.000000,35.000000,0.800000,last_nps,7.000000,8.000000,0.250000,,,,,"
        + "orders_365d,2.000000,9.000000,0.500000,spend_365d,12300.000000,45000.000000,0.300000,"
        + "\"say \"\"hi\"\"\",1.000000,,0.100000",
    "0000002,2024-12-31,,,,,0.00,10,C,\"low value, no answer\",,0" + commas(6) + "," + ",model,model" + commas(24),
    "A-3,2024-12-31,1.000000,10,0.000000,10,1234567.50,1,S,\"high value, no answer\",0.500000,1,"
        + "no single factor stands out (the overall pattern)" + commas(5) + ",0.00,baseline,model,none,,,0.000000" + commas(20),
]

@Test func headerHasTheSpendRankingAndReasonCodeColumns() {
    #expect(ScoresFile.columnNames.count == 45)
    #expect(Array(ScoresFile.columnNames[18..<25]) == ["spend_365d", "churn_ranked_by", "loyal_candidate_ranked_by",
                                                       "churn_reason_1_code", "churn_reason_1_value", "churn_reason_1_typical",
                                                       "churn_reason_1_contribution"])
    #expect(ScoresFile.columnNames.last == "loyal_candidate_reason_3_contribution")
}

@Test func writesTheDocumentedBytes() throws {
    let path = TestScores.folder() + "/scores.csv"
    try ScoresFile.write(sampleScores(), to: path)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == ([header] + sampleRows).joined(separator: "\n") + "\n")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 5 && lines[4].isEmpty)
}

@Test func roundTripKeepsEveryFieldAndTheReasonFactors() throws {
    let path = TestScores.folder() + "/scores.csv"
    var written = sampleScores()
    try ScoresFile.write(written, to: path)
    let read = try ScoresFile.read(path: path)
    // What the file holds: 6 and 2 decimals, three reasons per target, each with the words it was written with.
    written[0].churnProbability = 0.123457
    written[0].value = 45_000.13
    written[0].loyalCandidateReasons.removeLast()
    for (index, text) in ["no purchase for 142 days (typical: 35)", "NPS 7 (passive; typical: 8)"].enumerated() {
        written[0].churnReasons[index].text = text
    }
    for (index, text) in ["2 orders in the last 365 days (typical: 9)", "spent 12,300 in the last 365 days (typical: 45,000)",
                          "say \"hi\": 1"].enumerated() {
        written[0].loyalCandidateReasons[index].text = text
    }
    written[2].churnReasons[0].text = "no single factor stands out (the overall pattern)"
    #expect(read.count == 3)
    for (left, right) in zip(read, written) { #expect(TestScores.same(left, right), "\(left) \(right)") }
    #expect(read[0].churnReasons == written[0].churnReasons)
    #expect(read[0].loyalCandidateReasons == written[0].loyalCandidateReasons)
    #expect(read[0].loyalCandidateReasons[2].typical.isNaN)
    #expect(read[2].churnReasons.map(\.feature) == ["none"] && read[2].churnReasons[0].value.isNaN)
    #expect(read[0].spend365 == 12_300.5 && read[1].spend365.isNaN && read[2].spend365 == 0)
    #expect(read.map(\.churnRankedBy) == [.model, .model, .baseline])
    #expect(read.map(\.loyalCandidateRankedBy) == [.baseline, .model, .model])
    // Written again, the file is the same.
    let again = TestScores.folder() + "/scores.csv"
    try ScoresFile.write(read, to: again)
    #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: path))
}

@Test func reasonsAreWrittenInTheLanguageAskedForWithTheSameCodes() throws {
    let folder = TestScores.folder()
    try ScoresFile.write(sampleScores(), to: folder + "/en.csv")
    try ScoresFile.write(sampleScores(), to: folder + "/ja.csv", language: .ja)
    let text = try String(contentsOfFile: folder + "/ja.csv", encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[1].hasPrefix("0000001,2024-12-31,0.123457,3,0.500000,1,45000.13,2,A,high-value passive,142,0,"
        + "最終購入から142日 (通常: 35日),NPS 7 (中立者、通常: 8),,直近365日の注文2件 (通常: 9件),"
        + "\"直近365日の購入金額12,300 (通常: 45,000)\",\"say \"\"hi\"\": 1\",12300.50,model,baseline,days_since_last_purchase,"))
    #expect(lines[3].contains(",特に目立つ要因なし (全体的な傾向),"))
    let english = try ScoresFile.read(path: folder + "/en.csv")
    let japanese = try ScoresFile.read(path: folder + "/ja.csv")
    for (en, ja) in zip(english, japanese) {
        for (a, b) in zip(en.churnReasons + en.loyalCandidateReasons, ja.churnReasons + ja.loyalCandidateReasons) {
            #expect(a.feature == b.feature && a.contribution == b.contribution)
        }
    }
    #expect(japanese[0].churnReasons.map(\.text) == ["最終購入から142日 (通常: 35日)", "NPS 7 (中立者、通常: 8)"])
    #expect(english[0].churnReasons.map(\.text) == ["no purchase for 142 days (typical: 35)", "NPS 7 (passive; typical: 8)"])
    // The words are written again from the codes, so the language of the file does not matter to a call list.
    #expect(ReasonText.describe(japanese[0].churnReasons[0], language: .en) == "no purchase for 142 days (typical: 35)")
}

@Test func oldFileWithoutReasonCodesKeepsTheWords() throws {
    let path = TestScores.write("""
        \(oldHeader)
        1,2024-12-31,0.9,1,0.1,5,100,5,B,indifferent,10,0,no purchase for 142 days (typical: 35),NPS 3 (detractor),,,,

        """)
    let scores = try ScoresFile.read(path: path)
    #expect(scores.count == 1)
    let reasons = scores[0].churnReasons
    #expect(reasons == [
        ReasonFactor(feature: "", value: .nan, typical: .nan, contribution: .nan, text: "no purchase for 142 days (typical: 35)"),
        ReasonFactor(feature: "", value: .nan, typical: .nan, contribution: .nan, text: "NPS 3 (detractor)"),
    ])
    #expect(scores[0].loyalCandidateReasons.isEmpty)
    #expect(reasons.map { ReasonText.describe($0, language: .ja) } == ["no purchase for 142 days (typical: 35)", "NPS 3 (detractor)"])
    #expect(scores[0].spend365.isNaN && scores[0].churnRankedBy == .model && scores[0].loyalCandidateRankedBy == .model)
    // On a call list the words stay, the codes are empty, and without codes the action is the general one.
    let entries = CallList.build(scores: scores, contacts: nil, settings: TestScores.noFloors(capacity: 1)).entries
    #expect(entries.first?.reasons == ["no purchase for 142 days (typical: 35)", "NPS 3 (detractor)"])
    #expect(entries.first?.reasonCodes == ["", ""])
    #expect(entries.first?.actionCode == "check_in")
}

@Test func sameScoresGiveTheSameBytesAndNoTemporaryFileIsLeft() throws {
    let folder = TestScores.folder()
    try ScoresFile.write(sampleScores(), to: folder + "/a.csv")
    try ScoresFile.write(sampleScores(), to: folder + "/b.csv")
    #expect(FileManager.default.contents(atPath: folder + "/a.csv") == FileManager.default.contents(atPath: folder + "/b.csv"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a.csv", "b.csv"])
}

@Test func badProbabilityIsLocated() throws {
    let path = TestScores.write("""
        \(oldHeader)
        1,2024-12-31,0.2,5,0.1,5,100,5,B,indifferent,10,0,,,,,,
        2,2024-12-31,1.5,5,0.1,5,100,5,B,indifferent,10,0,,,,,,

        """)
    do {
        _ = try ScoresFile.read(path: path)
        Issue.record("expected an error")
    } catch OrderHistoryError.badRow(let row) {
        #expect(row.line == 3 && row.column == 3 && row.columnName == "churn_probability" && row.value == "1.5")
        #expect(OrderHistoryError.badRow(row).description
            == "\(path):3:3: column \"churn_probability\": value \"1.5\": expected a probability between 0 and 1, or an empty cell")
    }
}

private func problem(_ row: String, header: String = oldHeader) -> BadRow? {
    let path = TestScores.write("\(header)\n\(row)\n")
    do {
        _ = try ScoresFile.read(path: path)
        return nil
    } catch OrderHistoryError.badRow(let row) {
        return row
    } catch {
        return nil
    }
}

@Test func otherBadCellsAreLocated() {
    #expect(problem("1,2024-12-31,abc,5,0.1,5,100,5,B,x,10,0,,,,,,")?.column == 3)
    #expect(problem("1,2024-12-31,nan,5,0.1,5,100,5,B,x,10,0,,,,,,")?.column == 3)
    #expect(problem("1,31/12/2024,0.2,5,0.1,5,100,5,B,x,10,0,,,,,,")?.columnName == "as_of")
    #expect(problem("1,2024-12-31,0.2,11,0.1,5,100,5,B,x,10,0,,,,,,")?.columnName == "churn_decile")
    #expect(problem("1,2024-12-31,0.2,5,0.1,5,1e400,5,B,x,10,0,,,,,,")?.columnName == "value")
    #expect(problem("1,2024-12-31,0.2,5,0.1,5,100,,B,x,10,0,,,,,,")?.columnName == "value_decile")
    #expect(problem("1,2024-12-31,0.2,5,0.1,5,100,5,B,x,-3,0,,,,,,")?.columnName == "days_since_last_purchase")
    #expect(problem("1,2024-12-31,0.2,5,0.1,5,100,5,B,x,10,yes,,,,,,")?.problem == "expected 0 or 1")
    #expect(problem(",2024-12-31,0.2,5,0.1,5,100,5,B,x,10,0,,,,,,")?.problem == "expected a customer id")
    #expect(problem("1,2024-12-31,0.2,5,0.1,5,100,5,B,x,10,0")?.problem
        == "the row has 12 fields; expected 18 as in the header")
}

@Test func badCellsInTheNewColumnsAreLocated() {
    let valid = ["1", "2024-12-31", "0.2", "5", "0.1", "5", "100", "5", "B", "x", "10", "0"]
        + Array(repeating: "", count: 6) + ["", "model", "model"] + Array(repeating: "", count: 24)
    #expect(valid.count == ScoresFile.columnNames.count)
    func row(_ changes: [Int: String]) -> String {
        valid.enumerated().map { changes[$0.offset] ?? $0.element }.joined(separator: ",")
    }
    #expect(problem(row([:]), header: header) == nil)
    let rankedBy = problem(row([19: "maybe"]), header: header)
    #expect(rankedBy?.column == 20 && rankedBy?.columnName == "churn_ranked_by" && rankedBy?.problem == "expected model or baseline")
    #expect(problem(row([20: "Model"]), header: header)?.columnName == "loyal_candidate_ranked_by")
    let spend = problem(row([18: "12x"]), header: header)
    #expect(spend?.column == 19 && spend?.columnName == "spend_365d")
    let reasonValue = problem(row([21: "days_since_last_purchase", 22: "abc"]), header: header)
    #expect(reasonValue?.column == 23 && reasonValue?.columnName == "churn_reason_1_value"
        && reasonValue?.problem == "expected a number, or an empty cell")
    #expect(problem(row([44: "x"]), header: header)?.columnName == "loyal_candidate_reason_3_contribution")
    #expect(problem("1,2024-12-31,0.2,5,0.1,5,100,5,B,x,10,0", header: header)?.problem
        == "the row has 12 fields; expected 45 as in the header")
}

@Test func repeatedCustomerIsABadRow() {
    let path = TestScores.write("""
        \(oldHeader)
        7,2024-12-31,0.2,5,0.1,5,100,5,B,x,10,0,,,,,,
        7,2024-12-31,0.2,5,0.1,5,100,5,B,x,10,0,,,,,,

        """)
    #expect(throws: OrderHistoryError.self) { try ScoresFile.read(path: path) }
}

@Test func missingColumnIsNamed() {
    let path = TestScores.write("customer_id,as_of,churn_probability\n1,2024-12-31,0.5\n")
    #expect(throws: OutreachError.missingColumn(file: path, column: "churn_decile",
                                                available: ["customer_id", "as_of", "churn_probability"])) {
        try ScoresFile.read(path: path)
    }
}

@Test func reasonColumnsAreOptionalAndColumnsMayComeInAnyOrder() throws {
    let path = TestScores.write("""
        is_loyal,customer_id,as_of,churn_probability,churn_decile,loyal_candidate_probability,\
        loyal_candidate_decile,value,value_decile,rfm_rank,ltv_nps_cell,days_since_last_purchase
        1,9,2024-12-31,0.25,4,,,300.5,3,S,high-value promoter,5

        """)
    let scores = try ScoresFile.read(path: path)
    #expect(scores.count == 1)
    #expect(scores[0].customerID == "9" && scores[0].isLoyal && scores[0].churnProbability == 0.25)
    #expect(scores[0].loyalCandidateProbability.isNaN && scores[0].loyalCandidateDecile == nil)
    #expect(scores[0].churnReasons.isEmpty && scores[0].value == 300.5)
    #expect(scores[0].rfmRank == "S" && scores[0].ltvNPSCell == "high-value promoter")
    #expect(scores[0].spend365.isNaN && scores[0].churnRankedBy == .model)
}

@Test func emptyFileIsAnError() {
    let path = TestScores.write("")
    #expect(throws: OrderHistoryError.emptyFile(file: path)) { try ScoresFile.read(path: path) }
}

/// The retention uplift is a last column, written only when a score has one, and read back.
@Test func theRetentionUpliftColumnIsWrittenOnlyWithAnUplift() throws {
    let path = TestScores.folder() + "/scores.csv"
    var scores = sampleScores()
    try ScoresFile.write(scores, to: path)
    #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains("retention_uplift"))
    scores[0].retentionUplift = 0.1234567
    try ScoresFile.write(scores, to: path)
    let header = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")[0]
    #expect(header.hasSuffix(",retention_uplift"))
    let read = try ScoresFile.read(path: path)
    #expect(read[0].retentionUplift == 0.123457 && read[1].retentionUplift.isNaN)
    let bad = TestScores.write(String(try String(contentsOfFile: path, encoding: .utf8)).replacingOccurrences(of: ",0.123457\n", with: ",7\n"))
    #expect(throws: OrderHistoryError.self) { try ScoresFile.read(path: bad) }
}

@Test func theExpectedValueColumnsRoundTripAndAreOnlyWrittenWhenKnown() throws {
    let folder = TestScores.folder()
    var scores = sampleScores()
    try ScoresFile.write(scores, to: folder + "/plain.csv")
    #expect(!(try String(contentsOfFile: folder + "/plain.csv", encoding: .utf8)).contains("p_alive"), "no P(alive): no columns")
    scores[0].probabilityAlive = 0.25
    scores[0].expectedValue = 12.5
    scores[0].valueIfRetained = 50
    try ScoresFile.write(scores, to: folder + "/value.csv")
    let header = try String(contentsOfFile: folder + "/value.csv", encoding: .utf8).split(separator: "\n")[0]
    #expect(header.hasSuffix(",p_alive,expected_value,value_if_retained"))
    let read = try ScoresFile.read(path: folder + "/value.csv")
    #expect(read[0].probabilityAlive == 0.25 && read[0].expectedValue == 12.5 && read[0].valueIfRetained == 50)
    #expect(read[1].probabilityAlive.isNaN && read[1].valueIfRetained.isNaN)
    let text = try String(contentsOfFile: folder + "/value.csv", encoding: .utf8).replacingOccurrences(of: ",0.250000,12.50,50.00", with: ",1.5,12.50,50.00")
    try text.write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
    #expect { _ = try ScoresFile.read(path: folder + "/bad.csv") } throws: { "\($0)".contains("p_alive") && "\($0)".contains("probability from 0 to 1") }
}

@Test func theDaysSinceTheFirstPurchaseRoundTripAndAreOnlyWrittenWhenKnown() throws {
    let folder = TestScores.folder()
    var scores = sampleScores()
    try ScoresFile.write(scores, to: folder + "/plain.csv")
    #expect(!(try String(contentsOfFile: folder + "/plain.csv", encoding: .utf8)).contains("days_since_first_purchase"))
    scores[0].daysSinceFirstPurchase = 40
    scores[0].probabilityAlive = 0.25
    try ScoresFile.write(scores, to: folder + "/tenure.csv")
    let lines = try String(contentsOfFile: folder + "/tenure.csv", encoding: .utf8).split(separator: "\n")
    #expect(lines[0].hasSuffix(",loyal_candidate_reason_3_contribution,days_since_first_purchase,p_alive,expected_value,value_if_retained"))
    #expect(lines[1].hasSuffix(",40,0.250000,,"))
    let read = try ScoresFile.read(path: folder + "/tenure.csv")
    #expect(read[0].daysSinceFirstPurchase == 40 && read[1].daysSinceFirstPurchase.isNaN)
    let bad = TestScores.write(String(lines[0]) + "\n" + lines[1].replacingOccurrences(of: ",40,0.250000", with: ",-3,0.250000") + "\n")
    #expect { _ = try ScoresFile.read(path: bad) } throws: { "\($0)".contains("days_since_first_purchase") && "\($0)".contains(":2:") }
}
