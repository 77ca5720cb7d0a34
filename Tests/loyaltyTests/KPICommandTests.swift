import Foundation
import Testing

@Test func kpiPrintsOneJSONObjectAndATable() throws {
    let folder = CommandLineHarness.folder()
    let orders = CommandLineHarness.write(Array("customer_id,order_date,amount\nA,2024-02-01,100\nA,2024-05-01,150\nB,2024-03-01,200\n".utf8), "o.csv", in: folder)
    let json = try CommandLineHarness.run(["kpi", "--orders", orders, "--as-of", "2024-06-30", "--period-days", "91", "--json"])
    #expect(json.exitCode == 0, "\(json.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    #expect(object["retentionRate"] as? Double == 0.5)
    #expect(object["activeCustomers"] as? Int == 1)
    let table = try CommandLineHarness.run(["kpi", "--orders", orders, "--as-of", "2024-06-30", "--period-days", "91"])
    #expect(table.stdout.contains("retention rate         50.0%"))
    #expect(try CommandLineHarness.run(["kpi", "--orders", orders, "--period-days", "0"]).exitCode == 1)
}
