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
