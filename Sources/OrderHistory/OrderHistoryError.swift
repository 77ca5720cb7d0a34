/// One row of an input file that could not be read, located precisely enough for a user to fix it.
///
/// `line` is the physical line (1-based, the header is line 1) where the record starts; `column` is the
/// 1-based field number within the record. The same value is used for a stopping error
/// (`--on-bad-rows fail`) and for a quarantined row (`--on-bad-rows skip`).
public struct BadRow: Equatable, Sendable, CustomStringConvertible {
    /// The input file as the user named it.
    public var file: String
    /// Physical line where the record starts (1-based; the header is line 1).
    public var line: Int
    /// 1-based field number within the record.
    public var column: Int
    /// The header name of that column, when the record has one there.
    public var columnName: String?
    /// The offending value as read (possibly empty).
    public var value: String
    /// What was expected instead, in words.
    public var problem: String
    /// The record's fields as read, for the quarantine file.
    public var fields: [String]

    /// Creates a located bad-row report.
    public init(file: String, line: Int, column: Int, columnName: String?, value: String, problem: String,
                fields: [String] = []) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.value = value
        self.problem = problem
        self.fields = fields
    }

    /// `file:line:column: column "name": value "v": problem`; a value or column name longer than 80
    /// characters is shortened (`shortenedForMessage`), so a 1 MB field does not flood the terminal.
    public var description: String {
        var text = "\(file):\(line):\(column):"
        if let columnName { text += " column \"\(shortenedForMessage(columnName))\":" }
        text += " value \"\(shortenedForMessage(value))\": \(problem)"
        return text
    }
}

/// Everything that can go wrong while reading order histories, customers, events and surveys.
///
/// Each case carries what a user needs to fix the input: the file, and where it applies the line, the
/// column and the value.
public enum OrderHistoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case cannotOpen(file: String, reason: String)
    /// The file has no header line.
    case emptyFile(file: String)
    /// The file is damaged (a gzip file cut off or corrupt); `reason` says how.
    case damagedFile(file: String, reason: String)
    /// A value given to a log builder (by a source that is not a file) that cannot be taken; the source
    /// says where its row is.
    case invalidValue(source: String, problem: String)
    /// A column the file needs was not found by its default names nor given by a mapping flag.
    case missingColumn(file: String, role: String, flag: String, available: [String])
    /// A mapping flag names a column the header does not have.
    case unknownColumn(file: String, flag: String, name: String, available: [String])
    /// The header line names a column in a way the readers cannot use (twice, say); `column` is 1-based.
    case badHeader(file: String, column: Int, name: String, problem: String)
    /// One row could not be read.
    case badRow(BadRow)
    /// A command-line option has a value the readers do not understand.
    case invalidOption(option: String, value: String, expected: String)
    /// An output file could not be written.
    case cannotWrite(file: String, reason: String)
    /// An output path names something that cannot hold an output (a directory, a socket, a block device,
    /// a path under a file, a folder without write permission); `reason` says why, such as
    /// `is a directory; expected a file path`.
    case outputNotWritable(path: String, reason: String)

    /// A message for stderr, naming the file and, for a row, line, column, value and what was expected.
    public var description: String {
        switch self {
        case .cannotOpen(let file, let reason):
            return "\(file): cannot read the file: \(reason)"
        case .emptyFile(let file):
            return "\(file):1: the file is empty; expected a header line with column names"
        case .damagedFile(let file, let reason):
            return "\(file): the file is damaged: \(reason)"
        case .invalidValue(let source, let problem):
            return "\(source): \(problem)"
        case .missingColumn(let file, let role, let flag, let available):
            return "\(file):1: no \(role) column found among \(quotedList(available)); name it with \(flag)"
        case .unknownColumn(let file, let flag, let name, let available):
            return "\(file):1: \(flag) \"\(name)\" is not a column of this file; columns are \(quotedList(available))"
        case .badHeader(let file, let column, let name, let problem):
            return "\(file):1: column \(column) \"\(name)\": \(problem)"
        case .badRow(let row):
            return row.description
        case .invalidOption(let option, let value, let expected):
            return "\(option) \"\(value)\": expected \(expected)"
        case .cannotWrite(let file, let reason):
            return "\(file): cannot write the file: \(reason)"
        case .outputNotWritable(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}

private func quotedList(_ names: [String]) -> String {
    names.map { "\"\(shortenedForMessage($0))\"" }.joined(separator: ", ")
}

/// `text` as a message shows it: up to 80 characters as they are; a longer one as its first 60 and last
/// 10 characters around `… (N characters) …`, so the start and the end of a runaway field both show.
public func shortenedForMessage(_ text: String, limit: Int = 80) -> String {
    guard text.count > limit else { return text }
    return "\(text.prefix(60))… (\(text.count) characters) …\(text.suffix(10))"
}
