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
            part.log.reserveCapacity(min(size / 24, 1 << 31))
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

/// The orders read from the rows of a file, before the summary is done.
struct OrderPart {
    let columns: OrderColumns
    var log = OrderLog()
    var summary = OrderFileSummary(file: "")
    var orderIndexByKey = OrderKeyIndex()
    var guestOrderKeys = OrderKeyIndex()
    var guestOrderList: [OrderKeyIndex.Key] = []
    var channels = CodeTable()
    var categories = CodeTable()
    private var statuses = CodeTable()
    private var cancelledStatus: [Bool] = [false]
    private var customers = CustomerLookup()

    init(columns: OrderColumns) {
        self.columns = columns
    }

    /// Reads every row of `table` into the part.
    mutating func readRows(_ table: TableCursor, registry: inout CustomerRegistry) throws {
        var lastKey: UInt64 = 0
        var lastCheck: UInt32 = 0
        var lastOrder: Int32 = -1
        try table.forEachRow {
            let day = try table.day(columns.date)
            let amount: Double
            if let quantity = columns.quantity, let unitPrice = columns.unitPrice {
                amount = try table.number(quantity, expected: "a quantity such as 3")
                    * table.number(unitPrice, expected: "a unit price such as 2.55")
                if !(abs(amount) <= OrderLog.largestAmount) {
                    throw OrderHistoryError.badRow(table.badRow(quantity,
                        "quantity × unit price is \(amount.isFinite ? String(amount) : "beyond any number"); expected an amount within ±1e15"))
                }
            } else {
                amount = try table.number(columns.amount!, expected: "an amount such as 12.50")
                if !(abs(amount) <= OrderLog.largestAmount) {
                    throw OrderHistoryError.badRow(table.badRow(columns.amount!, "expected an amount within ±1e15"))
                }
            }
            let orderKey = columns.order.map { column in table.withTrimmedBytes(column, OrderKeyIndex.key) }
            var isCancelled = columns.order.map { column in
                table.record.withField(column, CancellationRule.isCancelledOrderID)
            } ?? false
            if let statusColumn = columns.status {
                let status = Int(try statuses.code(table, statusColumn))
                while cancelledStatus.count <= status {
                    cancelledStatus.append(CancellationRule.isCancelled(status: statuses.names[cancelledStatus.count - 1]))
                }
                isCancelled = isCancelled || cancelledStatus[status]
            }
            let channel = try columns.channel.map { try channels.code(table, $0) } ?? 0
            let category = try columns.category.map { try categories.code(table, $0) } ?? 0

            if table.isBlank(columns.customer) {
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
            let customer = try customers.index(table, columns.customer, registry: &registry)
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
            log.append(customer: customer, day: day, amount: amount, flags: flags, channel: channel,
                       category: category)
        }
        summary.rows = table.rowCount
        summary.blankLines = table.blankLines
        summary.badRows = table.badRows
    }

    /// Completes the log (returns, code names) and the summary's whole-file counts.
    func finish(table: TableCursor, registry: CustomerRegistry) -> (log: OrderLog, summary: OrderFileSummary) {
        var log = self.log
        var summary = self.summary
        summary.file = table.path
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
        if columns.order != nil {
            summary.guestOrders = guestOrderList.count
            let sharedWithCustomers = guestOrderList.reduce(0) { $0 + (orderIndexByKey.order(for: $1) != nil ? 1 : 0) }
            summary.orders = orderIndexByKey.count + summary.guestOrders - sharedWithCustomers
        } else {
            summary.orders = log.count + summary.guestOrders
        }
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
        let scanLimit = 32
        let (packed, known) = table.withTrimmedBytes(column) { bytes -> ((UInt64, UInt64)?, UInt16?) in
            if bytes.isEmpty { return (nil, 0) }
            let packed = Self.pack(bytes)
            if let packed {
                // Few levels: a linear scan over exact packed values, with no hashing.
                for (offset, value) in packedValues.enumerated() where value == packed {
                    return (packed, UInt16(offset + 1))
                }
                if names.count < scanLimit { return (packed, nil) }
            }
            let check = UInt32(truncatingIfNeeded: bytesCheckHash(bytes))
            return (packed, codeByHash.value(for: bytesHash(bytes), check: check).map { UInt16($0) })
        }
        if let known { return known }
        let name = try table.text(column)
        if let existing = names.firstIndex(of: name) { return UInt16(existing + 1) }
        guard names.count < Int(UInt16.max) - 1 else {
            throw OrderHistoryError.badRow(table.badRow(column,
                "more than 65,534 distinct values; expected a categorical column such as a channel name"))
        }
        let code = UInt16(names.count + 1)
        if let packed, names.count < scanLimit {
            packedValues.append(packed)
        } else {
            packedValues.append((UInt64.max, UInt64.max))
            let (hash, check) = table.withTrimmedBytes(column) { (bytesHash($0), UInt32(truncatingIfNeeded: bytesCheckHash($0))) }
            codeByHash.set(Int32(code), for: hash, check: check)
        }
        names.append(name)
        return code
    }
}
