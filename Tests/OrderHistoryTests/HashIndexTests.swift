import Testing
@testable import OrderHistory
import ScoringCore

@Test func storesAndFindsManyKeysThroughGrowth() {
    var index = HashIndex(expectedCount: 4)
    var rng = SplitMix64(seed: 3)
    let keys = (0..<50_000).map { _ in rng.next() }
    for (value, key) in keys.enumerated() { index.set(Int32(value), for: key, check: UInt32(truncatingIfNeeded: key >> 7)) }
    #expect(index.count == keys.count)
    for (value, key) in keys.enumerated() {
        #expect(index.value(for: key, check: UInt32(truncatingIfNeeded: key >> 7)) == Int32(value))
    }
    #expect(index.value(for: keys[0], check: 12345) == nil, "a different check is a different value")
    #expect(index.value(for: 42) == nil)
}

@Test func zeroKeyAndReplacement() {
    var index = HashIndex()
    index.set(1, for: 0)
    index.set(2, for: 0)
    #expect(index.value(for: 0) == 2)
    #expect(index.count == 1)
}
