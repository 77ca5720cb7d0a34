import Foundation
import Testing

@Test func kpiPrintsOneJSONObjectAndATable() throws {
    let folder = CommandLineHarness.folder()
    let orders = CommandLineHarness.write(Array("customer_id,order_date,amount\nA,2024-02-01,100\nA,2024-05-01,150\nB,2024-03-01,200\n".utf8), "o.csv", in: folder)
    let json = try CommandLineHarness.run(["kpi", "--orders", orders, "--as-of", "2024-06-30", "--period-days", "91", "--json"])
    #expect(json.exitCode == 0, "\(json.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    // The data starts on 2024-02-01: the previous period (2024-01-01 to 2024-03-31) is covered for 60 of
    // its 91 days, so retention and net revenue retention are refused and said so.
    #expect(object["retentionRate"] == nil && object["previousPeriodDaysCovered"] as? Int == 60)
    #expect((object["warnings"] as? [String])?.first?.contains("60 of the 91 days") == true)
    #expect(object["activeCustomers"] as? Int == 1)
    let table = try CommandLineHarness.run(["kpi", "--orders", orders, "--as-of", "2024-06-30", "--period-days", "91"])
    #expect(table.stdout.contains("retention rate         -") && table.stderr.contains("previous period"))
    // With a full previous period: A and B bought in it, A again in this one.
    let full = CommandLineHarness.write(Array("customer_id,order_date,amount\nA,2023-12-01,1\nA,2024-02-01,100\nA,2024-05-01,150\nB,2024-03-01,200\n".utf8), "o2.csv", in: folder)
    let complete = try CommandLineHarness.run(["kpi", "--orders", full, "--as-of", "2024-06-30", "--period-days", "91"])
    #expect(complete.stdout.contains("retention rate         50.0%"), "\(complete.stdout)")
    #expect(try CommandLineHarness.run(["kpi", "--orders", orders, "--period-days", "0"]).exitCode == 1)
}
