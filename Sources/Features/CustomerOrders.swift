import OrderHistory

/// The orders of an `OrderLog` grouped by customer and sorted by day, for builders that walk one
/// customer's history at a time.
///
/// A compressed layout: `orders[starts[c]..<starts[c + 1]]` are customer `c`'s order indices into the log,
/// by ascending day (ties in log order). Built once per log; every cutoff reuses it.
///
/// - Complexity: O(n + customers) to build (a counting sort by customer, then a stable sort by day within
///   each customer).
public struct CustomerOrders: Sendable {
    /// Where each customer's orders start in `orders`; `customerCount + 1` entries.
    public let starts: [Int]
    /// Order indices into the log, grouped by customer, by day within a customer.
    public let orders: [Int32]

    /// Groups `log`'s orders for customers `0..<customerCount`.
    public init(log: OrderLog, customerCount: Int) {
        var counts = [Int](repeating: 0, count: customerCount + 1)
        for customer in log.customerIndex { counts[Int(customer) + 1] += 1 }
        for index in 1..<counts.count { counts[index] += counts[index - 1] }
        var next = counts
        var grouped = [Int32](repeating: 0, count: log.count)
        for order in 0..<log.count {
            let customer = Int(log.customerIndex[order])
            grouped[next[customer]] = Int32(order)
            next[customer] += 1
        }
        for customer in 0..<customerCount where counts[customer + 1] - counts[customer] > 1 {
            grouped[counts[customer]..<counts[customer + 1]].sort { left, right in
                let leftDay = log.day[Int(left)], rightDay = log.day[Int(right)]
                return leftDay < rightDay || (leftDay == rightDay && left < right)
            }
        }
        starts = counts
        orders = grouped
    }

    /// The number of customers.
    public var customerCount: Int { starts.count - 1 }

    /// Customer `customer`'s order indices, by day.
    public func orders(of customer: Int) -> ArraySlice<Int32> {
        orders[starts[customer]..<starts[customer + 1]]
    }
}
