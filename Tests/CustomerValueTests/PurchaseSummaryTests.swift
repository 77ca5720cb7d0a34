import Foundation
import OrderHistory
import Testing
@testable import CustomerValue

private func log(_ csv: String) throws -> (OrderLog, CustomerTimeline, CustomerRegistry) {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("clv-\(UUID().uuidString).csv")
    try Data(csv.utf8).write(to: url)
    var registry = CustomerRegistry()
    let (orders, _) = try OrderReader.read(path: url.path, registry: &registry)
    return (orders, CustomerTimeline(log: orders, customerCount: registry.count), registry)
}

/// Hand-computed: purchase days are days with a net amount above zero; same-day orders are one purchase.
@Test func summaryCountsNetPositiveDays() throws {
    let (orders, grouped, registry) = try log("""
        customer_id,order_date,amount,status
        A,2024-01-01,10,completed
        A,2024-01-01,5,completed
        A,2024-01-08,20,completed
        A,2024-01-08,20,returned
        A,2024-01-15,30,completed
        A,2024-01-29,40,completed
        A,2024-02-05,99,completed
        B,2024-01-22,7,completed
        C,2024-02-01,8,completed
        """)
    let cutoff = CalendarDay.parseISO("2024-01-29")!
    let summary = PurchaseSummary(log: orders, grouped: grouped, asOfDay: cutoff, timeUnit: .weeks)
    // C first bought after the cutoff: not in the summary.
    #expect(summary.customer.map { registry.ids[Int($0)] } == ["A", "B"])
    // A: purchase days 01-01 (15), 01-15 (30), 01-29 (40); 01-08 nets to 0.
    #expect(summary.frequency == [2, 0])
    #expect(summary.recency == [4, 0])
    #expect(summary.age == [4, 1])
    #expect(summary.monetaryValue == [35, 0])
    #expect(summary.holdoutPurchases(log: orders, grouped: grouped, days: 7) == [1, 0])
    let daily = PurchaseSummary(log: orders, grouped: grouped, asOfDay: cutoff, timeUnit: .days)
    #expect(daily.recency == [28, 0])
}

/// A purchase and its cancellation on one day net to a rounding residue, which is not a purchase.
@Test func summaryIgnoresADayThatNetsToARoundingResidue() throws {
    let (orders, grouped, _) = try log("""
        customer_id,order_date,amount,status
        A,2024-01-01,10,completed
        A,2024-01-08,0.1,completed
        A,2024-01-08,0.2,completed
        A,2024-01-08,0.3,returned
        """)
    let summary = PurchaseSummary(log: orders, grouped: grouped, asOfDay: CalendarDay.parseISO("2024-01-31")!)
    #expect(summary.frequency == [0])
}
