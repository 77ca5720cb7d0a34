import Testing
@testable import Features

@Test func bothLifetimeValueFormulas() {
    var table = FeatureTable(asOfDay: 0, rowCount: 2)
    table.add("mean_order_value", [50, .nan])
    table.add("orders_all", [4, 0])
    table.add("spend_365d", [120, 0])
    ValueFeatures.add(to: &table, settings: .init(marginRate: 0.25, expectedYears: 2))
    #expect(table.column("ltv_order_value_times_orders")![0] == 200)
    #expect(table.column("ltv_order_value_times_orders")![1].isNaN)
    #expect(table.column("ltv_annual_margin") == [60, 0])
}
