import Testing
@testable import Features

@Test func columnsByName() {
    var table = FeatureTable(asOfDay: 0, rowCount: 2)
    table.add("x", [1, 2])
    #expect(table.column("x") == [1, 2])
    #expect(table.column("y") == nil)
    #expect(table.names == ["x"])
}
