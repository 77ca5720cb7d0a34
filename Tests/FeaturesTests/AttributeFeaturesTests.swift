import Testing
@testable import Features
@testable import OrderHistory

@Test func numericOneHotDatesAndSkippedColumns() throws {
    var registry = CustomerRegistry()
    _ = registry.index(for: "not-in-file")
    let path = try writeCSV("""
        customer_id,signup_date,last_contacted,age,region,note
        A,2024-01-01,2024-06-01,34,east,hello
        B,2024-07-01,,,west,hi
        C,,,51,,x1

        """)
    let (customers, _) = try CustomerReader.read(path: path, registry: &registry)
    var table = FeatureTable(asOfDay: day("2024-06-30"), rowCount: registry.count)
    let skipped = AttributeFeatures.add(to: &table, customers: customers, maxLevels: 2)
    func value(_ id: String, _ name: String) -> Double { table.column(name)![Int(registry.index(of: id)!)] }
    #expect(table.names == ["days_since_signup", "days_since_last_contact", "age", "region=east", "region=west"])
    #expect(skipped == ["note"])
    #expect(value("A", "days_since_signup") == 181 && value("A", "days_since_last_contact") == 29)
    #expect(value("B", "days_since_signup").isNaN, "signed up after the cutoff")
    #expect(value("A", "age") == 34 && value("B", "age").isNaN)
    #expect(value("A", "region=east") == 1 && value("B", "region=east") == 0 && value("C", "region=west").isNaN)
    #expect(value("not-in-file", "age").isNaN)
}
