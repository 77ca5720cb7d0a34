import Testing
@testable import Features
@testable import OrderHistory

@Test func countsPerTypeAndWindowAndRecencyPerType() throws {
    var registry = CustomerRegistry()
    _ = registry.index(for: "buyer-only")
    let path = try writeCSV("""
        customer_id,timestamp,type
        A,2024-06-30 10:00:00,email_open
        A,2024-06-30 11:00:00,email_open
        A,2024-05-15 09:00:00,site_visit
        A,2023-12-01 09:00:00,email_open
        A,2024-07-02 09:00:00,site_visit

        """)
    let (events, _) = try EventReader.read(path: path, registry: &registry)
    var table = FeatureTable(asOfDay: day("2024-06-30"), rowCount: registry.count)
    EngagementFeatures.add(to: &table, events: events,
                           timeline: CustomerTimeline(customerIndex: events.customerIndex, day: events.day, customerCount: registry.count))
    func value(_ id: String, _ name: String) -> Double { table.column(name)![Int(registry.index(of: id)!)] }
    #expect(table.names == EngagementFeatures.names(for: events))
    #expect(value("A", "event:email_open:30d") == 2 && value("A", "event:email_open:365d") == 3)
    #expect(value("A", "event:site_visit:30d") == 0 && value("A", "event:site_visit:90d") == 1)
    #expect(value("A", "event:email_open:days_since_last") == 0 && value("A", "event:site_visit:days_since_last") == 46)
    #expect(value("A", "active_days_all") == 3, "two events on one day count once; the event after T not at all")
    #expect(value("buyer-only", "event:email_open:365d") == 0 && value("buyer-only", "event:email_open:days_since_last").isNaN)
}

@Test func customerWithEventsButNoOrdersHasEngagementAndNoPurchaseData() throws {
    let (log, registryFromOrders) = try history([("buyer", "2024-06-01", 10)])
    var registry = registryFromOrders
    let path = try writeCSV("customer_id,timestamp,type\nbrowser,2024-06-20 10:00:00,site_visit\n")
    let (events, _) = try EventReader.read(path: path, registry: &registry)
    var table = FeatureTable(asOfDay: day("2024-06-30"), rowCount: registry.count)
    RFMFeatures.add(to: &table, log: log, grouped: CustomerTimeline(log: log, customerCount: registry.count))
    EngagementFeatures.add(to: &table, events: events,
                           timeline: CustomerTimeline(customerIndex: events.customerIndex, day: events.day, customerCount: registry.count))
    let browser = Int(registry.index(of: "browser")!)
    #expect(table.column("days_since_last_purchase")![browser].isNaN)
    #expect(table.column("orders_all")![browser] == 0)
    #expect(table.column("event:site_visit:30d")![browser] == 1)
    #expect(table.column("event:site_visit:days_since_last")![browser] == 10)
}
