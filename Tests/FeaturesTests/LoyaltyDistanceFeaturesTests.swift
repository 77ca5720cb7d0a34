import Testing
@testable import Features
@testable import OrderHistory

@Test func distanceToLoyalIsTheShareOfTheThresholdAndThePercentile() throws {
    // Five customers spending 100, 200, 200, 400, 1000 in the 365 days before the cutoff; "f" last bought
    // more than 365 days before it (inactive).
    let (log, registry) = try history([
        ("a", "2024-05-01", 100), ("b", "2024-05-01", 200), ("c", "2024-06-01", 120), ("c", "2024-06-02", 80),
        ("d", "2024-05-01", 400), ("e", "2024-05-01", 1000), ("f", "2022-05-01", 5000),
    ])
    let timeline = CustomerTimeline(log: log, customerCount: registry.count)
    var table = FeatureTable(asOfDay: day("2024-06-30"), rowCount: registry.count)
    LoyaltyDistanceFeatures.add(to: &table, log: log, timeline: timeline, rule: LoyaltyRule(topShare: 0.2))
    // Top 20% of 5 active customers = 1 customer: the threshold is 1000.
    let ratio = table.column("spend_to_loyal_threshold")!, percentile = table.column("spend_percentile_among_active")!
    #expect(Array(ratio.prefix(5)) == [0.1, 0.2, 0.2, 0.4, 1.0])
    #expect(Array(percentile.prefix(5)) == [0, 0.2, 0.2, 0.6, 0.8], "ties share the lower percentile")
    #expect(ratio[5].isNaN && percentile[5].isNaN)
}
