import OrderHistory

/// Outcome labels at a cutoff T with a horizon H, as Guides/Concepts.md defines them.
public enum Labels {
    /// Churn at T with horizon H: for a customer *active* at T (a purchase in (T − activeWindow, T]),
    /// 1 when they make no purchase in (T, T + H], 0 when they do. Customers not active at T are not in
    /// the population: `NaN`.
    ///
    /// Returns are not purchases. This label reads data after T by definition; features never do.
    public static func churn(log: OrderLog, grouped: CustomerTimeline, asOfDay: Int32, horizonDays: Int,
                             activeWindowDays: Int = 365) -> [Double] {
        var labels = [Double](repeating: .nan, count: grouped.customerCount)
        let horizonEnd = asOfDay + Int32(horizonDays)
        let activeStart = asOfDay - Int32(activeWindowDays)
        for customer in 0..<grouped.customerCount {
            var active = false
            var boughtAfter = false
            for order in grouped.records(of: customer) {
                let index = Int(order)
                if log.flags[index].contains(.isReturn) { continue }
                let day = log.day[index]
                if day > activeStart && day <= asOfDay { active = true }
                if day > asOfDay && day <= horizonEnd {
                    boughtAfter = true
                    break
                }
                if day > horizonEnd { break }
            }
            if active { labels[customer] = boughtAfter ? 0 : 1 }
        }
        return labels
    }

    /// Net spend of `customer` in the days (day, day + days]: purchases minus returns (as positive
    /// amounts), the outcome of a contact on `day` (a purchaser has net spend above zero).
    public static func netSpend(log: OrderLog, grouped: CustomerTimeline, customer: Int, after day: Int32, days: Int) -> Double {
        var net = 0.0
        for record in grouped.records(of: customer) {
            let order = Int(record)
            let orderDay = log.day[order]
            if orderDay <= day { continue }
            if Int(orderDay) > Int(day) + days { break }
            let amount = log.amount[order]
            net += log.flags[order].contains(.isReturn) ? -abs(amount) : amount
        }
        return net
    }
}
