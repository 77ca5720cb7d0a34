import Testing
@testable import OrderHistory

private func key(_ text: String) -> OrderKeyIndex.Key {
    Array(text.utf8).withUnsafeBufferPointer(OrderKeyIndex.key)
}

@Test func increasingNumbersOutOfOrderAndTextIDs() {
    var index = OrderKeyIndex()
    let ids = ["100", "101", "105", "C102", "103", "0104", "200", "abc"]
    for (order, id) in ids.enumerated() {
        #expect(index.order(for: key(id)) == nil, "\(id) is new")
        index.set(Int32(order), for: key(id))
    }
    for (order, id) in ids.enumerated() {
        #expect(index.order(for: key(id)) == Int32(order), "\(id) found again")
    }
    #expect(index.order(for: key("104")) == nil, "104 is not 0104")
    #expect(index.order(for: key("102")) == nil)
    #expect(index.count == ids.count)
    #expect(key("123").number == 123 && key("0123").number == nil && key("12a").number == nil)
}
