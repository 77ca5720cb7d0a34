import Testing
@testable import OrderHistory

@Test func indicesInOrderOfFirstAppearanceWithIDsKeptExactly() {
    var registry = CustomerRegistry()
    #expect(registry.index(for: "007") == 0)
    #expect(registry.index(for: "7") == 1)
    #expect(registry.index(for: "007") == 0)
    #expect(registry.ids == ["007", "7"])
    #expect(registry.index(of: "8") == nil)
}
