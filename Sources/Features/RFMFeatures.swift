import Foundation
import OrderHistory

/// The RFM family: recency, frequency, monetary value, order rhythm, returns and trend, per customer as
/// of a cutoff T (only orders dated on or before T).
///
/// Definitions (see the catalog in `Guides/Features.md`): a *purchase* is an order that is not a return;
/// a window of w days is the days (T − w, T]; spend is *net*: the purchase amounts minus the returns
/// (cancellations and negative orders) dated in the window, so a cancelled order adds nothing; the mean
/// order value is net spend over purchases. Returns are also counted and summed (as positive amounts).
/// Values that need data a customer does not have (no
/// purchase yet, a single purchase for gaps) are `NaN`, not 0.
public enum RFMFeatures {
    /// `days_since_last_purchase`: days from the last purchase to the cutoff (`NaN`: never bought).
    public static let daysSinceLastPurchase = "days_since_last_purchase"
    /// `orders_365d`: purchases in the last 365 days.
    public static let orders365 = "orders_365d"
    /// `spend_365d`: net spend in the last 365 days.
    public static let spend365 = "spend_365d"

    /// Window lengths in days for counts and sums.
    public static let windows = [30, 90, 180, 365]

    /// The feature names, in column order.
    public static var names: [String] {
        var names = ["days_since_last_purchase", "days_since_first_purchase"]
        for window in windows { names += ["orders_\(window)d", "spend_\(window)d"] }
        names += ["orders_all", "spend_all", "mean_order_value", "max_order_value", "mean_days_between_orders",
                  "sd_days_between_orders", "returns_count", "returns_amount", "orders_trend_90d",
                  "distinct_purchase_days"]
        return names
    }

    /// Adds the RFM columns for every customer of `grouped` as of `asOfDay`.
    public static func add(to table: inout FeatureTable, log: OrderLog, grouped: CustomerTimeline) {
        let asOf = table.asOfDay
        let count = grouped.customerCount
        var columns = [[Double]](repeating: [Double](repeating: .nan, count: count), count: names.count)
        var gaps: [Double] = []
        for customer in 0..<count {
            var firstDay: Int32?
            var lastDay: Int32?
            var windowOrders = [Double](repeating: 0, count: windows.count)
            var windowSpend = [Double](repeating: 0, count: windows.count)
            var purchases = 0.0, spend = 0.0, maxValue = -Double.infinity
            var returns = 0.0, returnsAmount = 0.0
            var recent = 0.0, previous = 0.0
            var distinctDays = 0.0
            var previousPurchaseDay: Int32?
            gaps.removeAll(keepingCapacity: true)
            for order in grouped.records(of: customer) {
                let index = Int(order)
                let day = log.day[index]
                if day > asOf { break }  // sorted by day: nothing later may be read
                let amount = log.amount[index]
                if log.flags[index].contains(.isReturn) {
                    // Net of returns: a return takes its amount off the spend of every window it falls in.
                    returns += 1
                    returnsAmount += abs(amount)
                    spend -= abs(amount)
                    let age = Int(asOf - day)
                    for (offset, window) in windows.enumerated() where age < window { windowSpend[offset] -= abs(amount) }
                    continue
                }
                if firstDay == nil { firstDay = day }
                lastDay = day
                purchases += 1
                spend += amount
                maxValue = max(maxValue, amount)
                let age = Int(asOf - day)
                for (offset, window) in windows.enumerated() where age < window {
                    windowOrders[offset] += 1
                    windowSpend[offset] += amount
                }
                if age < 90 { recent += 1 } else if age < 180 { previous += 1 }
                if let previousDay = previousPurchaseDay {
                    if day != previousDay {
                        distinctDays += 1
                        gaps.append(Double(day - previousDay))
                    }
                } else {
                    distinctDays = 1
                }
                previousPurchaseDay = day
            }
            var column = 0
            func set(_ value: Double) {
                columns[column][customer] = value
                column += 1
            }
            set(lastDay.map { Double(asOf - $0) } ?? .nan)
            set(firstDay.map { Double(asOf - $0) } ?? .nan)
            for offset in 0..<windows.count {
                set(windowOrders[offset])
                set(windowSpend[offset])
            }
            set(purchases)
            set(spend)
            set(purchases > 0 ? spend / purchases : .nan)
            set(purchases > 0 ? maxValue : .nan)
            let meanGap = gaps.isEmpty ? Double.nan : gaps.reduce(0, +) / Double(gaps.count)
            set(meanGap)
            set(gaps.count < 2 ? .nan : (gaps.map { ($0 - meanGap) * ($0 - meanGap) }.reduce(0, +) / Double(gaps.count - 1)).squareRoot())
            set(returns)
            set(returnsAmount)
            // Orders in the last 90 days relative to the 90 before: (recent − previous) / previous.
            set(previous > 0 ? (recent - previous) / previous : .nan)
            set(distinctDays)
        }
        for (name, values) in zip(names, columns) { table.add(name, values) }
    }
}
