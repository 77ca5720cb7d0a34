import Testing
@testable import Features

@Test func ordersGroupedByCustomerAndSortedByDay() throws {
    let (log, registry) = try history([("A", "2024-03-01", 5), ("B", "2024-01-01", 1), ("A", "2024-01-15", 7),
                                       ("A", "2024-01-15", 2)])
    let grouped = CustomerTimeline(log: log, customerCount: registry.count)
    #expect(Array(grouped.records(of: 0)) == [2, 3, 0])
    #expect(Array(grouped.records(of: 1)) == [1])
    #expect(grouped.customerCount == 2)
}
