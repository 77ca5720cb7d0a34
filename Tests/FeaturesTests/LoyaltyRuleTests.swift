import Testing
@testable import Features

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
