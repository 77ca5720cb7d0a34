/// An open-addressing hash table from 64-bit keys to 32-bit values, for the readers' hot paths.
///
/// Keys are already hashes (FNV-1a of a field's bytes); a final 64-bit mix spreads them over a
/// power-of-two table with linear probing. It holds 12 bytes a slot, stays at most 70% full, and does no
/// generic dispatch or per-lookup seeding, which makes it several times faster than `Dictionary` for
/// millions of order ids.
struct HashIndex {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    /// The number of keys stored.
    private(set) var count = 0

    /// A table with room for about `expectedCount` keys before it grows.
    init(expectedCount: Int = 1024) {
        var capacity = 16
        while capacity * 7 < expectedCount * 10 { capacity *= 2 }
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: 0, count: capacity)
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

    /// The value stored under `key`, if any.
    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        let stored = Self.slotKey(key)
        var slot = Int(truncatingIfNeeded: Self.mix(stored)) & mask
        while true {
            let found = keys[slot]
            if found == stored { return values[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Stores `value` under `key`, replacing any earlier value.
    @inline(__always)
    mutating func set(_ value: Int32, for key: UInt64) {
        if (count + 1) * 10 > keys.count * 7 { grow() }
        let stored = Self.slotKey(key)
        var slot = Int(truncatingIfNeeded: Self.mix(stored)) & mask
        while true {
            let found = keys[slot]
            if found == stored {
                values[slot] = value
                return
            }
            if found == 0 {
                keys[slot] = stored
                values[slot] = value
                count += 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for slot in 0..<oldKeys.count where oldKeys[slot] != 0 {
            set(oldValues[slot], for: oldKeys[slot])
        }
    }
}
