/// A table of numbers read from a delimited file, for `loyalty ml`: any numeric feature table.
///
/// Empty cells and `NaN`/`NA` are missing values (NaN). Columns named as text columns (ids) are kept
/// as text and not parsed.
public struct NumericTable: Sendable {
    /// Names of the numeric columns, in file order.
    public var columnNames: [String]
    /// The numeric values, row-major: row `r`, column `c` at `values[r * columnNames.count + c]`.
    public var values: [Double]
    /// Names of the text columns kept.
    public var textColumnNames: [String]
    /// Values of each text column.
    public var textColumns: [[String]]
    /// The number of rows.
    public var rowCount: Int
    /// The line of the file each row was read from (1-based), for located messages about a value.
    public var lines: [Int32]
    /// The column of the file (1-based) each numeric column was read from.
    public var columnNumbers: [Int]

    /// A located report on the value of numeric column `column` (an index into `columnNames`) in `row`,
    /// for a value the reader took but the caller cannot use (a label that is not 0 or 1).
    public func badValue(file: String, row: Int, column: Int, problem: String) -> BadRow {
        let value = values[row * columnNames.count + column]
        return BadRow(file: file, line: Int(lines[row]), column: columnNumbers[column], columnName: columnNames[column],
                      value: value.isNaN ? "" : value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value),
                      problem: problem)
    }

    /// The values of the numeric column `name`, if there is one.
    public func column(named name: String) -> [Double]? {
        guard let column = columnNames.firstIndex(of: name) else { return nil }
        let width = columnNames.count
        return (0..<rowCount).map { values[$0 * width + column] }
    }
}

/// Reads a `NumericTable`.
public enum NumericTableReader {
    /// Reads `path`; every column not in `textColumns` must hold numbers or missing values, and a cell that
    /// does not is a bad row (stopping or quarantined, per `options.onBadRows`).
    public static func read(path: String, options: ReadOptions = ReadOptions(),
                            textColumns: [String] = []) throws -> (table: NumericTable, badRows: [BadRow]) {
        let cursor = try TableCursor(path: path, options: options)
        for name in textColumns where !cursor.columnNames.contains(name) {
            throw OrderHistoryError.unknownColumn(file: path, flag: "--id-column", name: name, available: cursor.columnNames)
        }
        if textColumns.isEmpty, let separator = cursor.delimiter.byte,
           let (values, lines) = try readPlainNumbers(path: path, delimiter: separator, width: cursor.columnNames.count) {
            return (NumericTable(columnNames: cursor.columnNames, values: values, textColumnNames: [], textColumns: [],
                                 rowCount: lines.count, lines: lines, columnNumbers: cursor.columnNames.indices.map { $0 + 1 }), [])
        }
        let textIndices = cursor.columnNames.indices.filter { textColumns.contains(cursor.columnNames[$0]) }
        let numericIndices = cursor.columnNames.indices.filter { !textIndices.contains($0) }
        var allValues: [Double] = []
        if !path.hasSuffix(".gz"), let size = fileSize(path) {
            allValues.reserveCapacity(min(size / 2, 1 << 32))
        }
        var texts = [[String]](repeating: [], count: textIndices.count)
        var lines: [Int32] = []
        var values = [Double](repeating: 0, count: numericIndices.count)
        try cursor.forEachRow {
            for (offset, index) in numericIndices.enumerated() {
                let parsed = cursor.record.withField(index) { bytes -> Double? in
                    let field = trimmed(bytes)
                    if field.isEmpty || isMissingMarker(field) { return .nan }
                    return NumberParsing.parseDouble(field)
                }
                guard let parsed else {
                    throw OrderHistoryError.badRow(cursor.badRow(index, "expected a number, or an empty cell for a missing value"))
                }
                values[offset] = parsed
            }
            let textValues = try textIndices.map(cursor.text)
            allValues.append(contentsOf: values)
            for (offset, value) in textValues.enumerated() { texts[offset].append(value) }
            lines.append(Int32(clamping: cursor.record.line))
        }
        let table = NumericTable(columnNames: numericIndices.map { cursor.columnNames[$0] }, values: allValues,
                                 textColumnNames: textIndices.map { cursor.columnNames[$0] }, textColumns: texts,
                                 rowCount: lines.count, lines: lines, columnNumbers: numericIndices.map { $0 + 1 })
        return (table, cursor.badRows)
    }

    /// `NaN`, `NA` or `null` in any case.
    static func isMissingMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= 4, let first = bytes.first, first | 0x20 == UInt8(ascii: "n") else { return false }
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        return text == "nan" || text == "na" || text == "null"
    }
}
