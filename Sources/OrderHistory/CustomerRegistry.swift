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
