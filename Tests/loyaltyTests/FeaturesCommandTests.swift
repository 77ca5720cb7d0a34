import Foundation
import Testing

@Test func featuresCommandWritesOneRowPerCustomerWithEmptyCellsForNoData() throws {
    let folder = CommandLineHarness.folder()
    let orders = CommandLineHarness.write(Array("customer_id,order_date,amount\nA,2024-01-01,10\nA,2024-03-01,30\nB,2024-07-01,5\n".utf8), "o.csv", in: folder)
    let result = try CommandLineHarness.run(["features", "--orders", orders, "--as-of", "2024-06-30", "--out", folder + "/f.csv"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let lines = try String(contentsOfFile: folder + "/f.csv", encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("customer_id,days_since_last_purchase,days_since_first_purchase,orders_30d"))
    #expect(lines[1].hasPrefix("A,121,181,0,0,"))
    #expect(lines[2].hasPrefix("B,,,0,0,"), "B's first order is after the cutoff: no data")
    let bad = try CommandLineHarness.run(["features", "--orders", orders, "--as-of", "30/06/2024", "--out", folder + "/g.csv"])
    #expect(bad.exitCode == 1 && !FileManager.default.fileExists(atPath: folder + "/g.csv"))
}
