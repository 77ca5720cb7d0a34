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
    #expect(table.names == ["days_since_signup", "days_since_last_contact", "customer:age", "customer:region=east", "customer:region=west"])
    #expect(skipped == ["note"])
    #expect(value("A", "days_since_signup") == 181 && value("A", "days_since_last_contact") == 29)
    #expect(value("B", "days_since_signup").isNaN, "signed up after the cutoff")
    #expect(value("A", "customer:age") == 34 && value("B", "customer:age").isNaN)
    #expect(value("A", "customer:region=east") == 1 && value("B", "customer:region=east") == 0 && value("C", "customer:region=west").isNaN)
    #expect(value("not-in-file", "customer:age").isNaN)
}

/// A customer column named like a built-in feature (`spend_365d`, `days_since_last_purchase`) is its own
/// feature in the `customer:` namespace, beside the built-in one.
@Test func customerColumnsNamedLikeBuiltInFeaturesDoNotCollide() throws {
    var registry = CustomerRegistry()
    let path = try writeCSV("customer_id,spend_365d,orders_90d,days_since_last_purchase\nA,5,1,3\n")
    let (customers, _) = try CustomerReader.read(path: path, registry: &registry)
    var table = FeatureTable(asOfDay: day("2024-06-30"), rowCount: registry.count)
    table.add(RFMFeatures.spend365, [100])
    AttributeFeatures.add(to: &table, customers: customers)
    #expect(table.values(of: RFMFeatures.spend365) == [100] && table.values(of: "customer:spend_365d") == [5])
    #expect(FeatureDescriptor(name: "customer:spend_365d").family == .attribute(name: "spend_365d"))
}

/// A column "a=b" beside a column "a" would read as level b of a: a located error, not a crash.
@Test func customerColumnThatReadsAsALevelOfAnotherIsALocatedError() throws {
    var registry = CustomerRegistry()
    let path = try writeCSV("customer_id,plan,plan=gold\nA,gold,1\n")
    #expect(throws: OrderHistoryError.badHeader(file: path, column: 3, name: "plan=gold",
                                                problem: "reads as a level of column 2 \"plan\"; rename one of them")) {
        try CustomerReader.read(path: path, registry: &registry)
    }
}
