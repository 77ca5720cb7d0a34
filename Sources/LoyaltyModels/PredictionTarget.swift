import Features
import OrderHistory

/// What a bundle predicts: churn or becoming loyal (the two labels of Guides/Concepts.md), with the label and the
/// simple baseline each is compared against.
public enum PredictionTarget: String, Codable, CaseIterable, Sendable {
    /// No purchase within the horizon, for customers active at the cutoff.
    case churn
    /// Loyal at the end of the horizon, for customers active and not loyal at the cutoff.
    case loyalCandidate = "loyal-candidate"

    /// The labels at `cutoff` (NaN outside the target's population).
    public func labels(history: CustomerHistory, cutoff: Int32, horizonDays: Int, rule: LoyaltyRule) -> [Double] {
        switch self {
        case .churn:
            return Labels.churn(log: history.orders, grouped: history.orderTimeline, asOfDay: cutoff,
                                horizonDays: horizonDays, activeWindowDays: rule.windowDays)
        case .loyalCandidate:
            return Labels.loyalCandidate(log: history.orders, timeline: history.orderTimeline, asOfDay: cutoff,
                                         horizonDays: horizonDays, rule: rule)
        }
    }

    /// Who the model applies to at a cutoff: active customers (churn), active and not loyal ones (loyal
    /// candidate). The same population as `labels`, without looking past the cutoff.
    public func population(history: CustomerHistory, cutoff: Int32, rule: LoyaltyRule) -> [Bool] {
        let now = rule.trailingSpend(log: history.orders, timeline: history.orderTimeline, day: cutoff)
        switch self {
        case .churn:
            return now.active
        case .loyalCandidate:
            let threshold = rule.threshold(spend: now.spend, active: now.active)
            return now.active.indices.map { now.active[$0] && now.spend[$0] < threshold }
        }
    }

    /// The feature a simple rule would rank by, and whether higher means more likely: days since the last
    /// purchase for churn, trailing-365-day spend for loyal candidates.
    public var baseline: (feature: String, higherIsMoreLikely: Bool) {
        switch self {
        case .churn: return ("days_since_last_purchase", true)
        case .loyalCandidate: return ("spend_365d", true)
        }
    }

    /// The baseline's scores for values of `baseline.feature` (missing values rank last).
    public func baselineScores(_ values: [Double]) -> [Double] {
        values.map { $0.isNaN ? -Double.greatestFiniteMagnitude : (baseline.higherIsMoreLikely ? $0 : -$0) }
    }
}
