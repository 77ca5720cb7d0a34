import Foundation
import OrderHistory
import Testing
@testable import Features

@Test func readTakesEveryFileIntoOneRegistryAndSetsBadRowsAside() throws {
    let customers = try writeCSV("customer_id,phone,age\nc1,090-1111-2222,30\nc9,,40\n")
    let orders = try writeCSV("customer_id,order_date,amount\nc1,2024-01-05,10\nc2,2024-02-01,20\nc2,not a date,5\n")
    let surveys = try writeCSV("customer_id,answered_at,nps\nc2,2024-02-02,9\n")
    var options = ReadOptions()
    options.onBadRows = .skip
    let (history, badRows) = try CustomerHistory.read(orders: orders, customers: customers, surveys: surveys, options: options)
    // The customer file first: its ids come first in the registry, then new ids as the orders name them.
    #expect(history.registry.count == 3 && history.registry.ids == ["c1", "c9", "c2"])
    #expect(history.orders.count == 2 && history.lastOrderDay == CalendarDay.parseISO("2024-02-01"))
    #expect(history.surveys?.count == 1 && history.events == nil && history.customers != nil)
    #expect(badRows.count == 1 && badRows[0].file == orders && badRows[0].rows.count == 1 && badRows[0].rows[0].line == 4)

    #expect(throws: OrderHistoryError.self, "with .fail, the bad row stops the read") {
        _ = try CustomerHistory.read(orders: orders)
    }
}
