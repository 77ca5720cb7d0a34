import Foundation
import LoyaltyModels
import OrderHistory
import Testing
@testable import Outreach

private let header = ScoresFile.columnNames.joined(separator: ",")

private func sampleScores() -> [CustomerScore] {
    [
        CustomerScore(customerID: "0000001", asOfDay: TestScores.asOfDay, churnProbability: 0.123456789,
                      churnDecile: 3, loyalCandidateProbability: 0.5, loyalCandidateDecile: 1, value: 45_000.125,
                      valueDecile: 2, rfmRank: "A", ltvNPSCell: "loyal candidate", daysSinceLastPurchase: 142,
                      isLoyal: false, churnReasons: ["no purchase for 142 days (typical: 35)", "NPS 7 (passive)"],
                      loyalCandidateReasons: ["最終購入から142日 (通常: 35日)", "say \"hi\", twice", "c", "dropped"]),
        CustomerScore(customerID: "0000002", asOfDay: TestScores.asOfDay, churnProbability: .nan, churnDecile: nil,
                      loyalCandidateProbability: .nan, loyalCandidateDecile: nil, value: 0, valueDecile: 10,
                      rfmRank: "C", ltvNPSCell: "low value, no answer", daysSinceLastPurchase: .nan, isLoyal: false,
                      churnReasons: [], loyalCandidateReasons: []),
        CustomerScore(customerID: "A-3", asOfDay: TestScores.asOfDay, churnProbability: 1, churnDecile: 10,
                      loyalCandidateProbability: 0, loyalCandidateDecile: 10, value: 1_234_567.5, valueDecile: 1,
                      rfmRank: "loyal", ltvNPSCell: "high value, no answer", daysSinceLastPurchase: 0.5, isLoyal: true,
                      churnReasons: ["a"], loyalCandidateReasons: []),
    ]
}

@Test func writesTheDocumentedBytes() throws {
    let path = TestScores.folder() + "/scores.csv"
    try ScoresFile.write(sampleScores(), to: path)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == """
        \(header)
        0000001,2024-12-31,0.123457,3,0.500000,1,45000.13,2,A,loyal candidate,142,0,\
        no purchase for 142 days (typical: 35),NPS 7 (passive),,\
        最終購入から142日 (通常: 35日),"say ""hi"", twice",c
        0000002,2024-12-31,,,,,0.00,10,C,"low value, no answer",,0,,,,,,
        A-3,2024-12-31,1.000000,10,0.000000,10,1234567.50,1,loyal,"high value, no answer",0.500000,1,a,,,,,

        """)
}

@Test func roundTripKeepsEveryField() throws {
    let path = TestScores.folder() + "/scores.csv"
    var written = sampleScores()
    try ScoresFile.write(written, to: path)
    let read = try ScoresFile.read(path: path)
    // What the file holds: 6 and 2 decimals, three reasons per target.
    written[0].churnProbability = 0.123457
    written[0].value = 45_000.13
    written[0].loyalCandidateReasons.removeLast()
    #expect(read.count == 3)
    for (left, right) in zip(read, written) { #expect(TestScores.same(left, right), "\(left) \(right)") }
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
        \(header)
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

@Test func otherBadCellsAreLocated() {
    func problem(_ row: String) -> BadRow? {
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

@Test func repeatedCustomerIsABadRow() {
    let path = TestScores.write("""
        \(header)
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
        1,9,2024-12-31,0.25,4,,,300.5,3,loyal,loyal,5

        """)
    let scores = try ScoresFile.read(path: path)
    #expect(scores.count == 1)
    #expect(scores[0].customerID == "9" && scores[0].isLoyal && scores[0].churnProbability == 0.25)
    #expect(scores[0].loyalCandidateProbability.isNaN && scores[0].loyalCandidateDecile == nil)
    #expect(scores[0].churnReasons.isEmpty && scores[0].value == 300.5)
}

@Test func emptyFileIsAnError() {
    let path = TestScores.write("")
    #expect(throws: OrderHistoryError.emptyFile(file: path)) { try ScoresFile.read(path: path) }
}
