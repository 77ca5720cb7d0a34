import Foundation
import Testing
@testable import OrderHistory

private func writeCSV(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("contacts-\(UUID().uuidString).csv")
    try Data(text.utf8).write(to: url)
    return url.path
}

@Test func badContactRowsAreLocated() throws {
    var registry = CustomerRegistry()
    let unknownGroup = try writeCSV("customer_id,contact_date,group\nc1,2024-03-01,maybe\n")
    #expect(throws: OrderHistoryError.self) { try ContactReader.read(path: unknownGroup, registry: &registry) }
    do {
        _ = try ContactReader.read(path: unknownGroup, registry: &registry)
    } catch OrderHistoryError.badRow(let row) {
        #expect(row.line == 2 && row.column == 3 && row.problem.contains("call or control"))
    }
    let bothGroups = try writeCSV("customer_id,contact_date,group,list\nc1,2024-03-01,call,retention\nc1,2024-03-01,control,retention\nc1,2024-03-01,call,retention\n")
    do {
        _ = try ContactReader.read(path: bothGroups, registry: &registry)
        Issue.record("a customer in both groups must be an error")
    } catch OrderHistoryError.badRow(let row) {
        #expect(row.line == 3 && row.problem.contains("already in the call group") && row.problem.contains("line 2"))
    }
    var skip = ReadOptions()
    skip.onBadRows = .skip
    let (log, summary, duplicates) = try ContactReader.read(path: bothGroups, options: skip, registry: &registry)
    #expect(log.count == 1 && summary.badRows.count == 1 && duplicates == 1)
    let badReached = try writeCSV("customer_id,contact_date,group,reached\nc1,2024-03-01,treatment,maybe\n")
    do {
        _ = try ContactReader.read(path: badReached, registry: &registry)
        Issue.record("an unknown reached flag must be an error")
    } catch OrderHistoryError.badRow(let row) {
        #expect(row.column == 4 && row.problem.contains("1 or 0"))
    }
    #expect(ContactGroup(text: " Treatment ") == .call && ContactGroup(text: "0") == .control && ContactGroup(text: "x") == nil)
}
