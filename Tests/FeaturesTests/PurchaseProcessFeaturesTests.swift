import CustomerValue
import Testing
@testable import Features
@testable import OrderHistory

/// 60 customers buying every `gap` days from their start until they stop (deterministic), plus one who
/// first buys after the cutoff.
private func buyers() throws -> (OrderLog, CustomerRegistry) {
    var rows: [(customer: String, date: String, amount: Double)] = []
    for customer in 0..<60 {
        let start = day("2023-01-01") + Int32(customer * 3)
        let gap = Int32(7 + (customer % 9) * 6), stop = start + Int32(60 + (customer * 37) % 400)
        var current = start
        while current <= stop && current <= day("2024-06-30") {
            rows.append(("c\(customer)", CalendarDay.isoString(current), 20 + Double(customer % 5) * 10))
            current += gap
        }
    }
    rows.append(("late", "2024-08-01", 50))
    return try history(rows)
}

@Test func pAliveAndExpectedPurchasesAreTheBGNBDFitAsOfTheCutoff() throws {
    let (log, registry) = try buyers()
    let timeline = CustomerTimeline(log: log, customerCount: registry.count)
    let cutoff = day("2024-06-30")
    var table = FeatureTable(asOfDay: cutoff, rowCount: registry.count)
    PurchaseProcessFeatures.add(to: &table, log: log, timeline: timeline)
    let alive = table.column("p_alive")!, purchases = table.column("expected_purchases_90d")!
    // The same numbers as the CustomerValue analysis on the same purchase days (what `loyalty clv` reports).
    var settings = LifetimeValueAnalysis.Settings()
    settings.horizonDays = 90
    let analysis = LifetimeValueAnalysis(summary: PurchaseSummary(log: log, grouped: timeline, asOfDay: cutoff), settings: settings)
    for (position, customer) in analysis.summary.customer.enumerated() {
        #expect(alive[Int(customer)] == analysis.probabilityAlive[position])
        #expect(purchases[Int(customer)] == analysis.expectedPurchases[position])
    }
    let late = Int(registry.index(of: "late")!)
    #expect(alive[late].isNaN && purchases[late].isNaN, "no purchase by the cutoff: unknown, not 0")
    // A steady weekly buyer who bought last week is alive; one who stopped a year ago much less so.
    let steady = (0..<60).filter { alive[$0] > 0.9 }.count, stopped = (0..<60).filter { alive[$0] < 0.5 }.count
    #expect(steady > 0 && stopped > 0, "\(steady) alive, \(stopped) likely gone")
}

@Test func theFamilyIsOnlyInModelTablesAndDescribesItsColumns() {
    let low = FeatureCatalog.descriptor(for: "p_alive")
    #expect(low.family == .recency && low.churnRiskDirection == -1 && low.isEstimate, "an estimate: never named as a reason")
    #expect(FeatureCatalog.descriptor(for: "expected_purchases_90d").family == .frequency)
    #expect(PurchaseProcessFeatures.descriptor(for: "days_since_last_purchase") == nil)
}
