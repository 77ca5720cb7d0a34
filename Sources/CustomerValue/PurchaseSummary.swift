import OrderHistory

/// The unit lifetime models measure time in. Rates and scale parameters (α, β) are per unit.
public enum TimeUnit: String, Sendable, CaseIterable, Codable {
    /// Days.
    case days
    /// Weeks of seven days (the unit of the published CDNOW results).
    case weeks

    /// Days per unit.
    public var days: Double { self == .days ? 1 : 7 }
}

/// Each customer's purchase history as the lifetime models see it, as of a cutoff: repeat purchases,
/// recency, age and the mean value of the repeat purchases.
///
/// A purchase is a day with a net amount above zero (orders less returns that day), so a day whose
/// purchases were all returned does not count, and several orders on one day are one purchase.
/// - `frequency`: purchase days after the first (the repeat purchases);
/// - `recency`: from the first to the last purchase day, in the time unit;
/// - `age`: from the first purchase day to the cutoff (T in the papers);
/// - `monetaryValue`: the mean net amount of the repeat purchase days (0 without any), for Gamma-Gamma.
///
/// Only customers with a purchase day on or before the cutoff are in a summary; `customer` maps its rows
/// back to the registry's customer indices.
public struct PurchaseSummary: Sendable, Equatable {
    /// The time unit of `recency` and `age`.
    public var timeUnit: TimeUnit
    /// The cutoff day (days since 1970-01-01); nil for a summary given directly.
    public var asOfDay: Int32?
    /// Each row's customer index in the registry.
    public var customer: [Int32]
    /// Repeat purchases.
    public var frequency: [Double]
    /// First to last purchase, in `timeUnit`.
    public var recency: [Double]
    /// First purchase to the cutoff, in `timeUnit`.
    public var age: [Double]
    /// Mean net amount of the repeat purchases (0 without any).
    public var monetaryValue: [Double]

    /// The number of customers.
    public var count: Int { frequency.count }

    /// A summary given column by column (rows are customers `0..<count`).
    public init(frequency: [Double], recency: [Double], age: [Double], monetaryValue: [Double]? = nil,
                timeUnit: TimeUnit = .weeks) {
        precondition(recency.count == frequency.count && age.count == frequency.count, "columns of unequal length")
        self.timeUnit = timeUnit
        asOfDay = nil
        customer = (0..<frequency.count).map { Int32($0) }
        self.frequency = frequency
        self.recency = recency
        self.age = age
        self.monetaryValue = monetaryValue ?? [Double](repeating: 0, count: frequency.count)
    }

    /// The summary of every customer of `grouped` with a purchase day on or before `asOfDay`.
    public init(log: OrderLog, grouped: CustomerTimeline, asOfDay: Int32, timeUnit: TimeUnit = .weeks) {
        self.timeUnit = timeUnit
        self.asOfDay = asOfDay
        customer = []
        frequency = []
        recency = []
        age = []
        monetaryValue = []
        let unit = timeUnit.days
        for index in 0..<grouped.customerCount {
            let days = Self.purchaseDays(log: log, grouped: grouped, customer: index, from: Int32.min, through: asOfDay)
            guard let first = days.first else { continue }
            customer.append(Int32(index))
            frequency.append(Double(days.count - 1))
            recency.append(Double(days.last!.day - first.day) / unit)
            age.append(Double(asOfDay - first.day) / unit)
            let repeats = days.dropFirst()
            monetaryValue.append(repeats.isEmpty ? 0 : repeats.reduce(0) { $0 + $1.net } / Double(repeats.count))
        }
    }

    /// A customer's purchase days in `from...through` with their net amounts, by day.
    public static func purchaseDays(log: OrderLog, grouped: CustomerTimeline, customer: Int, from: Int32,
                                    through: Int32) -> [(day: Int32, net: Double)] {
        var days: [(day: Int32, net: Double)] = []
        var currentDay: Int32?
        var net = 0.0, gross = 0.0
        // A day whose orders and returns cancel out nets to a rounding residue (158.65 − 158.65 can be
        // 1e-16): only a net above a billionth of the day's gross amount is a purchase.
        func close() {
            if let currentDay, net > 1e-9 * gross { days.append((currentDay, net)) }
        }
        for record in grouped.records(of: customer) {
            let order = Int(record)
            let day = log.day[order]
            if day < from { continue }
            if day > through { break }
            if day != currentDay {
                close()
                currentDay = day
                net = 0
                gross = 0
            }
            let amount = log.amount[order]
            net += log.flags[order].contains(.isReturn) ? -abs(amount) : amount
            gross += abs(amount)
        }
        close()
        return days
    }

    /// Each row's purchases in the `days` after the cutoff (the holdout a calibration check compares with).
    public func holdoutPurchases(log: OrderLog, grouped: CustomerTimeline, days: Int) -> [Double] {
        guard let asOfDay else { return [Double](repeating: 0, count: count) }
        return customer.map {
            Double(Self.purchaseDays(log: log, grouped: grouped, customer: Int($0), from: asOfDay + 1,
                                     through: asOfDay + Int32(days)).count)
        }
    }
}
