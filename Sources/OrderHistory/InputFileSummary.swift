/// What reading a customers, events or surveys file found.
public struct InputFileSummary: Sendable {
    /// The file as the user named it.
    public var file: String
    /// Data rows read (header and blank lines excluded; bad rows included).
    public var rows = 0
    /// Blank lines skipped.
    public var blankLines = 0
    /// Rows kept.
    public var keptRows = 0
    /// Rows with no customer id: counted and set aside (events and surveys of anonymous visitors).
    public var anonymousRows = 0
    /// Distinct customers among kept rows.
    public var customers = 0
    /// Rows that could not be read (quarantined under `--on-bad-rows skip`).
    public var badRows: [BadRow] = []
    /// First day among kept rows, when the file has dates.
    public var firstDay: Int32?
    /// Last day among kept rows.
    public var lastDay: Int32?
    /// The delimiter used.
    public var delimiter: Delimiter = .comma
    /// The encoding found (`auto` when the file is plain ASCII).
    public var encoding: TextEncoding = .auto
    /// Whether the file began with a UTF-8 byte-order mark.
    public var hadByteOrderMark = false

    /// A summary of `file` with nothing counted yet.
    public init(file: String) {
        self.file = file
    }

    mutating func finish(_ table: TableCursor, customerIndices: [Int32]) {
        rows = table.rowCount
        blankLines = table.blankLines
        badRows = table.badRows
        delimiter = table.delimiter
        encoding = table.encoding
        hadByteOrderMark = table.hadByteOrderMark
        customers = Set(customerIndices).count
    }
}

extension InputFileSummary: DaySpan {}

/// A summary that keeps the first and last day it has seen.
protocol DaySpan {
    var firstDay: Int32? { get set }
    var lastDay: Int32? { get set }
}

extension DaySpan {
    /// Widens the span to include `day`.
    mutating func noteDay(_ day: Int32) {
        if firstDay.map({ day < $0 }) ?? true { firstDay = day }
        if lastDay.map({ day > $0 }) ?? true { lastDay = day }
    }
}
