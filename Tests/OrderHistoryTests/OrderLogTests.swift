import Testing
@testable import OrderHistory

@Test func returnsAreMarkedFromCancellationOrNegativeNet() {
    var log = OrderLog()
    log.append(customer: 0, day: 1, amount: 10, flags: [], channel: 0, category: 0)
    log.append(customer: 0, day: 2, amount: 5, flags: [.isCancellation], channel: 0, category: 0)
    log.append(customer: 1, day: 3, amount: 4, flags: [], channel: 0, category: 0)
    log.mergeLine(into: 2, amount: -6, flags: [])
    log.markReturns()
    #expect(log.flags == [[], [.isReturn, .isCancellation], [.isReturn]])
    #expect(log.amount == [10, 5, -2])
    #expect(log.approximateByteCount >= 3 * 21)
}
