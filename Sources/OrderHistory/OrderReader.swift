import Foundation

/// What reading an orders file found: the counts `loyalty inspect` prints.
public struct OrderFileSummary: Sendable {
    /// The file as the user named it.
    public var file: String
    /// Data rows read (header and blank lines excluded; bad rows included).
    public var rows = 0
    /// Blank lines skipped.
    public var blankLines = 0
    /// Distinct orders over all good rows, guests' included (each row is an order without an order id column).
    public var orders = 0
    /// Orders of known customers, as kept in the log.
    public var customerOrders = 0
    /// Distinct customers with at least one order.
    public var customers = 0
    /// Rows with no customer id (guest checkouts): counted and set aside, not errors.
    public var guestRows = 0
    /// Distinct orders among guest rows.
    public var guestOrders = 0
    /// Customer rows that are returns: a cancellation, or a negative amount.
    public var returnRows = 0
    /// Customer orders that are returns (cancelled, or net amount negative).
    public var returnOrders = 0
    /// Rows that could not be read (quarantined under `--on-bad-rows skip`).
    public var badRows: [BadRow] = []
    /// First and last day over all good rows.
    public var firstDay: Int32?
    /// Last day over all good rows.
    public var lastDay: Int32?
    /// Net amount over customer rows (returns subtract).
    public var totalAmount = 0.0
    /// Net amount over guest rows.
    public var guestAmount = 0.0
    /// The delimiter used.
    public var delimiter: Delimiter = .comma
    /// The encoding found (`auto` when the file is plain ASCII).
    public var encoding: TextEncoding = .auto
    /// Whether the file began with a UTF-8 byte-order mark.
    public var hadByteOrderMark = false
    /// How each order's amount was found.
    public var amountSource = ""
}

/// Reads an orders file into the columnar `OrderLog`.
///
/// - Amount: the amount column, or quantity × unit price.
/// - Lines sharing an order id (and customer) are summed into one order dated by its first line; without
///   an order id column each row is an order.
/// - Cancellations (an order id like `C536379`, or a status such as "cancelled", "returned", "返品") and
///   negative amounts are kept as returns.
/// - Rows without a customer id are guest checkouts: counted in the summary, not kept in the log.
///
/// - Complexity: one streaming pass; memory is the log plus about 12 bytes per distinct order id.
public enum OrderReader {
    /// Reads `path`, registering customers in `registry`.
    public static func read(path: String, options: ReadOptions = ReadOptions(),
                            registry: inout CustomerRegistry) throws -> (log: OrderLog, summary: OrderFileSummary) {
        let table = try TableCursor(path: path, options: options)
        let columns = try OrderColumns(table: table, options: options)
        var part = OrderPart(columns: columns)
        if !path.hasSuffix(".gz"), let size = fileSize(path) {
            part.builder.reserveCapacity(min(size / 24, 1 << 31))
        }
        try part.readRows(table, registry: &registry)
        return part.finish(table: table, registry: registry)
    }
}

/// The columns of an orders file, resolved from its header and the mapping flags.
struct OrderColumns: Sendable {
    let customer: Int
    let date: Int
    let amount: Int?
    let quantity: Int?
    let unitPrice: Int?
    let order: Int?
    let channel: Int?
    let category: Int?
    let status: Int?
    /// How an order's amount is found, for the summary.
    let amountSource: String

    init(table: TableCursor, options: ReadOptions) throws {
        customer = try table.column(ColumnRoles.customer, required: true)!
        date = try table.column(ColumnRoles.date, required: true)!
        let amountColumn = try table.column(ColumnRoles.amount, required: false)
        var quantityColumn: Int?
        var unitPriceColumn: Int?
        if amountColumn == nil || options.columnNames[ColumnRoles.quantity.key] != nil {
            quantityColumn = try table.column(ColumnRoles.quantity, required: false)
            unitPriceColumn = try table.column(ColumnRoles.unitPrice, required: false)
        }
        let useQuantityTimesPrice = quantityColumn != nil && unitPriceColumn != nil
            && (amountColumn == nil || options.columnNames[ColumnRoles.amount.key] == nil)
        if amountColumn == nil && !useQuantityTimesPrice {
            throw OrderHistoryError.missingColumn(
                file: table.path, role: "amount (or quantity and unit price)",
                flag: "--amount-column (or --quantity-column and --unit-price-column)",
                available: table.columnNames)
        }
        amount = useQuantityTimesPrice ? nil : amountColumn
        quantity = useQuantityTimesPrice ? quantityColumn : nil
        unitPrice = useQuantityTimesPrice ? unitPriceColumn : nil
        amountSource = useQuantityTimesPrice
            ? "\(table.columnNames[quantityColumn!]) × \(table.columnNames[unitPriceColumn!])"
            : table.columnNames[amountColumn!]
        order = try table.column(ColumnRoles.order, required: false)
        channel = try table.column(ColumnRoles.channel, required: false)
        category = try table.column(ColumnRoles.category, required: false)
        status = try table.column(ColumnRoles.status, required: false)
    }
}

/// Builds an order log from order lines, one at a time, with the rules every source of orders shares:
/// lines of one order id (and customer) are summed into one order; an order id like `C536379` or a
/// status such as "cancelled"/"返品" marks a cancellation; cancellations and orders whose net amount is
/// negative are returns; a line without a customer id is a guest line, counted in the summary and kept out
/// of the log; channel and category values get dense codes. The CSV reader (`OrderReader`) feeds it the
/// lines of a file; a database reader feeds it rows through `add(customerID:day:amount:orderID:status:channel:category:registry:)`.
public struct OrderLogBuilder {
    /// The log so far.
    private(set) var log = OrderLog()
    /// The counts so far (guest rows and amounts, returns, first and last day, total amount).
    public private(set) var summary: OrderFileSummary
    private let usesOrderIDs: Bool
    private var orderIndexByKey = OrderKeyIndex()
    private var guestOrderKeys = OrderKeyIndex()
    private var guestOrderList: [OrderKeyIndex.Key] = []
    // Coded from bytes by the CSV reader in this file, from text by `add`.
    fileprivate var channels = CodeTable()
    fileprivate var categories = CodeTable()
    fileprivate var statuses = CodeTable()
    private var cancelledStatus: [Bool] = [false]
    private var lastKey: UInt64 = 0
    private var lastCheck: UInt32 = 0
    private var lastOrder: Int32 = -1

    /// A builder for the orders of `source` (a file name, a table; it names the summary). With
    /// `usesOrderIDs`, lines carry order ids and orders are counted by id; without, each line is an order.
    public init(source: String, usesOrderIDs: Bool) {
        summary = OrderFileSummary(file: source)
        self.usesOrderIDs = usesOrderIDs
    }

    /// Makes room for `count` orders.
    public mutating func reserveCapacity(_ count: Int) {
        log.reserveCapacity(count)
    }

    /// What is wrong with an order line's `amount` for the log, or nil when it can be taken: a value
    /// beyond ±1e15 (`OrderLog.largestAmount`), or not a number at all, is a mistake in the source.
    public static func problem(withAmount amount: Double) -> String? {
        abs(amount) <= OrderLog.largestAmount ? nil
            : "\(amount.isFinite ? String(amount) : "beyond any number"); expected an amount within ±1e15"
    }

    /// Adds one order line given as values (a database row): `customerID` nil or blank for a guest; the
    /// order id, status, channel and category as the source holds them (nil when it has no such column).
    ///
    /// - Throws: `OrderHistoryError.invalidValue` naming the source when the amount cannot be taken
    ///   (`problem(withAmount:)`) or a channel or category has more than 65,534 distinct values; the
    ///   source says where the row is.
    public mutating func add(customerID: String?, day: Int32, amount: Double, orderID: String? = nil, status: String? = nil,
                             channel: String? = nil, category: String? = nil, registry: inout CustomerRegistry) throws {
        if let problem = Self.problem(withAmount: amount) {
            throw OrderHistoryError.invalidValue(source: summary.file, problem: "amount \(problem)")
        }
        func utf8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            var text = text.trimmingCharacters(in: .whitespaces)
            return text.withUTF8(body)
        }
        let orderKey = orderID.map { utf8($0, OrderKeyIndex.key) }
        var isCancelled = orderID.map { utf8($0, CancellationRule.isCancelledOrderID) } ?? false
        if let status {
            let code = Int(try statuses.code(name: status.trimmingCharacters(in: .whitespaces), source: summary.file))
            isCancelled = isCancelled || cancelled(statusCode: code)
        }
        let channelCode = try channel.map { try channels.code(name: $0.trimmingCharacters(in: .whitespaces), source: summary.file) } ?? 0
        let categoryCode = try category.map { try categories.code(name: $0.trimmingCharacters(in: .whitespaces), source: summary.file) } ?? 0
        let id = customerID?.trimmingCharacters(in: .whitespaces) ?? ""
        addLine(customer: id.isEmpty ? nil : registry.index(for: id), day: day, amount: amount, orderKey: orderKey,
                isCancelled: isCancelled, channel: channelCode, category: categoryCode)
    }

    /// Whether the status coded `code` (by `statuses`) means a cancellation, worked out once per status.
    fileprivate mutating func cancelled(statusCode code: Int) -> Bool {
        while cancelledStatus.count <= code {
            cancelledStatus.append(CancellationRule.isCancelled(status: statuses.names[cancelledStatus.count - 1]))
        }
        return cancelledStatus[code]
    }

    /// Adds one line whose values are already resolved (the CSV reader's path): `customer` nil for a guest.
    mutating func addLine(customer: Int32?, day: Int32, amount: Double, orderKey: OrderKeyIndex.Key?, isCancelled: Bool,
                          channel: UInt16, category: UInt16) {
        guard let customer else {
            summary.guestRows += 1
            summary.guestAmount += amount
            if let orderKey {
                if guestOrderKeys.order(for: orderKey) == nil {
                    guestOrderKeys.set(0, for: orderKey)
                    guestOrderList.append(orderKey)
                }
            } else {
                summary.guestOrders += 1
            }
            summary.noteDay(day)
            return
        }
        summary.noteDay(day)
        summary.totalAmount += amount
        if isCancelled || amount < 0 { summary.returnRows += 1 }
        let flags: OrderFlags = isCancelled ? [.isCancellation] : []

        if let orderKey {
            if orderKey.hash == lastKey && orderKey.check == lastCheck && lastOrder >= 0
                && log.customerIndex[Int(lastOrder)] == customer {
                log.mergeLine(into: Int(lastOrder), amount: amount, flags: flags)
                return
            }
            if let existing = orderIndexByKey.order(for: orderKey), log.customerIndex[Int(existing)] == customer {
                log.mergeLine(into: Int(existing), amount: amount, flags: flags)
                lastKey = orderKey.hash
                lastCheck = orderKey.check
                lastOrder = existing
                return
            }
            lastKey = orderKey.hash
            lastCheck = orderKey.check
            lastOrder = Int32(log.count)
            orderIndexByKey.set(lastOrder, for: orderKey)
        }
        log.append(customer: customer, day: day, amount: amount, flags: flags, channel: channel, category: category)
    }

    /// The log (returns marked, code names set) and the summary's counts of orders, customers and returns.
    /// The source adds what only it knows (rows, blank lines, bad rows, delimiter, encoding).
    public func build(registry: CustomerRegistry) -> (log: OrderLog, summary: OrderFileSummary) {
        var log = self.log
        var summary = self.summary
        log.markReturns()
        log.channelNames = channels.names
        log.categoryNames = categories.names
        var seen = [Bool](repeating: false, count: registry.count)
        for customer in log.customerIndex where !seen[Int(customer)] {
            seen[Int(customer)] = true
            summary.customers += 1
        }
        summary.customerOrders = log.count
        summary.returnOrders = log.flags.reduce(0) { $0 + ($1.contains(.isReturn) ? 1 : 0) }
        if usesOrderIDs {
            summary.guestOrders = guestOrderList.count
            let sharedWithCustomers = guestOrderList.reduce(0) { $0 + (orderIndexByKey.order(for: $1) != nil ? 1 : 0) }
            summary.orders = orderIndexByKey.count + summary.guestOrders - sharedWithCustomers
        } else {
            summary.orders = log.count + summary.guestOrders
        }
        return (log, summary)
    }
}

/// The orders read from the rows of a file: the file's columns, turned into values for `OrderLogBuilder`.
struct OrderPart {
    let columns: OrderColumns
    var builder: OrderLogBuilder
    private var customers = CustomerLookup()

    init(columns: OrderColumns) {
        self.columns = columns
        builder = OrderLogBuilder(source: "", usesOrderIDs: columns.order != nil)
    }

    /// Reads every row of `table` into the builder.
    mutating func readRows(_ table: TableCursor, registry: inout CustomerRegistry) throws {
        try table.forEachRow {
            let day = try table.day(columns.date)
            let amount: Double
            if let quantity = columns.quantity, let unitPrice = columns.unitPrice {
                amount = try table.number(quantity, expected: "a quantity such as 3")
                    * table.number(unitPrice, expected: "a unit price such as 2.55")
                if let problem = OrderLogBuilder.problem(withAmount: amount) {
                    throw OrderHistoryError.badRow(table.badRow(quantity, "quantity × unit price is \(problem)"))
                }
            } else {
                amount = try table.number(columns.amount!, expected: "an amount such as 12.50")
                if OrderLogBuilder.problem(withAmount: amount) != nil {
                    throw OrderHistoryError.badRow(table.badRow(columns.amount!, "expected an amount within ±1e15"))
                }
            }
            let orderKey = columns.order.map { column in table.withTrimmedBytes(column, OrderKeyIndex.key) }
            var isCancelled = columns.order.map { column in
                table.record.withField(column, CancellationRule.isCancelledOrderID)
            } ?? false
            if let statusColumn = columns.status {
                let status = Int(try builder.statuses.code(table, statusColumn))
                isCancelled = isCancelled || builder.cancelled(statusCode: status)
            }
            let channel = try columns.channel.map { try builder.channels.code(table, $0) } ?? 0
            let category = try columns.category.map { try builder.categories.code(table, $0) } ?? 0
            let customer = table.isBlank(columns.customer) ? nil : try customers.index(table, columns.customer, registry: &registry)
            builder.addLine(customer: customer, day: day, amount: amount, orderKey: orderKey, isCancelled: isCancelled,
                            channel: channel, category: category)
        }
    }

    /// The log and the summary, with what the file adds (rows, blank lines, bad rows, how it was read).
    func finish(table: TableCursor, registry: CustomerRegistry) -> (log: OrderLog, summary: OrderFileSummary) {
        let (log, built) = builder.build(registry: registry)
        var summary = built
        summary.file = table.path
        summary.rows = table.rowCount
        summary.blankLines = table.blankLines
        summary.badRows = table.badRows
        summary.amountSource = columns.amountSource
        summary.delimiter = table.delimiter
        summary.encoding = table.encoding
        summary.hadByteOrderMark = table.hadByteOrderMark
        return (log, summary)
    }
}

/// The size of a file in bytes, if it can be read.
func fileSize(_ path: String) -> Int? {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : nil
}

extension OrderFileSummary: DaySpan {}

extension OrderLog {
    mutating func mergeLine(into order: Int, amount: Double, flags: OrderFlags) {
        self.amount[order] += amount
        self.flags[order].formUnion(flags)
    }

    /// Marks cancellations and orders with a negative net amount as returns.
    mutating func markReturns() {
        for index in 0..<count where flags[index].contains(.isCancellation) || amount[index] < 0 {
            flags[index].insert(.isReturn)
        }
    }
}

/// Recognises cancellations by order id or status text.
enum CancellationRule {
    private static let words = ["cancel", "return", "refund", "void", "キャンセル", "返品", "返金", "取消", "取り消し"]

    /// Whether an order id marks a cancellation: a `C` followed by digits, as in `C536379`.
    static func isCancelledOrderID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < bytes.count && isBlank(bytes[start]) { start += 1 }
        guard start + 1 < bytes.count, bytes[start] == UInt8(ascii: "C") || bytes[start] == UInt8(ascii: "c") else {
            return false
        }
        return bytes[start + 1] >= 0x30 && bytes[start + 1] <= 0x39
    }

    /// Whether a status value means the order was cancelled or returned (asked once per distinct
    /// status: readers code statuses with a `CodeTable` first).
    static func isCancelled(status: String) -> Bool {
        let lowered = status.lowercased()
        return words.contains { lowered.contains($0) }
    }
}

/// Dense codes for the values of a categorical column: 0 for empty, 1... in order of first appearance.
///
/// Looked up by a hash of the raw bytes, checked with a second independent hash, so a repeated value
/// costs no string decoding.
struct CodeTable {
    private(set) var names: [String] = []
    /// The raw bytes of each value packed into two words (values of up to 16 bytes), for exact matching.
    private var packedValues: [(UInt64, UInt64)] = []
    private var codeByHash = HashIndex(expectedCount: 64)

    /// Packs up to 16 bytes into two words; nil for longer values.
    @inline(__always)
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard bytes.count <= 16 else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for (offset, byte) in bytes.enumerated() {
            if offset < 8 { low |= UInt64(byte) << (8 * offset) } else { high |= UInt64(byte) << (8 * (offset - 8)) }
        }
        return (low, high | UInt64(bytes.count) << 59)
    }

    mutating func code(_ table: TableCursor, _ column: Int) throws -> UInt16 {
        switch table.withTrimmedBytes(column, { lookup($0) }) {
        case .known(let code):
            return code
        case .unknown(let packed, let hash, let check):
            return try insert(try table.text(column), packed: packed, hash: hash, check: check) {
                OrderHistoryError.badRow(table.badRow(column, Self.tooManyValues))
            }
        }
    }

    /// The code of a value a source gives as text (already trimmed): the same codes as from bytes.
    mutating func code(name: String, source: String) throws -> UInt16 {
        var text = name
        switch text.withUTF8({ lookup($0) }) {
        case .known(let code):
            return code
        case .unknown(let packed, let hash, let check):
            return try insert(name, packed: packed, hash: hash, check: check) {
                OrderHistoryError.invalidValue(source: source, problem: Self.tooManyValues)
            }
        }
    }

    private static let tooManyValues = "more than 65,534 distinct values; expected a categorical column such as a channel name"
    private static let scanLimit = 32

    /// A value's code when the bytes are known (0 for empty), else what is needed to add it.
    private enum Lookup {
        case known(UInt16)
        case unknown(packed: (UInt64, UInt64)?, hash: UInt64, check: UInt32)
    }

    private func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Lookup {
        if bytes.isEmpty { return .known(0) }
        let packed = Self.pack(bytes)
        if let packed {
            // Few levels: a linear scan over exact packed values, with no hashing.
            for (offset, value) in packedValues.enumerated() where value == packed {
                return .known(UInt16(offset + 1))
            }
        }
        // A packed value among few levels is new (the scan saw every one); no hash needed to add it.
        if packed != nil && names.count < Self.scanLimit { return .unknown(packed: packed, hash: 0, check: 0) }
        let hash = bytesHash(bytes), check = UInt32(truncatingIfNeeded: bytesCheckHash(bytes))
        if let known = codeByHash.value(for: hash, check: check) { return .known(UInt16(known)) }
        return .unknown(packed: packed, hash: hash, check: check)
    }

    /// Adds `name` (or finds it: a value too long to pack may be known by its text), returning its code.
    private mutating func insert(_ name: String, packed: (UInt64, UInt64)?, hash: UInt64, check: UInt32,
                                 tooMany: () -> Error) throws -> UInt16 {
        if let existing = names.firstIndex(of: name) { return UInt16(existing + 1) }
        guard names.count < Int(UInt16.max) - 1 else { throw tooMany() }
        let code = UInt16(names.count + 1)
        if let packed, names.count < Self.scanLimit {
            packedValues.append(packed)
        } else {
            packedValues.append((UInt64.max, UInt64.max))
            codeByHash.set(Int32(code), for: hash, check: check)
        }
        names.append(name)
        return code
    }
}
