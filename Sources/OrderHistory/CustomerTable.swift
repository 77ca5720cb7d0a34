import Foundation

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

/// Builds a customer table from customers, one at a time, with the rules every source of customers
/// shares: one row per customer id; an id is required; a do-not-call value is yes or no; attribute columns
/// (the columns that are not roles) cannot be named like a level of another (`a=b` beside `a`). The CSV
/// reader (`CustomerReader`) feeds it from a file; another source through `add(customerID:...)`.
public struct CustomerTableBuilder {
    /// The table so far.
    public private(set) var table = CustomerTable()
    /// The counts so far.
    public private(set) var summary: InputFileSummary
    private var lineByCustomer: [Int32: Int] = [:]

    /// A builder for the customers of `source` (a file name, a table; it names the summary) with these
    /// attribute columns.
    ///
    /// - Throws: `OrderHistoryError.invalidValue` when an attribute name reads as a level of another.
    public init(source: String, attributeNames: [String]) throws {
        if let (column, other) = Self.collidingAttribute(attributeNames) {
            throw OrderHistoryError.invalidValue(source: source, problem: "column \"\(attributeNames[column])\" "
                + "reads as a level of column \"\(attributeNames[other])\"; rename one of them")
        }
        summary = InputFileSummary(file: source)
        table.attributeNames = attributeNames
        table.attributes = Array(repeating: [], count: attributeNames.count)
    }

    /// The first of `names` (by index) that reads as a level of another (`a=b` beside `a`), with that
    /// other's index; `customer:a=b` is the feature name of level b of a categorical column a.
    public static func collidingAttribute(_ names: [String]) -> (column: Int, other: Int)? {
        for (column, name) in names.enumerated() {
            if let equals = name.firstIndex(of: "="), let other = names.firstIndex(of: String(name[..<equals])) {
                return (column, other)
            }
        }
        return nil
    }

    /// A do-not-call value as a flag: yes/no, 1/0, true/false, y/n, t/f, x, はい/いいえ, 可/不可; nil when
    /// it is none of them.
    public static func doNotCall(_ text: String) -> Bool? {
        parseYesNo(text)
    }

    /// Adds one customer given as values (a database row). `line` is where the row is in its source (a
    /// line of a file, a row number), for messages about the customer's data.
    ///
    /// - Throws: `OrderHistoryError.invalidValue` naming the source for an empty or repeated id, or a
    ///   number of attributes other than the builder's columns.
    public mutating func add(customerID: String, name: String = "", phone: String = "", email: String = "",
                             signupDay: Int32? = nil, doNotCall: Bool = false, lastContactedDay: Int32? = nil,
                             attributes: [String] = [], line: Int, registry: inout CustomerRegistry) throws {
        let id = customerID.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else { throw OrderHistoryError.invalidValue(source: summary.file, problem: "expected a customer id") }
        guard attributes.count == table.attributeNames.count else {
            throw OrderHistoryError.invalidValue(source: summary.file,
                problem: "\(attributes.count) attribute values for \(table.attributeNames.count) attribute columns")
        }
        let customer = registry.index(for: id)
        if let problem = problem(repeating: customer) {
            throw OrderHistoryError.invalidValue(source: summary.file, problem: "customer \(id): \(problem)")
        }
        append(customer: customer, name: name, phone: phone, email: email, signupDay: signupDay, doNotCall: doNotCall,
               lastContactedDay: lastContactedDay, attributes: attributes, line: line)
    }

    /// Why `customer` cannot be added again, or nil when it is new.
    func problem(repeating customer: Int32) -> String? {
        lineByCustomer[customer].map { "this customer id already appeared on line \($0); expected one row per customer" }
    }

    /// Adds one checked customer (the CSV reader's path).
    @inline(__always)
    mutating func append(customer: Int32, name: String, phone: String, email: String, signupDay: Int32?, doNotCall: Bool,
                         lastContactedDay: Int32?, attributes: [String], line: Int) {
        lineByCustomer[customer] = line
        table.customerIndex.append(customer)
        table.line.append(line)
        table.name.append(name)
        table.phone.append(phone)
        table.email.append(email)
        table.signupDay.append(signupDay)
        table.doNotCall.append(doNotCall)
        table.lastContactedDay.append(lastContactedDay)
        for (column, value) in attributes.enumerated() { table.attributes[column].append(value) }
    }

    /// The table, and the summary's kept rows.
    public func build() -> (table: CustomerTable, summary: InputFileSummary) {
        var summary = self.summary
        summary.keptRows = table.count
        return (table, summary)
    }
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
        let attributeNames = attributeColumns.map { cursor.columnNames[$0] }
        if let (column, other) = CustomerTableBuilder.collidingAttribute(attributeNames) {
            throw OrderHistoryError.badHeader(file: path, column: attributeColumns[column] + 1, name: attributeNames[column],
                                              problem: "reads as a level of column \(attributeColumns[other] + 1) \"\(attributeNames[other])\"; rename one of them")
        }
        var builder = try CustomerTableBuilder(source: path, attributeNames: attributeNames)
        try cursor.forEachRow {
            if cursor.isBlank(customerColumn) {
                throw OrderHistoryError.badRow(cursor.badRow(customerColumn, "expected a customer id"))
            }
            let customer = registry.index(for: try cursor.text(customerColumn))
            if let problem = builder.problem(repeating: customer) {
                throw OrderHistoryError.badRow(cursor.badRow(customerColumn, problem))
            }
            let name = try nameColumn.map(cursor.text) ?? ""
            let phone = try phoneColumn.map(cursor.text) ?? ""
            let email = try emailColumn.map(cursor.text) ?? ""
            let signup = try signupColumn.flatMap(cursor.optionalDay)
            let lastContacted = try lastContactedColumn.flatMap(cursor.optionalDay)
            var doNotCall = false
            if let doNotCallColumn, !cursor.isBlank(doNotCallColumn) {
                guard let flag = CustomerTableBuilder.doNotCall(try cursor.text(doNotCallColumn)) else {
                    throw OrderHistoryError.badRow(cursor.badRow(doNotCallColumn,
                        "expected yes or no (1/0, true/false, y/n, はい/いいえ) or an empty cell"))
                }
                doNotCall = flag
            }
            builder.append(customer: customer, name: name, phone: phone, email: email, signupDay: signup, doNotCall: doNotCall,
                           lastContactedDay: lastContacted, attributes: try attributeColumns.map(cursor.text),
                           line: cursor.record.line)
        }
        let (table, built) = builder.build()
        var summary = built
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
