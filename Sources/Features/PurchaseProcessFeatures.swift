import CustomerValue
import OrderHistory

/// The probabilistic view of each customer's buying as of the cutoff: the BG/NBD model fitted on the
/// purchase days up to it (weeks; parameters on a fixed sample of at most `fitCustomers` customers), and
/// from it the probability that the customer is still an active buyer and the purchases expected in the
/// next 90 days. `NaN` for customers without a purchase by the cutoff, or when the fit fails.
///
/// Added to the tables models are trained and scored on (with a loyalty rule, as the distance to loyal);
/// `loyalty train` keeps them in a model only when they raise its out-of-time ROC AUC.
public enum PurchaseProcessFeatures {
    /// The column names, in order.
    public static let names = ["p_alive", "expected_purchases_90d"]

    /// Most customers the BG/NBD parameters are fitted on at each cutoff.
    public static let fitCustomers = 20_000

    /// The days the expected purchases cover.
    public static let horizonDays = 90

    /// Adds the columns as of the table's cutoff.
    public static func add(to table: inout FeatureTable, log: OrderLog, timeline: CustomerTimeline) {
        var settings = LifetimeValueAnalysis.Settings()
        settings.horizonDays = horizonDays
        settings.maximumFitCustomers = fitCustomers
        var alive = [Double](repeating: .nan, count: table.rowCount)
        var purchases = [Double](repeating: .nan, count: table.rowCount)
        let summary = PurchaseSummary(log: log, grouped: timeline, asOfDay: table.asOfDay, timeUnit: settings.timeUnit)
        if summary.count > 0 {
            let analysis = LifetimeValueAnalysis(summary: summary, settings: settings)
            if analysis.purchaseFit.logLikelihood.isFinite {
                for (position, customer) in summary.customer.enumerated() where Int(customer) < table.rowCount {
                    alive[Int(customer)] = analysis.probabilityAlive[position]
                    purchases[Int(customer)] = analysis.expectedPurchases[position]
                }
            }
        }
        table.add(names[0], alive)
        table.add(names[1], purchases)
    }
}

extension PurchaseProcessFeatures: FeatureFamilyBuilder {
    /// The columns, for model tables (under a `loyaltyRule`; nothing without one).
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        guard loyaltyRule != nil else { return }
        add(to: &table, log: history.orders, timeline: history.orderTimeline)
    }

    /// P(alive) (recency family) and expected purchases (frequency family); lower is more churn risk.
    /// Both are estimates: they push their family, and a reason names the family's observed features.
    public static func descriptor(for name: String) -> FeatureDescriptor? {
        guard let descriptor = untitledDescriptor(for: name) else { return nil }
        guard let (english, japanese) = title(of: name) else { return descriptor }
        return descriptor.titled(english, japanese)
    }

    /// The column's name in plain words, in English and Japanese.
    static func title(of name: String) -> (String, String)? {
        switch name {
        case names[0]: return ("P(alive), the chance they still buy", "継続見込み (P(alive))")
        case names[1]: return ("expected purchases, next 90 days", "今後90日の期待購入回数")
        default: return nil
        }
    }

    private static func untitledDescriptor(for name: String) -> FeatureDescriptor? {
        switch name {
        case names[0]:
            return FeatureDescriptor(name: name, family: .recency, unit: .ratio, churnRiskDirection: -1, input: .orders,
                                     isEstimate: true, english: { w in
                w.value.isNaN ? "no purchase yet" : "\(ReasonWords.percent(w.value)) chance of still being an active buyer"
            }, japanese: { w in
                w.value.isNaN ? "購入なし" : "購買を続けている見込み\(ReasonWords.percent(w.value))"
            })
        case names[1]:
            return FeatureDescriptor(name: name, family: .frequency, unit: .count, churnRiskDirection: -1, input: .orders,
                                     isEstimate: true, english: { w in
                w.value.isNaN ? "no purchase yet" : "expected to buy \(ReasonWords.number(w.value)) times in the next 90 days"
            }, japanese: { w in
                w.value.isNaN ? "購入なし" : "今後90日の購入見込み\(ReasonWords.number(w.value))回"
            })
        default:
            return nil
        }
    }
}
