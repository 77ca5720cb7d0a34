import OrderHistory

/// The records of a columnar log (orders, events, survey answers) grouped by customer and sorted by day,
/// for builders that walk one customer's history at a time.
///
/// A compressed layout: `indices[starts[c]..<starts[c + 1]]` are customer `c`'s record indices into the
/// log, by ascending day (ties in log order). Built once per log; every cutoff reuses it.
///
/// - Complexity: O(n + customers) to build (a counting sort by customer, then a stable sort by day within
///   each customer).
public struct CustomerTimeline: Sendable {
    /// Where each customer's records start in `indices`; `customerCount + 1` entries.
    public let starts: [Int]
    /// Record indices into the log, grouped by customer, by day within a customer.
    public let indices: [Int32]

    /// Groups an order log's orders for customers `0..<customerCount`.
    public init(log: OrderLog, customerCount: Int) {
        self.init(customerIndex: log.customerIndex, day: log.day, customerCount: customerCount)
    }

    /// Groups records given by their customer index and day columns.
    public init(customerIndex: [Int32], day: [Int32], customerCount: Int) {
        var counts = [Int](repeating: 0, count: customerCount + 1)
        for customer in customerIndex { counts[Int(customer) + 1] += 1 }
        for index in 1..<counts.count { counts[index] += counts[index - 1] }
        var next = counts
        var grouped = [Int32](repeating: 0, count: customerIndex.count)
        for record in 0..<customerIndex.count {
            let customer = Int(customerIndex[record])
            grouped[next[customer]] = Int32(record)
            next[customer] += 1
        }
        for customer in 0..<customerCount where counts[customer + 1] - counts[customer] > 1 {
            grouped[counts[customer]..<counts[customer + 1]].sort { left, right in
                let leftDay = day[Int(left)], rightDay = day[Int(right)]
                return leftDay < rightDay || (leftDay == rightDay && left < right)
            }
        }
        starts = counts
        indices = grouped
    }

    /// The number of customers.
    public var customerCount: Int { starts.count - 1 }

    /// Customer `customer`'s record indices, by day.
    public func records(of customer: Int) -> ArraySlice<Int32> {
        indices[starts[customer]..<starts[customer + 1]]
    }
}
