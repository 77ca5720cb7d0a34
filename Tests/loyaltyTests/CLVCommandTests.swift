import Foundation
import Testing

/// Orders of 40 customers over a year: each buys every (3 + i mod 5) weeks until a drop-out week.
private func clvOrders(in folder: String) -> String {
    var text = "customer_id,order_date,amount\n"
    let start = 19_723  // 2024-01-01
    for customer in 0..<40 {
        let gap = 7 * (3 + customer % 5)
        let last = customer % 3 == 0 ? 120 : 360
        var day = customer
        while day <= last {
            let (year, month, date) = civil(start + day)
            text += "C\(String(format: "%03d", customer)),\(year)-\(String(format: "%02d", month))-\(String(format: "%02d", date)),\(20 + customer)\n"
            day += gap
        }
    }
    return CommandLineHarness.write(Array(text.utf8), "orders.csv", in: folder)
}

private func civil(_ dayNumber: Int) -> (Int, Int, Int) {
    let date = Date(timeIntervalSince1970: Double(dayNumber) * 86_400)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return (parts.year!, parts.month!, parts.day!)
}

@Test func clvWritesPerCustomerValuesAndTheFitAsJSON() throws {
    let folder = CommandLineHarness.folder()
    let orders = clvOrders(in: folder)
    let out = folder + "/clv.csv"
    let result = try CommandLineHarness.run(["clv", "--orders", orders, "--as-of", "2024-09-30", "--horizon", "90d", "--json",
                                             "--out", out])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["model"] as? String == "bgnbd")
    #expect(object["timeUnit"] as? String == "weeks")
    #expect(object["customers"] as? Int == 40)
    let parameters = try #require(object["parameters"] as? [String: Double])
    #expect(Set(parameters.keys) == ["r", "alpha", "a", "b"])
    #expect(object["logLikelihood"] is Double)
    #expect(object.keys.contains("boundary"))
    #expect((object["calibration"] as? [[String: Any]])?.isEmpty == false, "orders go on after the cutoff")
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "customer_id,frequency,recency,age,monetary_value,p_alive,expected_purchases,expected_order_value,expected_value")
    #expect(lines.count == 41)
    // Same inputs, same bytes.
    let again = try CommandLineHarness.run(["clv", "--orders", orders, "--as-of", "2024-09-30", "--horizon", "90d", "--json",
                                            "--out", folder + "/again.csv"])
    #expect(again.stdout == result.stdout)
    #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: folder + "/again.csv")))
}

@Test func clvRefusesBadFlagsWithExitOne() throws {
    let folder = CommandLineHarness.folder()
    let orders = clvOrders(in: folder)
    let rate = try CommandLineHarness.run(["clv", "--orders", orders, "--discount-rate", "-1"])
    #expect(rate.exitCode == 1 && rate.stderr.contains("--discount-rate"))
    let date = try CommandLineHarness.run(["clv", "--orders", orders, "--as-of", "2024-13-01"])
    #expect(date.exitCode == 1 && date.stderr.contains("--as-of"))
    let early = try CommandLineHarness.run(["clv", "--orders", orders, "--as-of", "2020-01-01"])
    #expect(early.exitCode == 1 && early.stderr.contains("no customer has a purchase"))
}
