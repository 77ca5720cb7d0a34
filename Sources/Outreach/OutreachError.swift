/// Everything that can go wrong in Outreach that the order-history readers do not already report.
///
/// A bad cell of a scores file is an `OrderHistoryError.badRow` (the same located message as every other
/// input file); these cases cover what is particular to the call list: its scores-file header, the
/// `--mix` option, and text that an output encoding cannot hold.
public enum OutreachError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A column the scores file needs is not in its header.
    case missingColumn(file: String, column: String, available: [String])
    /// The `--mix` option could not be read; `expected` says what it should look like.
    case invalidMix(value: String, expected: String)
    /// A field holds a character the output encoding cannot represent (e.g. a rare kanji in CP932).
    ///
    /// `line` is the physical line of the output file (the header is line 1), `column` the 1-based field.
    case cannotEncode(file: String, line: Int, column: Int, columnName: String, value: String, character: String,
                      encoding: String, sourceLine: Int? = nil)
    /// libxlsxwriter could not build the workbook (`problem` is its message).
    case cannotWriteWorkbook(file: String, problem: String)

    /// A message for stderr, in the `file:line:column:` form of the other readers' messages.
    public var description: String {
        switch self {
        case .missingColumn(let file, let column, let available):
            let names = available.map { "\"\($0)\"" }.joined(separator: ", ")
            return "\(file):1: no column \"\(column)\" among \(names); expected a scores file as `loyalty score` writes it"
        case .invalidMix(let value, let expected):
            return "--mix \"\(value)\": expected \(expected)"
        case .cannotEncode(let file, let line, let column, let columnName, let value, let character, let encoding, let sourceLine):
            let codePoints = character.unicodeScalars
                .map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
                .joined(separator: " ")
            return "\(file):\(line):\(column): column \"\(columnName)\": value \"\(value)\": the character "
                + "\"\(character)\" (\(codePoints)) cannot be written in \(encoding); "
                + "expected text that \(encoding) can hold (write UTF-8 instead, use --on-unmappable replace, or change the value "
                + "in the input\(sourceLine.map { ": the customer file's line \($0)" } ?? ""))"
        case .cannotWriteWorkbook(let file, let problem):
            return "\(file): the Excel workbook could not be written: \(problem)"
        }
    }
}

extension String {
    /// The string with `0` prepended up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
