import OrderHistory

/// How far each customer is from loyal at the cutoff, in terms that mean the same at every cutoff: trailing
/// spend as a share of the loyalty threshold, and its percentile among active customers.
///
/// Absolute spend drifts between cutoffs (seasons, growth, a history shorter than the window), while the
/// loyalty threshold moves with it; the ratio and the percentile do not, so models trained over many
/// cutoffs transfer to the next one. `NaN` for customers not active at the cutoff.
public enum LoyaltyDistanceFeatures {
    /// The column names, in order.
    public static let names = ["spend_to_loyal_threshold", "spend_percentile_among_active"]

    /// Adds the columns for `rule` as of the table's cutoff.
    public static func add(to table: inout FeatureTable, log: OrderLog, timeline: CustomerTimeline, rule: LoyaltyRule) {
        let (spend, active) = rule.trailingSpend(log: log, timeline: timeline, day: table.asOfDay)
        let threshold = rule.threshold(spend: spend, active: active)
        var ratio = [Double](repeating: .nan, count: table.rowCount)
        var percentile = [Double](repeating: .nan, count: table.rowCount)
        let ranked = spend.indices.filter { active[$0] }.sorted { spend[$0] < spend[$1] || (spend[$0] == spend[$1] && $0 < $1) }
        // Ties share the percentile of their first member: the share of active customers spending less.
        var position = 0
        while position < ranked.count {
            var end = position
            while end + 1 < ranked.count && spend[ranked[end + 1]] == spend[ranked[position]] { end += 1 }
            for index in position...end { percentile[ranked[index]] = Double(position) / Double(ranked.count) }
            position = end + 1
        }
        for customer in 0..<table.rowCount where active[customer] {
            ratio[customer] = threshold.isFinite && threshold > 0 ? spend[customer] / threshold : .nan
        }
        table.add(names[0], ratio)
        table.add(names[1], percentile)
    }
}

extension LoyaltyDistanceFeatures: FeatureFamilyBuilder {
    /// The distance to the loyalty threshold under `loyaltyRule` (nothing without one).
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        guard let loyaltyRule else { return }
        add(to: &table, log: history.orders, timeline: history.orderTimeline, rule: loyaltyRule)
    }

    /// The share of the threshold and the percentile among active customers.
    public static func descriptor(for name: String) -> FeatureDescriptor? {
        guard let descriptor = untitledDescriptor(for: name) else { return nil }
        guard let (english, japanese) = title(of: name) else { return descriptor }
        return descriptor.titled(english, japanese)
    }

    /// The column's name in plain words, in English and Japanese.
    static func title(of name: String) -> (String, String)? {
        switch name {
        case names[0]: return ("365-day spend against the loyal threshold", "ロイヤル基準に対する365日購入額")
        case names[1]: return ("spend percentile among active customers", "アクティブ顧客内の購入額順位")
        default: return nil
        }
    }

    private static func untitledDescriptor(for name: String) -> FeatureDescriptor? {
        switch name {
        case names[0]:
            return FeatureDescriptor(name: name, family: .monetary, unit: .ratio, churnRiskDirection: -1, input: .orders,
                                     english: { w in
                w.value.isNaN ? "no purchase in the last 365 days"
                    : "365-day spend at \(ReasonWords.percent(w.value)) of the loyal threshold"
            }, japanese: { w in
                w.value.isNaN ? "直近365日の購入なし" : "直近365日の購入額がロイヤル基準の\(ReasonWords.percent(w.value))"
            })
        case names[1]:
            return FeatureDescriptor(name: name, family: .monetary, unit: .ratio, churnRiskDirection: -1, input: .orders,
                                     english: { w in
                if w.value.isNaN { return "no purchase in the last 365 days" }
                // Below the middle, said from the other side: "spends less than 100% of ...", not "more than 0%".
                if w.value < 0.5 { return "spends less than \(ReasonWords.percent(1 - w.value)) of active customers" }
                return "spends more than \(ReasonWords.percent(w.value)) of active customers"
            }, japanese: { w in
                if w.value.isNaN { return "直近365日の購入なし" }
                if w.value < 0.5 { return "購入額がアクティブ顧客の\(ReasonWords.percent(1 - w.value))を下回る" }
                return "購入額がアクティブ顧客の\(ReasonWords.percent(w.value))を上回る"
            })
        default:
            return nil
        }
    }
}
