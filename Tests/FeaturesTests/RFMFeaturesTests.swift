import Testing
@testable import Features
@testable import OrderHistory

/// T = 2024-06-30. Hand-computed expectations for each edge case of the issue.
private let asOf = day("2024-06-30")
private let rows: [(customer: String, date: String, amount: Double)] = [
    ("single", "2024-06-01", 100),                                           // one order, 29 days before T
    ("returns", "2024-05-01", -40), ("returns", "2024-06-10", -10),          // returns only
    ("sameday", "2024-04-01", 10), ("sameday", "2024-06-20", 20), ("sameday", "2024-06-20", 30),
    ("atT", "2024-06-30", 50), ("atT", "2023-12-31", 25),                    // an order exactly at T
    ("later", "2024-07-05", 80),                                             // first seen after T
    ("regular", "2024-01-01", 10), ("regular", "2024-03-01", 20), ("regular", "2024-05-01", 30),
    ("regular", "2024-06-15", 40), ("regular", "2024-06-16", -5),
]

private func table() throws -> (FeatureTable, CustomerRegistry) {
    let (log, registry) = try history(rows)
    var table = FeatureTable(asOfDay: asOf, rowCount: registry.count)
    RFMFeatures.add(to: &table, log: log, grouped: CustomerTimeline(log: log, customerCount: registry.count))
    return (table, registry)
}

private func value(_ table: FeatureTable, _ registry: CustomerRegistry, _ customer: String, _ name: String) -> Double? {
    table.column(name)?[Int(registry.index(of: customer)!)]
}

@Test func singleOrder() throws {
    let (t, r) = try table()
    #expect(value(t, r, "single", "days_since_last_purchase") == 29)
    #expect(value(t, r, "single", "days_since_first_purchase") == 29)
    #expect(value(t, r, "single", "orders_30d") == 1)
    #expect(value(t, r, "single", "orders_30d") == 1 && value(t, r, "single", "spend_365d") == 100)
    #expect(value(t, r, "single", "mean_order_value") == 100 && value(t, r, "single", "max_order_value") == 100)
    #expect(same(value(t, r, "single", "mean_days_between_orders"), .nan))
    #expect(same(value(t, r, "single", "sd_days_between_orders"), .nan))
    #expect(value(t, r, "single", "distinct_purchase_days") == 1)
}

@Test func returnsOnlyHaveNoPurchaseFeatures() throws {
    let (t, r) = try table()
    #expect(same(value(t, r, "returns", "days_since_last_purchase"), .nan))
    // Net spend: returns of 40 and 10 with no purchase.
    #expect(value(t, r, "returns", "orders_all") == 0 && value(t, r, "returns", "spend_all") == -50)
    #expect(same(value(t, r, "returns", "mean_order_value"), .nan))
    #expect(value(t, r, "returns", "returns_count") == 2 && value(t, r, "returns", "returns_amount") == 50)
    #expect(value(t, r, "returns", "distinct_purchase_days") == 0)
}

@Test func severalOrdersOnOneDay() throws {
    let (t, r) = try table()
    #expect(value(t, r, "sameday", "orders_all") == 3)
    #expect(value(t, r, "sameday", "distinct_purchase_days") == 2)
    #expect(value(t, r, "sameday", "mean_days_between_orders") == 80)   // 2024-04-01 -> 2024-06-20
    #expect(value(t, r, "sameday", "orders_30d") == 2 && value(t, r, "sameday", "spend_30d") == 50)
    #expect(value(t, r, "sameday", "orders_90d") == 2 && value(t, r, "sameday", "orders_180d") == 3)
    // last 90 days (2024-04-02..06-30): 2 purchases; the 90 before (2024-01-03..04-01): 1 -> (2 − 1) / 1.
    #expect(value(t, r, "sameday", "orders_trend_90d") == 1)
}

@Test func orderExactlyAtTheCutoffCounts() throws {
    let (t, r) = try table()
    #expect(value(t, r, "atT", "days_since_last_purchase") == 0)
    #expect(value(t, r, "atT", "days_since_first_purchase") == 182)
    #expect(value(t, r, "atT", "orders_30d") == 1)
    #expect(value(t, r, "atT", "orders_180d") == 1 && value(t, r, "atT", "orders_365d") == 2)
    #expect(same(value(t, r, "atT", "orders_trend_90d"), .nan))
}

@Test func customerFirstSeenAfterTheCutoffHasNoData() throws {
    let (t, r) = try table()
    #expect(same(value(t, r, "later", "days_since_last_purchase"), .nan))
    #expect(value(t, r, "later", "orders_all") == 0 && value(t, r, "later", "returns_count") == 0)
}

@Test func gapsAndTheirSpread() throws {
    let (t, r) = try table()
    // Gaps: 60 (01-01 -> 03-01), 61 (03-01 -> 05-01), 45 (05-01 -> 06-15): mean 55.333..., sample sd.
    let gaps = [60.0, 61, 45]
    let mean = gaps.reduce(0, +) / 3
    let sd = (gaps.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
    #expect(abs(value(t, r, "regular", "mean_days_between_orders")! - mean) < 1e-12)
    #expect(abs(value(t, r, "regular", "sd_days_between_orders")! - sd) < 1e-12)
    #expect(value(t, r, "regular", "returns_count") == 1 && value(t, r, "regular", "returns_amount") == 5)
    #expect(value(t, r, "regular", "spend_all") == 95, "100 bought, 5 returned: net")
}

@Test func noFeatureReadsDataAfterTheCutoff() throws {
    let (before, registry) = try table()
    let future = rows + [("single", "2024-07-01", 999), ("returns", "2024-08-01", 5), ("atT", "2024-07-01", -50),
                         ("regular", "2025-01-01", 1)]
    let (log, futureRegistry) = try history(future)
    #expect(futureRegistry.ids == registry.ids)
    var after = FeatureTable(asOfDay: asOf, rowCount: futureRegistry.count)
    RFMFeatures.add(to: &after, log: log, grouped: CustomerTimeline(log: log, customerCount: futureRegistry.count))
    for (name, column) in zip(before.names, before.columns) {
        let other = after.column(name)!
        #expect(zip(column, other).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(name) changed")
    }
}

@Test func aCancelledOrderAddsNothingToSpendOrValue() throws {
    // 500 bought and cancelled in full (a return of -500 the next day), then 30 bought: net spend 30.
    let (log, registry) = try history([("cancel", "2024-06-01", 500), ("cancel", "2024-06-02", -500), ("cancel", "2024-06-20", 30)])
    var t = FeatureTable(asOfDay: asOf, rowCount: registry.count)
    RFMFeatures.add(to: &t, log: log, grouped: CustomerTimeline(log: log, customerCount: registry.count))
    ValueFeatures.add(to: &t)
    let r = registry
    #expect(value(t, r, "cancel", "spend_30d") == 30 && value(t, r, "cancel", "spend_365d") == 30)
    #expect(value(t, r, "cancel", "spend_all") == 30 && value(t, r, "cancel", "orders_all") == 2)
    #expect(value(t, r, "cancel", "mean_order_value") == 15)
    #expect(value(t, r, "cancel", "ltv_order_value_times_orders") == 30)
    #expect(value(t, r, "cancel", "returns_amount") == 500 && value(t, r, "cancel", "max_order_value") == 500)
}
