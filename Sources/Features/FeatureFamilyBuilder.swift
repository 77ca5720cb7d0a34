/// One family of features as the feature table builder and the catalog see it: the family adds its
/// columns as of a cutoff from what the history holds, and describes each column it makes (family, unit,
/// direction of risk, wording in English and Japanese).
///
/// `CustomerHistory.featureTable(at:loyaltyRule:)` and `FeatureCatalog.descriptor(for:)` iterate
/// `CustomerHistory.families`; a new family is one file with a type conforming here, one entry in that
/// list, and its test.
public protocol FeatureFamilyBuilder {
    /// Adds the family's columns to `table` as of `table.asOfDay`, reading only data on or before it. A
    /// family whose input the history lacks (no events file, no surveys) adds nothing; the distance to
    /// loyal is added only under a `loyaltyRule`.
    static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?)

    /// The descriptor of the column `name` if this family makes it, else nil. Names of different
    /// families never overlap: names made from data are namespaced (`event:`, `customer:`).
    static func descriptor(for name: String) -> FeatureDescriptor?
}
