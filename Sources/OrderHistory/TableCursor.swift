/// Walks the rows of one delimited input file with its header resolved into column roles, turning fields
/// into typed values and every problem into a located `BadRow`.
///
/// This is the one mechanism the four readers (orders, customers, events, surveys) share: they declare
/// the roles they need, then read typed values from each record. A parse helper throws
/// `OrderHistoryError.badRow`; the reader hands it to `reject(_:)`, which stops or quarantines according
/// to `ReadOptions.onBadRows`.
final class TableCursor {
    /// The file as the user named it.
    let path: String
    /// The header names, decoded.
    let columnNames: [String]
    /// The current record.
    private(set) var record = DelimitedRecord()
    /// Data records read so far (blank lines and the header excluded, bad rows included).
    private(set) var rowCount = 0
    /// Rows set aside under `--on-bad-rows skip`.
    private(set) var badRows: [BadRow] = []

    private let reader: DelimitedTextReader
    private let options: ReadOptions
    private var decoder: FieldDecoder
    private var dateFormats: [DateFormat?]
    /// The last date text parsed and its day, per column: exports repeat a date on many consecutive rows.
    private var lastDateBytes: [[UInt8]]
    private var lastDateDay: [Int32]

    /// Opens `path` and reads its header.
    init(path: String, options: ReadOptions) throws {
        self.path = path
        self.options = options
        self.reader = try DelimitedTextReader(path: path, delimiter: options.delimiter)
        var decoder = FieldDecoder(encoding: options.encoding)
        var header = DelimitedRecord()
        guard try reader.next(into: &header) else { throw OrderHistoryError.emptyFile(file: path) }
        var names: [String] = []
        for index in 0..<header.fieldCount {
            let name = try header.withField(index) { bytes -> String in
                guard let text = decoder.decode(trimmed(bytes)) else {
                    throw OrderHistoryError.badRow(BadRow(
                        file: path, line: header.line, column: index + 1, columnName: nil,
                        value: String(decoding: bytes, as: UTF8.self), problem: decoder.problemDescription))
                }
                return text
            }
            // Two columns of one name would make every role ambiguous (which `amount` is the amount?).
            if !name.isEmpty, let first = names.firstIndex(of: name) {
                throw OrderHistoryError.badHeader(file: path, column: index + 1, name: name,
                                                  problem: "repeats column \(first + 1); every column needs its own name")
            }
            names.append(name)
        }
        self.columnNames = names
        self.decoder = decoder
        self.dateFormats = Array(repeating: nil, count: names.count)
        self.lastDateBytes = Array(repeating: [], count: names.count)
        self.lastDateDay = Array(repeating: 0, count: names.count)
    }

    /// The delimiter in use.
    var delimiter: Delimiter { reader.delimiter }
    /// The encoding in use (`.auto` when the file has been pure ASCII so far).
    var encoding: TextEncoding { decoder.encoding }
    /// Blank lines skipped.
    var blankLines: Int { reader.blankLines }
    /// Whether the file began with a UTF-8 byte-order mark.
    var hadByteOrderMark: Bool { reader.hadByteOrderMark }

    /// The index of the column playing `role`: the one named by its flag if given (by name, or by a 1-based
    /// number when no header has that name), else the first header matching a default name.
    func column(_ role: ColumnRole, required: Bool) throws -> Int? {
        let normalized = columnNames.map(normalizedColumnName)
        if let given = options.columnNames[role.key] {
            if let exact = columnNames.firstIndex(of: given) { return exact }
            if let folded = normalized.firstIndex(of: normalizedColumnName(given)) { return folded }
            if let number = Int(given), number >= 1, number <= columnNames.count { return number - 1 }
            throw OrderHistoryError.unknownColumn(file: path, flag: role.flag, name: given, available: columnNames)
        }
        for name in role.defaultNames {
            if let index = normalized.firstIndex(of: name) { return index }
        }
        if required {
            throw OrderHistoryError.missingColumn(file: path, role: role.label, flag: role.flag, available: columnNames)
        }
        return nil
    }

    /// Advances to the next record; false at the end of the file. A record with the wrong number of fields
    /// is rejected here (stopping or quarantined) and skipped.
    func next() throws -> Bool {
        while true {
            do {
                guard try reader.next(into: &record) else { return false }
            } catch OrderHistoryError.badRow(let row) {
                rowCount += 1
                try reject(row)
                return false
            }
            rowCount += 1
            if record.fieldCount == columnNames.count { return true }
            if record.fieldCount > columnNames.count,
               (columnNames.count..<record.fieldCount).allSatisfy({ record.isBlank($0) }) {
                return true
            }
            let column = min(record.fieldCount, columnNames.count) + 1
            let value = record.fieldCount > columnNames.count ? text(lossy: columnNames.count) : ""
            try reject(BadRow(
                file: path, line: record.line, column: column,
                columnName: column <= columnNames.count ? columnNames[column - 1] : nil, value: value,
                problem: "the row has \(record.fieldCount) fields; expected \(columnNames.count) as in the header"
                    + (delimiter == .whitespace ? "" : " (is a \(delimiter.rawValue) inside a value unquoted?)")))
        }
    }

    /// Calls `body` for every record in turn. A `BadRow` that `body` throws stops reading
    /// (`--on-bad-rows fail`) or is set aside (`skip`) and reading goes on: every reader's row loop.
    func forEachRow(_ body: () throws -> Void) throws {
        while try next() {
            do {
                try body()
            } catch OrderHistoryError.badRow(let row) {
                try reject(row)
            }
        }
    }

    /// Stops with `row` (`--on-bad-rows fail`) or sets it aside (`skip`).
    func reject(_ row: BadRow) throws {
        var row = row
        if row.fields.isEmpty {
            row.fields = (0..<record.fieldCount).map { text(lossy: $0) }
        }
        switch options.onBadRows {
        case .fail: throw OrderHistoryError.badRow(row)
        case .skip: badRows.append(row)
        }
    }

    /// A located bad-row report for column `index` of the current record.
    func badRow(_ index: Int, _ problem: String) -> BadRow {
        BadRow(file: path, line: record.line, column: index + 1, columnName: columnNames[index],
               value: text(lossy: index), problem: problem)
    }

    /// The line of the current record in the file (1-based).
    var line: Int { record.line }

    /// Whether column `index` of the current record is empty or blanks.
    func isBlank(_ index: Int) -> Bool { record.isBlank(index) }

    /// The text of column `index`, blanks trimmed; throws when it is not valid in the file's encoding.
    func text(_ index: Int) throws -> String {
        let decoded = record.withField(index) { bytes in decoder.decode(trimmed(bytes)) }
        guard let decoded else { throw OrderHistoryError.badRow(badRow(index, decoder.problemDescription)) }
        return decoded
    }

    /// Calls `body` with the bytes of column `index`, blanks trimmed.
    @inline(__always)
    func withTrimmedBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try record.withField(index) { try body(trimmed($0)) }
    }

    /// The text of column `index`, with undecodable bytes replaced (messages and quarantine only).
    func text(lossy index: Int) -> String {
        record.withField(index) { decoder.decodeForMessage($0) }
    }

    /// The number in column `index`; throws when it is empty or not a number.
    ///
    /// A plain number is read on the fast path; only a value that is not one is read again for the
    /// Japanese forms (`ReadOptions.numberFormat`), after decoding it to UTF-8 in a CP932 file.
    func number(_ index: Int, expected: String = "a number such as 12.50") throws -> Double {
        if let value = record.withField(index, NumberParsing.parseDouble) { return value }
        let format = options.numberFormat
        if format != .plain, let value = parseAsUTF8(index, NumberParsing.parseJapaneseDouble) {
            settleEncoding(from: index)
            return value
        }
        let hint = record.withField(index) { format.hint(for: trimmed($0)) }
        throw OrderHistoryError.badRow(badRow(index, "expected \(expected)\(hint)"))
    }

    /// `parse` applied to column `index`: to its bytes, and when that gives nil in a file that is not
    /// known to be UTF-8, to the field decoded from the file's encoding and re-encoded as UTF-8, so that
    /// parsers of non-ASCII forms (full-width digits, `円`, `年`) also read CP932 files.
    private func parseAsUTF8<R>(_ index: Int, _ parse: (UnsafeBufferPointer<UInt8>) -> R?) -> R? {
        if let value = record.withField(index, parse) { return value }
        guard decoder.encoding != .utf8 else { return nil }
        let decoded = record.withField(index) { bytes -> String? in
            guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return decoder.decode(trimmed(bytes))
        }
        guard var decoded, decoder.encoding == .cp932 else { return nil }
        return decoded.withUTF8(parse)
    }

    /// Settles an `auto` encoding from column `index` when it holds non-ASCII bytes, as decoding a text
    /// field would: called after a Japanese number or date was read straight from its UTF-8 bytes, so
    /// that the file summary names the encoding. Off the plain paths.
    private func settleEncoding(from index: Int) {
        guard decoder.encoding == .auto else { return }
        record.withField(index) { bytes in
            if bytes.contains(where: { $0 >= 0x80 }) { _ = decoder.decode(trimmed(bytes)) }
        }
    }

    /// The number in column `index`, or nil when the cell is empty; throws when it is not a number.
    func optionalNumber(_ index: Int, expected: String = "a number or an empty cell") throws -> Double? {
        if isBlank(index) { return nil }
        return try number(index, expected: expected)
    }

    /// The day number of the date in column `index`, in the forced layout or the one detected from the
    /// column's first value; throws when empty or not a valid date.
    func day(_ index: Int) throws -> Int32 {
        let format: DateFormat
        if let forced = options.dateFormat {
            format = forced
        } else if let known = dateFormats[index] {
            format = known
        } else {
            guard let detected = parseAsUTF8(index, DateFormat.detect) else {
                throw OrderHistoryError.badRow(badRow(index,
                    "expected a date as \(DateFormat.layoutList), optionally with a time HH:mm[:ss]"))
            }
            dateFormats[index] = detected
            format = detected
        }
        if !lastDateBytes[index].isEmpty, record.withField(index, { $0.elementsEqual(lastDateBytes[index]) }) {
            return lastDateDay[index]
        }
        guard let day = parseAsUTF8(index, format.parse) else {
            throw OrderHistoryError.badRow(badRow(index, "expected \(format.example)"))
        }
        if format == .japaneseDate { settleEncoding(from: index) }
        lastDateBytes[index] = record.withField(index) { Array($0) }
        lastDateDay[index] = day
        return day
    }

    /// The day in column `index`, or nil for an empty cell.
    func optionalDay(_ index: Int) throws -> Int32? {
        isBlank(index) ? nil : try day(index)
    }
}

/// `bytes` without leading and trailing spaces and tabs.
@inline(__always)
func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = bytes.count
    while start < end && isBlank(bytes[start]) { start += 1 }
    while end > start && isBlank(bytes[end - 1]) { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
}
