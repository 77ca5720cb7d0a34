import Testing
@testable import Features
@testable import OrderHistory

@Test func loyalCandidatesReachTheThresholdFixedAtT() throws {
    // T = 2024-06-30, H = 90. Trailing spends at T: big 1000, mid 300, small 100, tiny 50, gone 0 (inactive).
    // Active: 4 -> top 20% = 1 customer (big); threshold = 1000.
    let (log, registry) = try history([
        ("big", "2024-03-01", 1000),
        ("mid", "2024-04-01", 300), ("mid", "2024-08-01", 800),      // 1100 by T+H: becomes loyal -> 1
        ("small", "2024-05-01", 100), ("small", "2024-08-01", 200),  // 300: not loyal -> 0
        ("tiny", "2024-06-01", 50),                                  // -> 0
        ("gone", "2022-01-01", 5000),                                // inactive at T -> NaN
    ])
    let timeline = CustomerTimeline(log: log, customerCount: registry.count)
    let rule = LoyaltyRule()
    let now = rule.trailingSpend(log: log, timeline: timeline, day: day("2024-06-30"))
    #expect(rule.threshold(spend: now.spend, active: now.active) == 1000)
    let labels = Labels.loyalCandidate(log: log, timeline: timeline, asOfDay: day("2024-06-30"), horizonDays: 90)
    func label(_ id: String) -> Double { labels[Int(registry.index(of: id)!)] }
    #expect(label("big").isNaN, "already loyal at T")
    #expect(label("mid") == 1)
    #expect(label("small") == 0 && label("tiny") == 0)
    #expect(label("gone").isNaN)
}

@Test func loyalCandidateByRankThresholds() throws {
    // Loyal: last purchase within 30 days, ≥ 2 orders and ≥ 100 spend in 365 days. T = 2024-06-30, H = 60.
    let rank = Segments.RankThreshold(name: "loyal", maxDaysSinceLastPurchase: 30, minOrders: 2, minSpend: 100)
    let (log, registry) = try history([
        ("grows", "2024-05-01", 60), ("grows", "2024-08-15", 60),     // not loyal at T; at T+H: 2 orders, 120, 14 days -> 1
        ("stays", "2024-03-01", 10),                                  // -> 0
        ("already", "2024-06-20", 80), ("already", "2024-06-25", 80), // loyal at T -> NaN
        ("gone", "2023-01-01", 500),                                  // inactive -> NaN
    ])
    let labels = Labels.loyalCandidate(log: log, timeline: CustomerTimeline(log: log, customerCount: registry.count),
                                       asOfDay: day("2024-06-30"), horizonDays: 60, loyalRank: rank)
    func label(_ id: String) -> Double { labels[Int(registry.index(of: id)!)] }
    #expect(label("grows") == 1 && label("stays") == 0)
    #expect(label("already").isNaN && label("gone").isNaN)
}

@Test func returnsCancellingPurchasesAreNeverLoyal() throws {
    // "big" bought 10,000 and returned all of it: net 0; "small" net 100; "mid" net 50.
    let (log, registry) = try history([("big", "2024-06-01", 10_000), ("big", "2024-06-01", -10_000),
                                       ("small", "2024-06-02", 100), ("mid", "2024-06-03", 50)])
    let timeline = CustomerTimeline(log: log, customerCount: registry.count)
    let rule = LoyaltyRule(topShare: 0.34)
    let (spend, active) = rule.trailingSpend(log: log, timeline: timeline, day: day("2024-06-30"))
    let big = Int(registry.index(of: "big")!), small = Int(registry.index(of: "small")!)
    #expect(spend[big] == 0 && active[big])
    // Top 34% of 3 active customers: 2 (rounded up): 100 and 50; the netted-out customer is not among them.
    let threshold = rule.threshold(spend: spend, active: active)
    #expect(threshold == 50 && spend[small] >= threshold && spend[big] < threshold)
    // Even when everyone nets to nothing, the threshold stays above 0.
    #expect(rule.threshold(spend: [0, 0], active: [true, true]) > 0)
}
