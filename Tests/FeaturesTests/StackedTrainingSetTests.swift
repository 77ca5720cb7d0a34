import OrderHistory
import Testing
@testable import Features

@Test func rowsAreCustomersInEachCutoffsPopulation() throws {
    let (log, registry) = try history([
        ("A", "2024-01-10", 10), ("A", "2024-03-10", 10), ("A", "2024-06-10", 10),
        ("B", "2024-01-20", 10),
        ("C", "2024-04-15", 10),
    ])
    let timeline = CustomerTimeline(log: log, customerCount: registry.count)
    let cutoffs = [day("2024-03-31"), day("2024-02-29")]
    let set = StackedTrainingSet(cutoffs: cutoffs, features: { cutoff in
        var table = FeatureTable(asOfDay: cutoff, rowCount: registry.count)
        RFMFeatures.add(to: &table, log: log, grouped: timeline)
        return table
    }, labels: { cutoff in
        Labels.churn(log: log, grouped: timeline, asOfDay: cutoff, horizonDays: 60)
    })
    // 2024-03-31: A (buys 06-10, after 60 days -> churn 1), B (no purchase -> 1); C not yet active.
    // 2024-02-29: A (buys 03-10 -> 0), B (-> 1).
    #expect(set.rowCount == 4)
    #expect(set.labels == [1, 1, 0, 1])
    #expect(set.cutoffDays == [cutoffs[0], cutoffs[0], cutoffs[1], cutoffs[1]])
    #expect(set.customers == [0, 1, 0, 1])
    #expect(set.names == RFMFeatures.names)
    let recency = set.names.firstIndex(of: "days_since_last_purchase")!
    #expect(set.values[0 * set.names.count + recency] == 21, "A at 2024-03-31: last purchase 03-10")
    #expect(set.values[2 * set.names.count + recency] == 50, "A at 2024-02-29: last purchase 01-10")
}

@Test func appendKeepsOnlyTheRowsTheFilterAccepts() throws {
    let (log, registry) = try history([("A", "2024-01-10", 10), ("B", "2024-01-20", 10), ("C", "2024-02-15", 10)])
    let timeline = CustomerTimeline(log: log, customerCount: registry.count)
    var table = FeatureTable(asOfDay: day("2024-03-31"), rowCount: registry.count)
    RFMFeatures.add(to: &table, log: log, grouped: timeline)
    var set = StackedTrainingSet()
    set.append(table, labels: [1, .nan, 0]) { $0 != 2 }
    #expect(set.customers == [0] && set.labels == [1] && set.names == RFMFeatures.names, "B has no label, C is filtered out")
    set.append(table, labels: [0, 1, 1])
    #expect(set.customers == [0, 0, 1, 2] && set.values.count == 4 * set.names.count)
}
