/// Which arm of a campaign a contact is in.
public enum ContactGroup: String, Sendable, Codable, CaseIterable {
    /// Called (the treatment).
    case call
    /// Held out of the calls (the control group).
    case control

    /// The group a contact history cell names: `call`, `treatment`, `1`, `called` (and 架電) for the
    /// calls; `control`, `0`, `holdout` (and 対照) for the control group, any case; nil for anything else.
    public init?(text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "call", "called", "treatment", "treated", "1", "架電": self = .call
        case "control", "holdout", "hold-out", "0", "対照": self = .control
        default: return nil
        }
    }
}

/// Contact history in columns: one entry per contact (a customer put on a call list, called or held out
/// as control, on a day).
public struct ContactLog: Sendable {
    /// Index into the `CustomerRegistry` of each contact's customer.
    public internal(set) var customerIndex: [Int32] = []
    /// Day number of each contact (the list's date).
    public internal(set) var day: [Int32] = []
    /// The group of each contact.
    public internal(set) var group: [ContactGroup] = []
    /// List code of each contact: `listNames[code - 1]`; 0 when the file names no list.
    public internal(set) var listCode: [UInt16] = []
    /// Whether the agent reached the customer: 1, 0, or −1 when not recorded (and for control rows).
    public internal(set) var reached: [Int8] = []
    /// The line of each contact in its file (0 from a source without lines).
    public internal(set) var line: [Int] = []
    /// Names of the lists, by code − 1.
    public internal(set) var listNames: [String] = []

    /// An empty log.
    public init() {}

    /// The number of contacts.
    public var count: Int { day.count }

    /// The list name of contact `index` (`all` when the file names none).
    public func listName(_ index: Int) -> String {
        listCode[index] == 0 ? "all" : listNames[Int(listCode[index]) - 1]
    }
}

/// Builds a contact log one contact at a time, with the rules every source of contacts shares: a
/// customer id and a group are required; `reached` is 1, 0 or not recorded; one customer in both groups
/// of one campaign (list and day) is an error; the same contact twice is counted and kept once.
public struct ContactLogBuilder {
    /// The log so far.
    public private(set) var log = ContactLog()
    /// The counts so far.
    public private(set) var summary: InputFileSummary
    /// Rows that repeated a contact already read (same customer, list, day and group): kept once.
    public private(set) var duplicateRows = 0
    fileprivate var lists = CodeTable()
    private var groupOf: [ContactKey: (group: ContactGroup, line: Int)] = [:]

    private struct ContactKey: Hashable {
        let customer: Int32
        let list: UInt16
        let day: Int32
    }

    /// A builder for the contacts of `source` (a file name, a table; it names the summary).
    public init(source: String) {
        summary = InputFileSummary(file: source)
    }

    /// The problem with a group cell, or nil.
    public static func problem(withGroup text: String) -> String? {
        ContactGroup(text: text) == nil ? "expected a group: call or control (also treatment, 1 or 0)" : nil
    }

    /// The reached flag a cell names: 1 (`1`, `yes`, `true`), 0 (`0`, `no`, `false`), −1 for an empty
    /// cell; nil for anything else.
    public static func reachedFlag(_ text: String) -> Int8? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "": return -1
        case "1", "yes", "y", "true": return 1
        case "0", "no", "n", "false": return 0
        default: return nil
        }
    }

    /// Adds one contact given as values (a database row).
    ///
    /// - Throws: `OrderHistoryError.invalidValue` naming the source for an empty customer id, an unknown
    ///   group or reached flag, or a customer in both groups of one campaign.
    public mutating func add(customerID: String, day: Int32, group: String, list: String? = nil, reached: String? = nil,
                             registry: inout CustomerRegistry) throws {
        let id = customerID.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else { throw OrderHistoryError.invalidValue(source: summary.file, problem: "expected a customer id") }
        guard let parsedGroup = ContactGroup(text: group) else {
            throw OrderHistoryError.invalidValue(source: summary.file, problem: Self.problem(withGroup: group)!)
        }
        guard let flag = Self.reachedFlag(reached ?? "") else {
            throw OrderHistoryError.invalidValue(source: summary.file, problem: Self.reachedProblem)
        }
        let code = try list.map { try lists.code(name: $0.trimmingCharacters(in: .whitespaces), source: summary.file) } ?? 0
        if let problem = append(customer: registry.index(for: id), day: day, group: parsedGroup, list: code, reached: flag, line: 0) {
            throw OrderHistoryError.invalidValue(source: summary.file, problem: problem)
        }
    }

    static let reachedProblem = "expected reached as 1 or 0 (or an empty cell)"

    /// Adds one resolved contact (the CSV reader's path); returns the problem when the customer is already
    /// in the other group of the same campaign, else nil.
    mutating func append(customer: Int32, day: Int32, group: ContactGroup, list: UInt16, reached: Int8, line: Int) -> String? {
        let key = ContactKey(customer: customer, list: list, day: day)
        if let earlier = groupOf[key] {
            if earlier.group != group {
                let place = earlier.line > 0 ? " on line \(earlier.line)" : ""
                return "the customer is already in the \(earlier.group.rawValue) group of this campaign (same list and date)\(place)"
            }
            duplicateRows += 1
            return nil
        }
        groupOf[key] = (group, line)
        summary.noteDay(day)
        log.customerIndex.append(customer)
        log.day.append(day)
        log.group.append(group)
        log.listCode.append(list)
        log.reached.append(group == .control ? -1 : reached)
        log.line.append(line)
        return nil
    }

    /// The log with its list names, and the summary's kept rows.
    public func build() -> (log: ContactLog, summary: InputFileSummary) {
        var log = self.log
        var summary = self.summary
        log.listNames = lists.names
        summary.keptRows = log.count
        return (log, summary)
    }
}

/// Reads a contact history file (customer id, contact date, group; optional list and reached) into a
/// `ContactLog`. The call list and its control file (`loyalty calllist --control-out`) are such files:
/// their `customer_id`, `contact_date`, `group`, `list` and `reached` columns are read, the rest ignored.
public enum ContactReader {
    /// Reads `path`, registering customers in `registry`. An empty customer id, a bad date, an unknown
    /// group or reached flag, or a customer in both groups of one campaign is a bad row.
    public static func read(path: String, options: ReadOptions = ReadOptions(),
                            registry: inout CustomerRegistry) throws -> (log: ContactLog, summary: InputFileSummary, duplicateRows: Int) {
        let cursor = try TableCursor(path: path, options: options)
        let customerColumn = try cursor.column(ColumnRoles.customer, required: true)!
        let dateColumn = try cursor.column(ColumnRoles.date, required: true)!
        let groupColumn = try cursor.column(ColumnRoles.contactGroup, required: true)!
        let listColumn = try cursor.column(ColumnRoles.listName, required: false)
        let reachedColumn = try cursor.column(ColumnRoles.reached, required: false)
        var builder = ContactLogBuilder(source: path)
        try cursor.forEachRow {
            if cursor.isBlank(customerColumn) {
                throw OrderHistoryError.badRow(cursor.badRow(customerColumn, "expected a customer id"))
            }
            let day = try cursor.day(dateColumn)
            guard let group = ContactGroup(text: try cursor.text(groupColumn)) else {
                throw OrderHistoryError.badRow(cursor.badRow(groupColumn, ContactLogBuilder.problem(withGroup: "")!))
            }
            let list = try listColumn.map { cursor.isBlank($0) ? 0 : try builder.lists.code(cursor, $0) } ?? 0
            var reached: Int8 = -1
            if let reachedColumn {
                guard let flag = ContactLogBuilder.reachedFlag(try cursor.text(reachedColumn)) else {
                    throw OrderHistoryError.badRow(cursor.badRow(reachedColumn, ContactLogBuilder.reachedProblem))
                }
                reached = flag
            }
            let customer = registry.index(for: try cursor.text(customerColumn))
            if let problem = builder.append(customer: customer, day: day, group: group, list: list, reached: reached,
                                            line: cursor.line) {
                throw OrderHistoryError.badRow(cursor.badRow(groupColumn, problem))
            }
        }
        let (log, built) = builder.build()
        var summary = built
        summary.finish(cursor, customerIndices: log.customerIndex)
        return (log, summary, builder.duplicateRows)
    }
}
