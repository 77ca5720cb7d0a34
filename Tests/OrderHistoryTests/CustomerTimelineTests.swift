import Testing
@testable import OrderHistory

@Test func ordersGroupedByCustomerAndSortedByDay() throws {
    let path = TestFiles.write("customer_id,order_date,amount\nA,2024-03-01,5\nB,2024-01-01,1\nA,2024-01-15,7\nA,2024-01-15,2\n")
    var registry = CustomerRegistry()
    let (log, _) = try OrderReader.read(path: path, registry: &registry)
    let grouped = CustomerTimeline(log: log, customerCount: registry.count)
    #expect(Array(grouped.records(of: 0)) == [2, 3, 0])
    #expect(Array(grouped.records(of: 1)) == [1])
    #expect(grouped.customerCount == 2)
}
