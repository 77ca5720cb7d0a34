import OrderHistory

/// Who counts as loyal at a day: by default the top 20% of active customers by net spend (returns and
/// cancellations taken off) in the trailing 365 days, the spend threshold being fixed at the day it is
/// computed. A customer whose returns cancel their purchases is never loyal.
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

    /// Each customer's net spend in (day − windowDays, day] (purchases minus returns there, so a
    /// cancelled order counts for nothing), and whether they are active (any purchase there).
    public func trailingSpend(log: OrderLog, timeline: CustomerTimeline, day: Int32) -> (spend: [Double], active: [Bool]) {
        var spend = [Double](repeating: 0, count: timeline.customerCount)
        var active = [Bool](repeating: false, count: timeline.customerCount)
        let start = day - Int32(windowDays)
        for customer in 0..<timeline.customerCount {
            for record in timeline.records(of: customer) {
                let index = Int(record)
                let orderDay = log.day[index]
                if orderDay > day { break }
                if orderDay <= start { continue }
                if log.flags[index].contains(.isReturn) {
                    spend[customer] -= abs(log.amount[index])
                    continue
                }
                spend[customer] += log.amount[index]
                active[customer] = true
            }
        }
        return (spend, active)
    }

    /// The spend threshold at `day`: the trailing spend of the last customer inside the top share of
    /// active customers (ranked by spend, ties by customer index), and always above 0; infinity when
    /// nobody is active.
    public func threshold(spend: [Double], active: [Bool]) -> Double {
        let ranked = spend.indices.filter { active[$0] }.sorted { spend[$0] > spend[$1] || (spend[$0] == spend[$1] && $0 < $1) }
        guard !ranked.isEmpty else { return .infinity }
        let loyalCount = max(1, Int((Double(ranked.count) * topShare).rounded(.up)))
        // Never 0 or below: net spend of nothing (a purchase cancelled in full) is never loyal.
        return max(spend[ranked[loyalCount - 1]], Double.leastNormalMagnitude)
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

extension Labels {
    /// Loyal candidate with loyalty defined by an RFM rank's thresholds (e.g. the top row of the product table in Guides/Concepts.md, "RFM rank"):
    /// for a customer active (a purchase in the 365 days before T) and not meeting `loyalRank` at T,
    /// 1 when they meet it at T + H, else 0; `NaN` outside that population. The thresholds are the
    /// business's own, so they are the same at T and T + H.
    public static func loyalCandidate(log: OrderLog, timeline: CustomerTimeline, asOfDay: Int32, horizonDays: Int,
                                      loyalRank: Segments.RankThreshold) -> [Double] {
        func meets(_ day: Int32) -> (loyal: [Bool], active: [Bool]) {
            var table = FeatureTable(asOfDay: day, rowCount: timeline.customerCount)
            RFMFeatures.add(to: &table, log: log, grouped: timeline)
            let recency = table.values(of: RFMFeatures.daysSinceLastPurchase)
            let orders = table.values(of: RFMFeatures.orders365)
            let spend = table.values(of: RFMFeatures.spend365)
            let loyal = (0..<table.rowCount).map {
                !recency[$0].isNaN && recency[$0] <= loyalRank.maxDaysSinceLastPurchase
                    && orders[$0] >= loyalRank.minOrders && spend[$0] >= loyalRank.minSpend
            }
            return (loyal, (0..<table.rowCount).map { !recency[$0].isNaN && recency[$0] < 365 })
        }
        let now = meets(asOfDay)
        let later = meets(asOfDay + Int32(horizonDays))
        return (0..<timeline.customerCount).map { customer in
            guard now.active[customer], !now.loyal[customer] else { return .nan }
            return later.loyal[customer] ? 1 : 0
        }
    }
}
