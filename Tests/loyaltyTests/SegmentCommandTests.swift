import Foundation
import Testing

@Test func segmentWritesScoresRankAndCellForEveryCustomer() throws {
    let folder = CommandLineHarness.folder()
    let orders = CommandLineHarness.write(Array("customer_id,order_date,amount\nA,2024-06-20,600000\nB,2024-01-01,10\nC,2024-06-01,50\n".utf8), "o.csv", in: folder)
    let surveys = CommandLineHarness.write(Array("customer_id,survey_date,nps\nA,2024-06-01,10\nB,2024-02-01,2\n".utf8), "s.csv", in: folder)
    let result = try CommandLineHarness.run(["segment", "--orders", orders, "--surveys", surveys, "--as-of", "2024-06-30",
                                             "--out", folder + "/seg.csv"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let lines = try String(contentsOfFile: folder + "/seg.csv", encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(lines == [
        "customer_id,recency_score,frequency_score,monetary_score,rfm_rank,ltv_nps_cell",
        "A,4,1,4,S,high-value promoter",
        "B,1,1,1,C,uncooperative",
        "C,2,1,2,A,\"high value, no answer\"",
    ])
}
