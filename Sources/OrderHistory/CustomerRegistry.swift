/// The customer ids seen across the input files, each given a dense index (0, 1, 2, ...) in order of
/// first appearance.
///
/// Orders, events and surveys refer to customers by this index, so the columnar logs hold 4-byte integers
/// instead of strings, and every file of one history shares one index space.
public struct CustomerRegistry: Sendable {
    /// The ids, by index. Ids are kept exactly as written (zero padding included), blanks trimmed.
    public private(set) var ids: [String] = []
    /// Index by two independent hashes of the id's UTF-8 bytes (cheaper than hashing `String`s).
    private var indexByID = HashIndex(expectedCount: 1 << 12)

    /// An empty registry.
    public init() {}

    /// The number of customers.
    public var count: Int { ids.count }

    /// The index of `id`, registering it if new.
    public mutating func index(for id: String) -> Int32 {
        let (hash, check) = Self.hashes(id)
        if let known = indexByID.value(for: hash, check: check) { return known }
        let index = Int32(ids.count)
        ids.append(id)
        indexByID.set(index, for: hash, check: check)
        return index
    }

    /// The index of `id`, or nil if it was never seen.
    public func index(of id: String) -> Int32? {
        let (hash, check) = Self.hashes(id)
        return indexByID.value(for: hash, check: check)
    }

    private static func hashes(_ id: String) -> (UInt64, UInt32) {
        var id = id
        return id.withUTF8 { (bytesHash($0), UInt32(truncatingIfNeeded: bytesCheckHash($0))) }
    }
}

/// A reader's fast path from a customer id's raw bytes to its registry index.
///
/// Ids that are digits only (zero padding allowed, as in `0000123`) and not much larger than the number
/// of customers index a small direct table, which keeps look-ups inside the CPU caches; any other id is
/// looked up by hash and confirmed with a second independent hash. Either way a customer seen before
/// costs no string decoding; new ids go through the registry (which decodes and trims them).
struct CustomerLookup {
    private var indexByHash = HashIndex(expectedCount: 1 << 12)
    /// For numeric ids: `(registry index + 1) << 5 | digit count`, 0 when empty.
    private var directTable: [UInt32] = []

    mutating func index(_ table: TableCursor, _ column: Int, registry: inout CustomerRegistry) throws -> Int32 {
        let (number, digits) = table.withTrimmedBytes(column, Self.numericValue)
        let directLimit = 4 * registry.count + (1 << 16)
        if let number, number < directLimit {
            if number < directTable.count {
                let entry = directTable[number]
                if entry != 0 && Int(entry & 31) == digits { return Int32(entry >> 5) - 1 }
            }
            let index = try slowIndex(table, column, registry: &registry)
            if number >= directTable.count {
                directTable.append(contentsOf: repeatElement(0, count: max(number + 1, 2 * directTable.count) - directTable.count))
            }
            if directTable[number] == 0 { directTable[number] = UInt32(index + 1) << 5 | UInt32(digits) }
            return index
        }
        return try slowIndex(table, column, registry: &registry)
    }

    private mutating func slowIndex(_ table: TableCursor, _ column: Int, registry: inout CustomerRegistry) throws -> Int32 {
        let (hash, check) = table.withTrimmedBytes(column) { (bytesHash($0), UInt32(truncatingIfNeeded: bytesCheckHash($0))) }
        if let index = indexByHash.value(for: hash, check: check) { return index }
        let index = registry.index(for: try table.text(column))
        indexByHash.set(index, for: hash, check: check)
        return index
    }

    /// The value and digit count of an id made of 1 to 9 ASCII digits; nil value otherwise.
    @inline(__always)
    static func numericValue(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int?, Int) {
        guard !bytes.isEmpty && bytes.count <= 9 else { return (nil, 0) }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return (nil, 0) }
            value = value * 10 + Int(byte - 0x30)
        }
        return (value, bytes.count)
    }
}
