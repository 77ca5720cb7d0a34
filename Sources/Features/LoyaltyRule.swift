import OrderHistory

/// Who counts as loyal at a day: by default the top 20% of active customers by spend in the trailing
/// 365 days (PRODUCT.md), the spend threshold being fixed at the day it is computed.
public struct LoyaltyRule: Sendable, Equatable {
    /// Share of active customers counted as loyal (0.2 = the top 20% by trailing spend).
    public var topShare: Double
    /// Days of the trailing window for spend and for being active.
    public var windowDays: Int

    /// The default: top 20% by trailing-365-day spend.
    public init(topShare: Double = 0.2, windowDays: Int = 365) {
        self.topShare = topShare
        self.windowDays = windowDays
    }

    /// Each customer's purchase spend in (day − windowDays, day], and whether they are active (any purchase there).
    public func trailingSpend(log: OrderLog, timeline: CustomerTimeline, day: Int32) -> (spend: [Double], active: [Bool]) {
        var spend = [Double](repeating: 0, count: timeline.customerCount)
        var active = [Bool](repeating: false, count: timeline.customerCount)
        let start = day - Int32(windowDays)
        for customer in 0..<timeline.customerCount {
            for record in timeline.records(of: customer) {
                let index = Int(record)
                let orderDay = log.day[index]
                if orderDay > day { break }
                if orderDay <= start || log.flags[index].contains(.isReturn) { continue }
                spend[customer] += log.amount[index]
                active[customer] = true
            }
        }
        return (spend, active)
    }

    /// The spend threshold at `day`: the trailing spend of the last customer inside the top share of
    /// active customers (ranked by spend, ties by customer index); infinity when nobody is active.
    public func threshold(spend: [Double], active: [Bool]) -> Double {
        let ranked = spend.indices.filter { active[$0] }.sorted { spend[$0] > spend[$1] || (spend[$0] == spend[$1] && $0 < $1) }
        guard !ranked.isEmpty else { return .infinity }
        let loyalCount = max(1, Int((Double(ranked.count) * topShare).rounded(.up)))
        return spend[ranked[loyalCount - 1]]
    }
}

extension Labels {
    /// Loyal candidate at T with horizon H: for a customer active and not loyal at T, 1 when loyal at
    /// T + H under the threshold fixed at T (active at T + H with trailing spend at least that threshold),
    /// else 0; `NaN` for customers outside that population (inactive or already loyal at T).
    public static func loyalCandidate(log: OrderLog, timeline: CustomerTimeline, asOfDay: Int32, horizonDays: Int,
                                      rule: LoyaltyRule = LoyaltyRule()) -> [Double] {
        let now = rule.trailingSpend(log: log, timeline: timeline, day: asOfDay)
        let threshold = rule.threshold(spend: now.spend, active: now.active)
        let later = rule.trailingSpend(log: log, timeline: timeline, day: asOfDay + Int32(horizonDays))
        return (0..<timeline.customerCount).map { customer in
            guard now.active[customer], now.spend[customer] < threshold else { return .nan }
            return later.active[customer] && later.spend[customer] >= threshold ? 1 : 0
        }
    }
}
