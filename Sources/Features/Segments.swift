import Foundation

/// Customer segments as of a cutoff, from a feature table: RFM scores, the RFM rank, and the LTV × NPS
/// matrix (`Guides/Concepts.md`).
public enum Segments {
    /// The thresholds of one RFM rank: all three must hold.
    public struct RankThreshold: Codable, Sendable, Equatable {
        /// The rank's name (`loyal`, `A`, `B`).
        public var name: String
        /// Last purchase at most this many days before the cutoff.
        public var maxDaysSinceLastPurchase: Double
        /// At least this many purchases in the window.
        public var minOrders: Double
        /// At least this much spend in the window.
        public var minSpend: Double
    }

    /// The rank table of the product guide (`Guides/Concepts.md`; window: 365 days), for a business whose
    /// amounts are on that scale; anything else is `C`. The top rank is `S` (the guide's "loyal" row).
    public static let productGuideRanks = [
        RankThreshold(name: "S", maxDaysSinceLastPurchase: 30, minOrders: 15, minSpend: 500_000),
        RankThreshold(name: "A", maxDaysSinceLastPurchase: 60, minOrders: 10, minSpend: 300_000),
        RankThreshold(name: "B", maxDaysSinceLastPurchase: 90, minOrders: 5, minSpend: 200_000),
    ]

    /// The name of the top RFM rank. "Loyal" is kept for the loyal flag (`is_loyal`), so a rank, a flag
    /// and an LTV × NPS cell never share a word.
    public static let topRankName = "S"

    /// Default A and B thresholds relative to the company's own data, for when none are configured:
    /// quantiles over the active customers (a purchase in the last 365 days) of 365-day orders and net
    /// spend. A: last purchase within 60 days, orders at least the median, spend at least the 60th
    /// percentile; B: within 90 days, orders and spend at least the 40th percentile. Whatever the
    /// currency and scale, A and B then occur wherever customers differ.
    public static func relativeRanks(_ table: FeatureTable) -> [RankThreshold] {
        let recency = table.values(of: RFMFeatures.daysSinceLastPurchase)
        let orders = table.values(of: RFMFeatures.orders365)
        let spend = table.values(of: RFMFeatures.spend365)
        let active = (0..<table.rowCount).filter { !recency[$0].isNaN && recency[$0] < 365 }
        // Each column sorted once; both ranks read their quantiles from it.
        let sortedOrders = active.map { orders[$0] }.sorted(), sortedSpend = active.map { spend[$0] }.sorted()
        func quantile(_ sorted: [Double], _ share: Double) -> Double {
            guard !sorted.isEmpty else { return .infinity }
            return sorted[Int((Double(sorted.count - 1) * share).rounded(.down))]
        }
        return [
            RankThreshold(name: "A", maxDaysSinceLastPurchase: 60, minOrders: quantile(sortedOrders, 0.5),
                          minSpend: max(quantile(sortedSpend, 0.6), Double.leastNormalMagnitude)),
            RankThreshold(name: "B", maxDaysSinceLastPurchase: 90, minOrders: quantile(sortedOrders, 0.4),
                          minSpend: max(quantile(sortedSpend, 0.4), Double.leastNormalMagnitude)),
        ]
    }

    /// Quintile scores 1-5: a customer's score is 1 + ⌊5 · (customers with a strictly lower value) / n⌋,
    /// so ties share a score; `NaN` values (no purchase) get `NaN` and are not counted in n.
    /// With `higherIsBetter == false` (recency in days) the order is reversed.
    public static func quintileScores(_ values: [Double], higherIsBetter: Bool = true) -> [Double] {
        let present = values.filter { !$0.isNaN }.map { higherIsBetter ? $0 : -$0 }.sorted()
        guard !present.isEmpty else { return values.map { _ in .nan } }
        return values.map { value in
            guard !value.isNaN else { return .nan }
            let key = higherIsBetter ? value : -value
            var low = 0, high = present.count
            while low < high {
                let middle = (low + high) / 2
                if present[middle] < key { low = middle + 1 } else { high = middle }
            }
            return Double(1 + min(4, 5 * low / present.count))
        }
    }

    /// Reads rank thresholds from a JSON config file's bytes: an array of
    /// `{"name", "maxDaysSinceLastPurchase", "minOrders", "minSpend"}`, best rank first.
    public static func ranks(fromJSON data: Data) throws -> [RankThreshold] {
        try JSONDecoder().decode([RankThreshold].self, from: data)
    }

    /// The RFM rank of each customer from `days_since_last_purchase`, `orders_365d` and `spend_365d`:
    /// the first rank of `ranks` whose thresholds all hold, else `C`.
    ///
    /// With `loyalTopShare` (used when a business has configured no thresholds, as the product guide
    /// says), the top rank `S` is instead the top share of active customers by trailing-365-day net
    /// spend (the same customers as the loyal flag), and the ranks of `ranks` named otherwise apply to
    /// everyone else; `ranks` nil means `relativeRanks(table)`.
    public static func rfmRank(_ table: FeatureTable, ranks: [RankThreshold]? = nil,
                               loyalTopShare: Double? = nil) -> [String] {
        let recency = table.values(of: RFMFeatures.daysSinceLastPurchase)
        let orders = table.values(of: RFMFeatures.orders365)
        let spend = table.values(of: RFMFeatures.spend365)
        var loyalByShare = [Bool](repeating: false, count: table.rowCount)
        var ranks = ranks ?? relativeRanks(table)
        if let share = loyalTopShare {
            // The same rule as the loyal-candidate label: spend at least the top share's threshold.
            let active = (0..<table.rowCount).map { !recency[$0].isNaN && recency[$0] < 365 }
            let threshold = LoyaltyRule(topShare: share).threshold(spend: spend, active: active)
            for row in 0..<table.rowCount where active[row] && spend[row] >= threshold { loyalByShare[row] = true }
            ranks.removeAll { $0.name == topRankName || $0.name == "loyal" }
        }
        return (0..<table.rowCount).map { row in
            if loyalByShare[row] { return topRankName }
            return ranks.first { rank in
                !recency[row].isNaN && recency[row] <= rank.maxDaysSinceLastPurchase
                    && orders[row] >= rank.minOrders && spend[row] >= rank.minSpend
            }?.name ?? "C"
        }
    }

    /// The cells of the LTV × NPS matrix, high value first, as `ltvNPSCell` names them. The product
    /// guide's "loyal candidate" and "loyal" cells are called `high-value passive` and `high-value
    /// promoter`, so that "loyal" only ever means the loyal flag and "loyal candidate" the model.
    public static let ltvNPSCells = [
        "churn candidate", "high-value passive", "high-value promoter", "uncooperative", "indifferent", "advocate",
        "high value, no answer", "low value, no answer",
    ]

    /// The LTV × NPS cell of each customer (one of `ltvNPSCells`): high LTV (at least the `highShare`
    /// quantile of customers with a purchase, by net `ltv_order_value_times_orders`) or low, crossed with the last NPS class; customers
    /// without an answer get their own `no answer` cell, never dropped.
    public static func ltvNPSCell(_ table: FeatureTable, highShare: Double = 0.5) -> [String] {
        let ltv = table.values(of: ValueFeatures.lifetimeValue)
        let npsClass = table.column(SurveyFeatures.lastNPSClass)
        let present = ltv.filter { !$0.isNaN }.sorted(by: >)
        let threshold = present.isEmpty ? Double.infinity
            : present[max(0, Int((Double(present.count) * highShare).rounded(.up)) - 1)]
        return (0..<table.rowCount).map { row in
            let high = !ltv[row].isNaN && ltv[row] >= threshold
            switch npsClass?[row] {
            case -1: return high ? ltvNPSCells[0] : ltvNPSCells[3]
            case 0: return high ? ltvNPSCells[1] : ltvNPSCells[4]
            case 1: return high ? ltvNPSCells[2] : ltvNPSCells[5]
            default: return high ? ltvNPSCells[6] : ltvNPSCells[7]
            }
        }
    }
}
