/// Finds the order an order id already belongs to, so that lines sharing an id are summed.
///
/// Most exports number orders with increasing integers. Such ids are appended to a sorted array (a
/// sequential write, friendly to caches) and found again by binary search; every other id (non-numeric,
/// zero-padded, or out of order) goes to a hash table keyed by two independent hashes of its bytes.
struct OrderKeyIndex {
    private var increasingIDs: [UInt64] = []
    private var increasingOrders: [Int32] = []
    private var others = HashIndex(expectedCount: 1 << 12)

    /// The identity of an order id's bytes.
    struct Key {
        /// The id as an integer, when it is plain digits without a leading zero (at most 18 of them).
        var number: UInt64?
        /// FNV-1a of the bytes.
        var hash: UInt64
        /// An independent check hash of the bytes.
        var check: UInt32
    }

    /// The key of an id's bytes (blanks already trimmed).
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
        var number: UInt64? = nil
        if !bytes.isEmpty && bytes.count <= 18 && bytes[0] != UInt8(ascii: "0") {
            var value: UInt64 = 0
            var allDigits = true
            for byte in bytes {
                guard byte >= 0x30 && byte <= 0x39 else {
                    allDigits = false
                    break
                }
                value = value * 10 + UInt64(byte - 0x30)
            }
            if allDigits { number = value }
        }
        return Key(number: number, hash: bytesHash(bytes), check: UInt32(truncatingIfNeeded: bytesCheckHash(bytes)))
    }

    /// The order stored under `key`, if any.
    @inline(__always)
    func order(for key: Key) -> Int32? {
        if let number = key.number {
            if let last = increasingIDs.last, number > last { return nil }
            if increasingIDs.isEmpty { return others.value(for: key.hash, check: key.check) }
            var low = 0
            var high = increasingIDs.count
            while low < high {
                let middle = (low + high) / 2
                if increasingIDs[middle] < number { low = middle + 1 } else { high = middle }
            }
            if low < increasingIDs.count && increasingIDs[low] == number { return increasingOrders[low] }
        }
        return others.value(for: key.hash, check: key.check)
    }

    /// Stores `order` under `key`.
    @inline(__always)
    mutating func set(_ order: Int32, for key: Key) {
        if let number = key.number, increasingIDs.last.map({ number > $0 }) ?? true {
            increasingIDs.append(number)
            increasingOrders.append(order)
        } else {
            others.set(order, for: key.hash, check: key.check)
        }
    }

    /// The number of distinct ids stored.
    var count: Int { increasingIDs.count + others.count }
}
