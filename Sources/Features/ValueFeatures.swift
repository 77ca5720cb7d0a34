/// The value family: customer lifetime value by the two practitioner formulas, from the RFM columns.
public enum ValueFeatures {
    /// The assumptions of the second formula.
    public struct Settings: Sendable, Equatable {
        /// Gross margin as a share of spend (0.3 = 30%).
        public var marginRate: Double
        /// Years a customer is expected to stay.
        public var expectedYears: Double

        /// Defaults: 30% margin, 3 years.
        public init(marginRate: Double = 0.3, expectedYears: Double = 3) {
            self.marginRate = marginRate
            self.expectedYears = expectedYears
        }
    }

    /// `ltv_order_value_times_orders`: net mean order value × purchases, all history.
    public static let lifetimeValue = "ltv_order_value_times_orders"

    /// The feature names, in column order.
    public static let names = ["ltv_order_value_times_orders", "ltv_annual_margin"]

    /// Adds `ltv_order_value_times_orders` (net mean order value × purchases, all history: net spend) and
    /// `ltv_annual_margin` (net spend in the last 365 days × margin rate × expected years). Needs the RFM
    /// columns; customers with no purchase get `NaN` for the first and 0 for the second.
    public static func add(to table: inout FeatureTable, settings: Settings = Settings()) {
        guard let meanValue = table.column("mean_order_value"), let purchases = table.column("orders_all"),
              let annualSpend = table.column("spend_365d") else {
            preconditionFailure("ValueFeatures needs the RFM columns; add RFMFeatures first")
        }
        table.add(names[0], zip(meanValue, purchases).map { $0 * $1 })
        table.add(names[1], annualSpend.map { $0 * settings.marginRate * settings.expectedYears })
    }
}

extension ValueFeatures: FeatureFamilyBuilder {
    /// The LTV columns, from the RFM columns already in the table and the history's value settings.
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        add(to: &table, settings: history.value)
    }

    /// The two LTV columns.
    public static func descriptor(for name: String) -> FeatureDescriptor? {
        guard let descriptor = untitledDescriptor(for: name) else { return nil }
        guard let (english, japanese) = title(of: name) else { return descriptor }
        return descriptor.titled(english, japanese)
    }

    /// The column's name in plain words, in English and Japanese.
    static func title(of name: String) -> (String, String)? {
        switch name {
        case names[0]: return ("value (average order × purchases)", "顧客価値 (平均注文金額 × 購入回数)")
        case names[1]: return ("annual margin value", "年間粗利価値")
        default: return nil
        }
    }

    private static func untitledDescriptor(for name: String) -> FeatureDescriptor? {
        switch name {
        case names[0]:
            return FeatureDescriptor(name: name, family: .monetary, unit: .money, churnRiskDirection: -1, input: .orders,
                                     english: { w in
                w.value.isNaN ? "no purchase yet" : "lifetime value \(ReasonWords.number(w.value))" + w.typicalNote
            }, japanese: { w in
                w.value.isNaN ? "購入なし" : "顧客生涯価値 (LTV) \(ReasonWords.number(w.value))" + w.typicalNoteJapanese()
            })
        case names[1]:
            return FeatureDescriptor(name: name, family: .monetary, unit: .money, churnRiskDirection: -1, input: .orders,
                                     english: { w in
                w.value.isNaN ? "no spending data" : "projected margin \(ReasonWords.number(w.value))" + w.typicalNote
            }, japanese: { w in
                w.value.isNaN ? "購入金額データなし" : "見込み粗利\(ReasonWords.number(w.value))" + w.typicalNoteJapanese()
            })
        default:
            return nil
        }
    }
}
