/// The customer file: who can be called, and how.
///
/// One row per customer, in file order. Columns other than the known roles are kept as text attributes
/// (region, age band, ...), so feature builders can use them.
public struct CustomerTable: Sendable {
    /// Index into the `CustomerRegistry` of each row's customer.
    public internal(set) var customerIndex: [Int32] = []
    /// Name, or empty.
    public internal(set) var name: [String] = []
    /// Phone number as written, or empty.
    public internal(set) var phone: [String] = []
    /// E-mail address, or empty.
    public internal(set) var email: [String] = []
    /// Sign-up day, when known.
    public internal(set) var signupDay: [Int32?] = []
    /// Whether the customer asked not to be called.
    public internal(set) var doNotCall: [Bool] = []
    /// Day of the last call or contact, when known.
    public internal(set) var lastContactedDay: [Int32?] = []
    /// Names of the other columns.
    public internal(set) var attributeNames: [String] = []
    /// Values of the other columns: `attributes[column][row]`.
    public internal(set) var attributes: [[String]] = []
    /// The line of the file each row was read from (for messages about a customer's data).
    public internal(set) var line: [Int] = []

    /// An empty table.
    public init() {}

    /// The number of rows.
    public var count: Int { customerIndex.count }
}

/// Reads a customer file into a `CustomerTable`.
public enum CustomerReader {
    /// Reads `path`, registering customers in `registry`. A row without a customer id, a repeated id, an
    /// invalid date or a do-not-call value that is not yes/no is a bad row.
    public static func read(path: String, options: ReadOptions = ReadOptions(),
                            registry: inout CustomerRegistry) throws -> (table: CustomerTable, summary: InputFileSummary) {
        let cursor = try TableCursor(path: path, options: options)
        let customerColumn = try cursor.column(ColumnRoles.customer, required: true)!
        let nameColumn = try cursor.column(ColumnRoles.name, required: false)
        let phoneColumn = try cursor.column(ColumnRoles.phone, required: false)
        let emailColumn = try cursor.column(ColumnRoles.email, required: false)
        let signupColumn = try cursor.column(ColumnRoles.signupDate, required: false)
        let doNotCallColumn = try cursor.column(ColumnRoles.doNotCall, required: false)
        let lastContactedColumn = try cursor.column(ColumnRoles.lastContacted, required: false)
        let known = Set([customerColumn, nameColumn, phoneColumn, emailColumn, signupColumn, doNotCallColumn,
                         lastContactedColumn].compactMap { $0 })
        let attributeColumns = (0..<cursor.columnNames.count).filter { !known.contains($0) }
        // `customer:a=b` is level b of a categorical column a: a column named "a=b" beside a column "a"
        // could make the same feature name.
        for column in attributeColumns {
            let name = cursor.columnNames[column]
            if let equals = name.firstIndex(of: "="), let other = cursor.columnNames.firstIndex(of: String(name[..<equals])) {
                throw OrderHistoryError.badHeader(file: path, column: column + 1, name: name,
                                                  problem: "reads as a level of column \(other + 1) \"\(cursor.columnNames[other])\"; rename one of them")
            }
        }

        var table = CustomerTable()
        table.attributeNames = attributeColumns.map { cursor.columnNames[$0] }
        table.attributes = Array(repeating: [], count: attributeColumns.count)
        var summary = InputFileSummary(file: path)
        var lineByCustomer: [Int32: Int] = [:]
        try cursor.forEachRow {
            if cursor.isBlank(customerColumn) {
                throw OrderHistoryError.badRow(cursor.badRow(customerColumn, "expected a customer id"))
            }
            let customer = registry.index(for: try cursor.text(customerColumn))
            if let earlier = lineByCustomer[customer] {
                throw OrderHistoryError.badRow(cursor.badRow(customerColumn,
                    "this customer id already appeared on line \(earlier); expected one row per customer"))
            }
            let name = try nameColumn.map(cursor.text) ?? ""
            let phone = try phoneColumn.map(cursor.text) ?? ""
            let email = try emailColumn.map(cursor.text) ?? ""
            let signup = try signupColumn.flatMap(cursor.optionalDay)
            let lastContacted = try lastContactedColumn.flatMap(cursor.optionalDay)
            var doNotCall = false
            if let doNotCallColumn, !cursor.isBlank(doNotCallColumn) {
                guard let flag = parseYesNo(try cursor.text(doNotCallColumn)) else {
                    throw OrderHistoryError.badRow(cursor.badRow(doNotCallColumn,
                        "expected yes or no (1/0, true/false, y/n, はい/いいえ) or an empty cell"))
                }
                doNotCall = flag
            }
            let attributeValues = try attributeColumns.map(cursor.text)
            lineByCustomer[customer] = cursor.record.line
            table.customerIndex.append(customer)
            table.line.append(cursor.record.line)
            table.name.append(name)
            table.phone.append(phone)
            table.email.append(email)
            table.signupDay.append(signup)
            table.doNotCall.append(doNotCall)
            table.lastContactedDay.append(lastContacted)
            for (column, value) in attributeValues.enumerated() { table.attributes[column].append(value) }
        }
        summary.keptRows = table.count
        summary.finish(cursor, customerIndices: table.customerIndex)
        return (table, summary)
    }
}

/// Reads a yes/no cell: 1/0, true/false, yes/no, y/n, t/f, x, はい/いいえ, 可/不可; nil when unrecognised.
func parseYesNo(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "1", "true", "yes", "y", "t", "x", "はい", "○", "不可": return true
    case "0", "false", "no", "n", "f", "いいえ", "可", "-": return false
    default: return nil
    }
}
