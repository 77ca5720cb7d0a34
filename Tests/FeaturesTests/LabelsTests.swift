import OrderHistory
import Testing
@testable import Features

@Test func churnOnlyForActiveCustomers() throws {
    let (log, registry) = try history([
        ("stays", "2024-05-01", 10), ("stays", "2024-08-01", 10),      // active, buys within 90 days -> 0
        ("leaves", "2024-06-30", 10), ("leaves", "2024-10-15", 10),    // active, next purchase after T+90 -> 1
        ("dormant", "2022-01-01", 10), ("dormant", "2024-07-10", 10),  // not active at T -> NaN
        ("returner", "2024-06-01", 10), ("returner", "2024-07-01", -10), // a return is not a purchase -> 1
    ])
    let labels = Labels.churn(log: log, grouped: CustomerTimeline(log: log, customerCount: registry.count),
                              asOfDay: day("2024-06-30"), horizonDays: 90)
    func label(_ id: String) -> Double { labels[Int(registry.index(of: id)!)] }
    #expect(label("stays") == 0)
    #expect(label("leaves") == 1)
    #expect(label("dormant").isNaN)
    #expect(label("returner") == 1)
}

@Test func netSpendAfterAContactIsPurchasesMinusReturnsInTheWindow() throws {
    let (log, registry) = try history([
        ("a", "2024-03-01", 100), ("a", "2024-03-05", 50), ("a", "2024-03-06", -20), ("a", "2024-03-15", 7), ("a", "2024-03-16", 9),
    ])
    let grouped = CustomerTimeline(log: log, customerCount: registry.count)
    let customer = Int(registry.index(of: "a")!)
    // (2024-03-01, 2024-03-15]: 50 − 20 + 7; the contact day and the day after the window are out.
    #expect(Labels.netSpend(log: log, grouped: grouped, customer: customer, after: day("2024-03-01"), days: 14) == 37)
    #expect(Labels.netSpend(log: log, grouped: grouped, customer: customer, after: day("2024-03-20"), days: 14) == 0)
}
