/// One record of a delimited text file: its fields' bytes (quotes removed, doubled quotes undone) and the
/// line it starts on.
///
/// The storage is reused from record to record by `DelimitedTextReader`, so reading a file allocates
/// nothing per row.
public struct DelimitedRecord: Sendable {
    /// Physical line (1-based) where the record starts.
    public internal(set) var line: Int = 0
    /// The bytes of all fields, one after another.
    var bytes: [UInt8] = []
    /// Offsets into `bytes`: field `i` spans `fieldStarts[i]..<fieldStarts[i + 1]`.
    var fieldStarts: [Int] = [0]

    /// Creates an empty record.
    public init() {}

    /// The number of fields.
    public var fieldCount: Int { fieldStarts.count - 1 }

    mutating func reset(line: Int) {
        self.line = line
        bytes.removeAll(keepingCapacity: true)
        fieldStarts.removeAll(keepingCapacity: true)
        fieldStarts.append(0)
    }

    mutating func endField() {
        fieldStarts.append(bytes.count)
    }

    /// The byte range of field `index` in `bytes`.
    @inline(__always)
    func range(of index: Int) -> Range<Int> {
        fieldStarts[index]..<fieldStarts[index + 1]
    }

    /// Calls `body` with the bytes of field `index`.
    @inline(__always)
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = range(of: index)
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[range]))
        }
    }

    /// Whether field `index` is empty or only blanks.
    public func isBlank(_ index: Int) -> Bool {
        bytes[range(of: index)].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}
