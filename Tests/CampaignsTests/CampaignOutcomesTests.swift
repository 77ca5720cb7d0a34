import Foundation
import OrderHistory
import Testing
@testable import Campaigns

private func writeCSV(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("campaigns-\(UUID().uuidString).csv")
    try Data(text.utf8).write(to: url)
    return url.path
}

/// Four called and three control customers contacted on 2024-03-01, a 14-day window, figures by hand.
@Test func outcomesCountPurchasersAndSpendInTheWindowAfterTheContact() throws {
    let contacts = try writeCSV("""
        customer_id,contact_date,group,list,reached
        c1,2024-03-01,call,retention,1
        c2,2024-03-01,call,retention,1
        c3,2024-03-01,call,retention,0
        c4,2024-03-01,call,retention,
        k1,2024-03-01,control,retention,
        k2,2024-03-01,control,retention,
        k3,2024-03-01,control,retention,
        c1,2024-03-20,call,retention,1
        c9,2024-03-01,call,upgrade,1
        """)
    // c1 buys 100 on the contact day (not in the window) and 50 inside; c2 buys 80 and returns 80 (net 0:
    // not a purchaser); c3 buys 30 on day 14 (in), c4 on day 15 (out); k1 buys 20; k2, k3 nothing; c9
    // has no orders at all.
    let orders = try writeCSV("""
        customer_id,order_date,amount
        c1,2024-03-01,100
        c1,2024-03-05,50
        c2,2024-03-02,80
        c2,2024-03-03,-80
        c3,2024-03-15,30
        c4,2024-03-16,40
        k1,2024-03-10,20
        k2,2023-01-01,5
        k3,2023-01-01,5
        """)
    var registry = CustomerRegistry()
    let (contactLog, _, duplicates) = try ContactReader.read(path: contacts, registry: &registry)
    let (orderLog, _) = try OrderReader.read(path: orders, registry: &registry)
    #expect(duplicates == 0)
    let report = CampaignOutcomes.measure(contacts: contactLog, orders: orderLog, customerCount: registry.count,
                                          windowDays: 14, asOfDay: CalendarDay.parseISO("2024-03-31")!, costPerCall: 5)
    #expect(report.incomplete == 1, "c1's second contact: its window ends after the as-of date")
    #expect(report.withoutOrderHistory == 1)
    let retention = try #require(report.lists.first { $0.list == "retention" })
    #expect(retention.called == OutcomeArm(customers: 4, purchasers: 2, purchaseRate: 0.5, spendPerCustomer: 20, reached: 2))
    #expect(retention.control == OutcomeArm(customers: 3, purchasers: 1, purchaseRate: 1.0 / 3, spendPerCustomer: 20.0 / 3))
    let rate = try #require(retention.purchaseRateLift)
    let newcombe = try #require(Intervals.newcombeDifference(x1: 2, n1: 4, x2: 1, n2: 3))
    #expect(rate == newcombe && abs(rate.estimate - 1.0 / 6) < 1e-15)
    #expect(retention.spendPerCustomerLift == Intervals.welchDifference([50, 0, 30, 0], [20, 0, 0]))
    #expect(abs(retention.relativeLift! - 0.5) < 1e-12 && abs(retention.incrementalPurchasers! - 4.0 / 6) < 1e-12)
    #expect(abs(retention.costPerIncrementalPurchaser! - 5 * 4 / (4.0 / 6)) < 1e-9)
    #expect(retention.verdict == "too few to tell" && retention.customersNeededPerGroup == Intervals.sizeToDetectRates(0.5, 1.0 / 3))
    // Reached 2 of the 3 with a record: the complier effect is the difference over 2/3.
    #expect(abs(retention.reachedPurchaseRateLift!.estimate - rate.estimate * 1.5) < 1e-12)
    #expect(report.campaigns.map { "\($0.list) \($0.campaign!)" } == ["retention 2024-03-01", "upgrade 2024-03-01"])
    let upgrade = try #require(report.lists.first { $0.list == "upgrade" })
    #expect(upgrade.control.customers == 0 && upgrade.purchaseRateLift == nil, "no control group: no lift")

    let weekly = CampaignOutcomes.measure(contacts: contactLog, orders: orderLog, customerCount: registry.count, windowDays: 14,
                                          asOfDay: CalendarDay.parseISO("2024-04-30")!, by: .week)
    // 2024-03-01 is a Friday (week of Monday 2024-02-26); 2024-03-20 a Wednesday (week of 2024-03-18).
    #expect(weekly.campaigns.map { $0.campaign! } == ["2024-02-26", "2024-03-18", "2024-02-26"])
    #expect(weekly.incomplete == 0 && weekly.lists[0].called.customers == 5)
}
