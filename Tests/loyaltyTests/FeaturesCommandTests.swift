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

/// Event types and customer columns spelled like built-in features (`purchase`, `orders`, `spend`,
/// `spend_365d`, `days_since_last_purchase`) are legitimate data: their features live in the `event:` and
/// `customer:` namespaces, and the command succeeds (it used to stop on a precondition, signal 4).
@Test func eventTypesAndCustomerColumnsNamedLikeBuiltInFeaturesAreData() throws {
    let folder = CommandLineHarness.folder()
    let orders = CommandLineHarness.write(Array("customer_id,order_date,amount\nA,2024-01-01,10\nB,2024-03-01,30\n".utf8), "o.csv", in: folder)
    let events = CommandLineHarness.write(Array("""
        customer_id,timestamp,type
        A,2024-06-01 10:00:00,purchase
        A,2024-06-02 10:00:00,orders
        B,2024-06-03 10:00:00,spend

        """.utf8), "e.csv", in: folder)
    let customers = CommandLineHarness.write(Array("customer_id,spend_365d,orders_90d,days_since_last_purchase\nA,1,2,3\nB,4,5,6\n".utf8),
                                             "c.csv", in: folder)
    let result = try CommandLineHarness.run(["features", "--orders", orders, "--events", events, "--customers", customers,
                                             "--as-of", "2024-06-30", "--out", folder + "/f.csv"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let header = try String(contentsOfFile: folder + "/f.csv", encoding: .utf8).split(separator: "\n")[0].split(separator: ",").map(String.init)
    #expect(Set(header).count == header.count)
    for name in ["days_since_last_purchase", "spend_365d", "event:purchase:30d", "event:purchase:days_since_last",
                 "event:orders:90d", "event:spend:365d", "customer:spend_365d", "customer:days_since_last_purchase"] {
        #expect(header.contains(name), "\(name)")
    }
}

/// A header naming one column twice is a located error (which `amount` is the amount?), not a silent pick.
@Test func aRepeatedColumnNameIsALocatedError() throws {
    let folder = CommandLineHarness.folder()
    let orders = CommandLineHarness.write(Array("customer_id,order_date,amount,amount\nA,2024-01-01,10,20\n".utf8), "o.csv", in: folder)
    let result = try CommandLineHarness.run(["features", "--orders", orders, "--as-of", "2024-06-30", "--out", folder + "/f.csv"])
    #expect(result.exitCode == 1 && result.stderr.contains("o.csv:1: column 4 \"amount\": repeats column 3"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/f.csv"))
}
