/// The customer ids seen across the input files, each given a dense index (0, 1, 2, ...) in order of
/// first appearance.
///
/// Orders, events and surveys refer to customers by this index, so the columnar logs hold 4-byte integers
/// instead of strings, and every file of one history shares one index space.
public struct CustomerRegistry: Sendable {
    /// The ids, by index. Ids are kept exactly as written (zero padding included), blanks trimmed.
    public private(set) var ids: [String] = []
    private var indexByID: [String: Int32] = [:]

    /// An empty registry.
    public init() {}

    /// The number of customers.
    public var count: Int { ids.count }

    /// The index of `id`, registering it if new.
    public mutating func index(for id: String) -> Int32 {
        if let known = indexByID[id] { return known }
        let index = Int32(ids.count)
        ids.append(id)
        indexByID[id] = index
        return index
    }

    /// The index of `id`, or nil if it was never seen.
    public func index(of id: String) -> Int32? {
        indexByID[id]
    }
}

/// A reader's fast path from a customer id's raw bytes to its registry index.
///
/// Looks the bytes up by hash and confirms them with a second independent hash, so a customer seen
/// before costs no string decoding; new ids go through the registry (which decodes and trims them).
struct CustomerLookup {
    private var indexByHash = HashIndex(expectedCount: 1 << 12)
    /// The check hash of the bytes each registry index was last seen with; 0 when not seen by this reader.
    private var checkHashByIndex: [UInt64] = []

    mutating func index(_ table: TableCursor, _ column: Int, registry: inout CustomerRegistry) throws -> Int32 {
        let (hash, check) = table.withTrimmedBytes(column) { (bytesHash($0), bytesCheckHash($0)) }
        if let index = indexByHash.value(for: hash), checkHashByIndex[Int(index)] == check { return index }
        let index = registry.index(for: try table.text(column))
        indexByHash.set(index, for: hash)
        if checkHashByIndex.count < registry.count {
            checkHashByIndex.append(contentsOf: repeatElement(0, count: registry.count - checkHashByIndex.count))
        }
        checkHashByIndex[Int(index)] = check
        return index
    }
}
