import Foundation
import OrderHistory
import Testing
@testable import Campaigns

@Test func openControlGroupsAreHeldOutAndCallsCountForTheCoolOff() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(UUID().uuidString).csv")
    try Data("""
        customer_id,contact_date,group
        a,2024-10-01,control
        b,2024-12-01,control
        c,2024-11-01,call
        c,2024-12-20,call
        d,2025-01-05,control
        """.utf8).write(to: url)
    var registry = CustomerRegistry()
    let (log, _, _) = try ContactReader.read(path: url.path, registry: &registry)
    let status = ContactStatus(contacts: log, registry: registry, asOfDay: CalendarDay.parseISO("2024-12-31")!, windowDays: 90)
    // a's window (2024-10-01 + 90 days = 2024-12-30) has closed; b's is open; d's contact is after the day.
    #expect(status.heldOut == ["b"])
    #expect(status.lastCallDay == ["c": CalendarDay.parseISO("2024-12-20")!])
}
