/// Flags of one order.
public struct OrderFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    /// Creates flags from their raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// A return: a cancellation, or an order whose amount is negative.
    public static let isReturn = OrderFlags(rawValue: 1 << 0)
    /// A cancellation by its order id (e.g. invoice `C536379`) or status column.
    public static let isCancellation = OrderFlags(rawValue: 1 << 1)
}

/// All orders of a history in columns: one entry per order (lines of one order already summed).
///
/// About 21 bytes an order (customer index, day, amount, flags, channel and category codes), so 20
/// million orders take about 420 MB. Columns are parallel arrays: entry `i` of each describes order `i`.
public struct OrderLog: Sendable {
    /// The largest amount one order line may hold, ±1e15 (a quadrillion in any currency): beyond it a value
    /// is a mistake in the file (or `quantity × unit price` overflowing), and sums of millions of lines
    /// stay exact to the cent far below Double's limits.
    public static let largestAmount = 1e15
    /// Index into the `CustomerRegistry` of each order's customer.
    public internal(set) var customerIndex: [Int32] = []
    /// Day number (days since 1970-01-01) of each order.
    public internal(set) var day: [Int32] = []
    /// Amount of each order, in the file's currency; negative for returns.
    public internal(set) var amount: [Double] = []
    /// Flags of each order.
    public internal(set) var flags: [OrderFlags] = []
    /// Channel code of each order: 0 when unknown, else `channelNames[code - 1]`.
    public internal(set) var channelCode: [UInt16] = []
    /// Category code of each order: 0 when unknown, else `categoryNames[code - 1]`.
    public internal(set) var categoryCode: [UInt16] = []
    /// Names of the channels, by code − 1.
    public internal(set) var channelNames: [String] = []
    /// Names of the categories, by code − 1.
    public internal(set) var categoryNames: [String] = []

    /// An empty log.
    public init() {}

    /// The number of orders.
    public var count: Int { day.count }

    /// Reserves room for `count` orders. Untouched reserved memory costs address space, not RAM, so a
    /// generous estimate avoids the copies of repeated growth at no real cost.
    mutating func reserveCapacity(_ count: Int) {
        customerIndex.reserveCapacity(count)
        day.reserveCapacity(count)
        amount.reserveCapacity(count)
        flags.reserveCapacity(count)
        channelCode.reserveCapacity(count)
        categoryCode.reserveCapacity(count)
    }

    mutating func append(customer: Int32, day: Int32, amount: Double, flags: OrderFlags,
                         channel: UInt16, category: UInt16) {
        customerIndex.append(customer)
        self.day.append(day)
        self.amount.append(amount)
        self.flags.append(flags)
        channelCode.append(channel)
        categoryCode.append(category)
    }

    /// Approximate bytes held by the columns (capacity, not count).
    public var approximateByteCount: Int {
        customerIndex.capacity * 4 + day.capacity * 4 + amount.capacity * 8 + flags.capacity
            + channelCode.capacity * 2 + categoryCode.capacity * 2
    }
}
