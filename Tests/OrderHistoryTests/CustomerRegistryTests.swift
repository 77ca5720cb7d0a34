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

@Test func lookupAgreesWithRegistryForNumericPaddedAndTextIDs() throws {
    let ids = ["0001", "1", "17850", "0001", "abc", "17850", "1", "999999999", "ｘ１", "abc"]
    let path = TestFiles.write("customer_id\n" + ids.joined(separator: "\n") + "\n")
    let table = try TableCursor(path: path, options: ReadOptions())
    var registry = CustomerRegistry()
    var lookup = CustomerLookup()
    var found: [Int32] = []
    while try table.next() { found.append(try lookup.index(table, 0, registry: &registry)) }
    #expect(registry.ids == ["0001", "1", "17850", "abc", "999999999", "ｘ１"])
    #expect(found == [0, 1, 2, 0, 3, 2, 1, 4, 5, 3])
    let (value, digits) = Array("0042".utf8).withUnsafeBufferPointer(CustomerLookup.numericValue)
    #expect(value == 42 && digits == 4)
}
