import Foundation
import Testing
@testable import Features

@Test func quintileScoresShareTiesAndSkipMissing() {
    let scores = Segments.quintileScores([10, 20, 30, 40, 50, 50, .nan, 0, 5, 100])
    // 9 values; strictly lower counts: 10→2, 20→3, 30→4, 40→5, 50→6, 0→0, 5→1, 100→8.
    #expect(scores[0] == 2 && scores[1] == 2 && scores[2] == 3 && scores[3] == 3)
    #expect(scores[4] == 4 && scores[5] == 4 && scores[6].isNaN && scores[7] == 1 && scores[9] == 5)
    let recency = Segments.quintileScores([1, 100, 50], higherIsBetter: false)
    #expect(recency == [4, 1, 2])
}

@Test func rfmRankUsesTheFirstRankWhoseThresholdsAllHold() {
    var table = FeatureTable(asOfDay: 0, rowCount: 5)
    table.add("days_since_last_purchase", [10, 10, 45, 80, .nan])
    table.add("orders_365d", [20, 20, 12, 20, 0])
    table.add("spend_365d", [600_000, 250_000, 350_000, 900_000, 0])
    #expect(Segments.rfmRank(table, ranks: Segments.productGuideRanks) == ["S", "B", "A", "B", "C"])
}

@Test func defaultRanksAreRelativeToTheCompanysOwnCustomers() {
    var table = FeatureTable(asOfDay: 0, rowCount: 6)
    table.add("days_since_last_purchase", [10, 20, 50, 80, 200, .nan])
    table.add("orders_365d", [10, 8, 6, 4, 2, 0])
    table.add("spend_365d", [1_000, 800, 600, 400, 200, 0])
    // Active: the first five. A: orders ≥ median 6, spend ≥ 60th percentile 600 (sorted index ⌊4·0.6⌋ = 2),
    // within 60 days; B: orders ≥ 4 and spend ≥ 400 (index ⌊4·0.4⌋ = 1), within 90 days.
    let ranks = Segments.relativeRanks(table)
    #expect(ranks.map(\.minOrders) == [6, 4] && ranks.map(\.minSpend) == [600, 400])
    #expect(Segments.rfmRank(table) == ["A", "A", "A", "B", "C", "C"])
    // With the top 20% by spend as the top rank: one customer of five.
    #expect(Segments.rfmRank(table, loyalTopShare: 0.2) == ["S", "A", "A", "B", "C", "C"])
}

@Test func ltvNPSCellsIncludeNoAnswer() {
    var table = FeatureTable(asOfDay: 0, rowCount: 6)
    table.add("ltv_order_value_times_orders", [100, 90, 80, 10, 5, .nan])
    table.add("last_nps_class", [-1, 0, 1, 1, .nan, .nan])
    // 5 customers with a purchase; high = top half (3): 100, 90, 80.
    #expect(Segments.ltvNPSCell(table) == ["churn candidate", "high-value passive", "high-value promoter", "advocate",
                                          "low value, no answer", "low value, no answer"])
}

@Test func loyalByTopShareWhenNoThresholdsAreConfigured() throws {
    var table = FeatureTable(asOfDay: 0, rowCount: 6)
    table.add("days_since_last_purchase", [10, 20, 30, 40, 400, .nan])
    table.add("orders_365d", [1, 1, 12, 1, 0, 0])
    table.add("spend_365d", [900, 800, 350_000, 100, 0, 0])
    // Active (a purchase within 365 days): 4 -> top 20% = 1: the 350,000 spender is S. Relative A: orders
    // ≥ 1 (median of 1, 1, 1, 12), spend ≥ 800 (sorted index ⌊3·0.6⌋ = 1): the 900 and 800 spenders.
    #expect(Segments.rfmRank(table, loyalTopShare: 0.2) == ["A", "A", "S", "C", "C", "C"])
    let json = Data(#"[{"name":"gold","maxDaysSinceLastPurchase":30,"minOrders":1,"minSpend":500}]"#.utf8)
    #expect(Segments.rfmRank(table, ranks: try Segments.ranks(fromJSON: json)) == ["gold", "gold", "gold", "C", "C", "C"])
}
