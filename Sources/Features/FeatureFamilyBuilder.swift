/// One family of features as the feature table builder sees it: the family adds its columns as of a
/// cutoff from what the history holds. `CustomerHistory.featureTable(at:loyaltyRule:)` iterates
/// `CustomerHistory.families`; a new family is one type conforming here and one entry in that list.
public protocol FeatureFamilyBuilder {
    /// Adds the family's columns to `table` as of `table.asOfDay`, reading only data on or before it. A
    /// family whose input the history lacks (no events file, no surveys) adds nothing; the distance to
    /// loyal is added only under a `loyaltyRule`.
    static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?)
}

extension RFMFeatures: FeatureFamilyBuilder {
    /// The RFM columns from the orders.
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        add(to: &table, log: history.orders, grouped: history.orderTimeline)
    }
}

extension ValueFeatures: FeatureFamilyBuilder {
    /// The LTV columns, from the RFM columns already in the table and the history's value settings.
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        add(to: &table, settings: history.value)
    }
}

extension LoyaltyDistanceFeatures: FeatureFamilyBuilder {
    /// The distance to the loyalty threshold under `loyaltyRule` (nothing without one).
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        guard let loyaltyRule else { return }
        add(to: &table, log: history.orders, timeline: history.orderTimeline, rule: loyaltyRule)
    }
}

extension EngagementFeatures: FeatureFamilyBuilder {
    /// The engagement columns per event type (nothing without an events file).
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        guard let events = history.events, let timeline = history.eventTimeline else { return }
        add(to: &table, events: events, timeline: timeline)
    }
}

extension SurveyFeatures: FeatureFamilyBuilder {
    /// The survey columns (nothing without a surveys file).
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        guard let surveys = history.surveys, let timeline = history.surveyTimeline else { return }
        add(to: &table, surveys: surveys, timeline: timeline)
    }
}

extension AttributeFeatures: FeatureFamilyBuilder {
    /// The customer-file columns (nothing without a customer file).
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        guard let customers = history.customers else { return }
        _ = add(to: &table, customers: customers)
    }
}
