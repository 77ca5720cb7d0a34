/// A table of numbers read from a delimited file, for `loyalty ml`: any numeric feature table.
///
/// Empty cells and `NaN`/`NA` are missing values (NaN). Columns named as text columns (ids) are kept
/// as text and not parsed.
public struct NumericTable: Sendable {
    /// Names of the numeric columns, in file order.
    public var columnNames: [String]
    /// Values of each numeric column (column-major).
    public var columns: [[Double]]
    /// Names of the text columns kept.
    public var textColumnNames: [String]
    /// Values of each text column.
    public var textColumns: [[String]]
    /// The number of rows.
    public var rowCount: Int

    /// The values of the numeric column `name`, if there is one.
    public func column(named name: String) -> [Double]? {
        columnNames.firstIndex(of: name).map { columns[$0] }
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
        let textIndices = cursor.columnNames.indices.filter { textColumns.contains(cursor.columnNames[$0]) }
        let numericIndices = cursor.columnNames.indices.filter { !textIndices.contains($0) }
        var columns = [[Double]](repeating: [], count: numericIndices.count)
        var texts = [[String]](repeating: [], count: textIndices.count)
        var rows = 0
        var values = [Double](repeating: 0, count: numericIndices.count)
        while try cursor.next() {
            do {
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
                for (offset, value) in values.enumerated() { columns[offset].append(value) }
                for (offset, value) in textValues.enumerated() { texts[offset].append(value) }
                rows += 1
            } catch OrderHistoryError.badRow(let row) {
                try cursor.reject(row)
            }
        }
        let table = NumericTable(columnNames: numericIndices.map { cursor.columnNames[$0] }, columns: columns,
                                 textColumnNames: textIndices.map { cursor.columnNames[$0] }, textColumns: texts,
                                 rowCount: rows)
        return (table, cursor.badRows)
    }

    private static func isMissingMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        return text == "nan" || text == "na" || text == "null"
    }
}
