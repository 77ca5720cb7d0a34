/// The CSV that rows set aside under `--on-bad-rows skip` go to, so that nothing is dropped silently.
///
/// Columns: `file,line,column,column_name,value,problem,record`, where `record` is the row's fields
/// re-joined as CSV, so the original can be fixed and read again.
public enum QuarantineFile {
    /// The header line.
    public static let header = ["file", "line", "column", "column_name", "value", "problem", "record"]

    /// Writes `rows` to `path` atomically.
    public static func write(_ rows: [BadRow], to path: String) throws {
        var file = TextFileBuilder()
        file.appendRow(header)
        for row in rows {
            var record = TextFileBuilder(capacity: 256)
            for (index, field) in row.fields.enumerated() {
                if index > 0 { record.appendByte(UInt8(ascii: ",")) }
                record.appendField(field)
            }
            file.appendRow([row.file, String(row.line), String(row.column), row.columnName ?? "", row.value,
                            row.problem, String(decoding: record.bytes, as: UTF8.self)])
        }
        try file.write(to: path)
    }
}
