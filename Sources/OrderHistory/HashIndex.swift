/// An open-addressing hash table from 64-bit keys (plus a 32-bit check) to 32-bit values, for the
/// readers' hot paths.
///
/// Keys are already hashes (FNV-1a of a field's bytes); the check is a second, independent hash of the
/// same bytes, so a (key, check) pair identifies a value with a collision chance of about 2⁻⁹⁶ per pair
/// of distinct values. Key, check and value share one 16-byte slot, so a look-up touches one cache line:
/// with millions of customers or orders, memory latency, not arithmetic, is the cost (a `perf` profile of
/// `loyalty inspect` on 10M orders showed the look-up's load as the hottest instruction). A final 64-bit mix
/// spreads keys over a power-of-two table with linear probing, kept at most 70% full.
struct HashIndex {
    private struct Slot {
        var key: UInt64
        var check: UInt32
        var value: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    /// The number of keys stored.
    private(set) var count = 0

    /// A table with room for about `expectedCount` keys before it grows.
    init(expectedCount: Int = 1024) {
        var capacity = 16
        while capacity * 7 < expectedCount * 10 { capacity *= 2 }
        slots = Array(repeating: Slot(key: 0, check: 0, value: 0), count: capacity)
        mask = capacity - 1
    }

    @inline(__always)
    private static func slotKey(_ key: UInt64) -> UInt64 {
        key == 0 ? 0x9E37_79B9_7F4A_7C15 : key
    }

    @inline(__always)
    private static func mix(_ key: UInt64) -> UInt64 {
        var z = key
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }

    /// The value stored under `key` with `check`, if any.
    @inline(__always)
    func value(for key: UInt64, check: UInt32 = 0) -> Int32? {
        let stored = Self.slotKey(key)
        var slot = Int(truncatingIfNeeded: Self.mix(stored)) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let found = slots[slot]
                if found.key == stored { return found.check == check ? found.value : nil }
                if found.key == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Stores `value` under `key` with `check`, replacing what was stored under `key`.
    @inline(__always)
    mutating func set(_ value: Int32, for key: UInt64, check: UInt32 = 0) {
        if (count + 1) * 10 > slots.count * 7 { grow() }
        let stored = Self.slotKey(key)
        var slot = Int(truncatingIfNeeded: Self.mix(stored)) & mask
        let mask = self.mask
        let added = slots.withUnsafeMutableBufferPointer { slots -> Bool in
            while true {
                let found = slots[slot]
                if found.key == stored || found.key == 0 {
                    slots[slot] = Slot(key: stored, check: check, value: value)
                    return found.key == 0
                }
                slot = (slot + 1) & mask
            }
        }
        if added { count += 1 }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, check: 0, value: 0), count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for slot in old where slot.key != 0 {
            set(slot.value, for: slot.key, check: slot.check)
        }
    }
}

/// 64-bit FNV-1a of a field's bytes.
@inline(__always)
func bytesHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return hash
}

/// A second 64-bit hash of a field's bytes, independent of `bytesHash`; the pair identifies a value with
/// a collision chance of about 2⁻¹²⁸ per pair of distinct values.
@inline(__always)
func bytesCheckHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0x2545_F491_4F6C_DD1D ^ UInt64(bytes.count)
    for byte in bytes {
        hash = ((hash &+ UInt64(byte)) &* 0x9E37_79B9_7F4A_7C15)
        hash ^= hash >> 29
    }
    return hash
}
