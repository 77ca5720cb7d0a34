import OrderHistory

/// A suppression file: customer ids or phone numbers never to call (an opt-out list, a national
/// do-not-call list), read with the project's delimited-text reader: one value per line, or the first
/// column of a CSV (quoting, UTF-8 or CP932, a byte-order mark, gzip as for every input). A header line
/// such as `customer_id` or `phone` is skipped. A value with 10 to 15 digits that is a valid phone number
/// (`CustomerContacts.isValidPhone`) counts as a phone number as well as an id.
public struct SuppressionFile: Sendable, Equatable {
    /// The values, as customer ids.
    public var ids: Set<String> = []
    /// The values that are phone numbers, as `CustomerContacts.normalizedPhone` writes them.
    public var phones: Set<String> = []

    /// An empty suppression list.
    public init() {}

    private static let headerNames: Set<String> = ["customer_id", "customerid", "id", "phone", "tel", "電話番号", "顧客id"]

    /// Reads `path`; a cell that is neither UTF-8 nor CP932 is a located bad row.
    public static func read(path: String) throws -> SuppressionFile {
        // Comma only: a phone number written with spaces must not be split as whitespace-delimited.
        let reader = try DelimitedTextReader(path: path, delimiter: .comma)
        var record = DelimitedRecord()
        var decoder = CellDecoder()
        var file = SuppressionFile()
        var first = true
        while try reader.next(into: &record) {
            defer { first = false }
            guard record.fieldCount > 0 else { continue }
            guard let value = record.withField(0, { decoder.text($0) }) else {
                throw OrderHistoryError.badRow(BadRow(
                    file: path, line: record.line, column: 1, columnName: nil,
                    value: record.withField(0) { String(decoding: $0, as: UTF8.self) },
                    problem: "expected a customer id or phone number in UTF-8 or CP932 text"))
            }
            if value.isEmpty || (first && headerNames.contains(value.lowercased())) { continue }
            file.ids.insert(value)
            if CustomerContacts.isValidPhone(value) { file.phones.insert(CustomerContacts.normalizedPhone(value)) }
        }
        return file
    }
}
