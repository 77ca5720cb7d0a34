import Foundation

/// Customer segments as of a cutoff, from a feature table: RFM scores, the RFM rank, and the LTV × NPS
/// matrix (PRODUCT.md).
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

    /// The default rank table of PRODUCT.md (window: 365 days); anything else is `C`.
    public static let defaultRanks = [
        RankThreshold(name: "loyal", maxDaysSinceLastPurchase: 30, minOrders: 15, minSpend: 500_000),
        RankThreshold(name: "A", maxDaysSinceLastPurchase: 60, minOrders: 10, minSpend: 300_000),
        RankThreshold(name: "B", maxDaysSinceLastPurchase: 90, minOrders: 5, minSpend: 200_000),
    ]

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
    /// With `loyalTopShare` (used when a business has configured no thresholds, as PRODUCT.md says),
    /// `loyal` is instead the top share of active customers by trailing-365-day spend, and the ranks of
    /// `ranks` other than `loyal` apply to everyone else.
    public static func rfmRank(_ table: FeatureTable, ranks: [RankThreshold] = defaultRanks,
                               loyalTopShare: Double? = nil) -> [String] {
        let recency = table.column("days_since_last_purchase")!
        let orders = table.column("orders_365d")!
        let spend = table.column("spend_365d")!
        var loyalByShare = [Bool](repeating: false, count: table.rowCount)
        var ranks = ranks
        if let share = loyalTopShare {
            // The same rule as the loyal-candidate label: spend at least the top share's threshold.
            let active = (0..<table.rowCount).map { !recency[$0].isNaN && recency[$0] < 365 }
            let threshold = LoyaltyRule(topShare: share).threshold(spend: spend, active: active)
            for row in 0..<table.rowCount where active[row] && spend[row] >= threshold { loyalByShare[row] = true }
            ranks.removeAll { $0.name == "loyal" }
        }
        return (0..<table.rowCount).map { row in
            if loyalByShare[row] { return "loyal" }
            return ranks.first { rank in
                !recency[row].isNaN && recency[row] <= rank.maxDaysSinceLastPurchase
                    && orders[row] >= rank.minOrders && spend[row] >= rank.minSpend
            }?.name ?? "C"
        }
    }

    /// The LTV × NPS cell of each customer: high LTV (at least the `highShare` quantile of customers with
    /// a purchase, by `ltv_order_value_times_orders`) or low, crossed with the last NPS class; customers
    /// without an answer get their own `no answer` cell, never dropped.
    public static func ltvNPSCell(_ table: FeatureTable, highShare: Double = 0.5) -> [String] {
        let ltv = table.column("ltv_order_value_times_orders")!
        let npsClass = table.column("last_nps_class")
        let present = ltv.filter { !$0.isNaN }.sorted(by: >)
        let threshold = present.isEmpty ? Double.infinity
            : present[max(0, Int((Double(present.count) * highShare).rounded(.up)) - 1)]
        return (0..<table.rowCount).map { row in
            let high = !ltv[row].isNaN && ltv[row] >= threshold
            switch npsClass?[row] {
            case -1: return high ? "churn candidate" : "uncooperative"
            case 0: return high ? "loyal candidate" : "indifferent"
            case 1: return high ? "loyal" : "advocate"
            default: return high ? "high value, no answer" : "low value, no answer"
            }
        }
    }
}
