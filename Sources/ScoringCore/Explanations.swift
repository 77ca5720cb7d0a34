/// Why a linear model scored a row as it did.
public enum Explanations {
    /// One feature's share of a row's score.
    public struct Contribution: Sendable, Equatable {
        /// The (transformed) feature's name.
        public var feature: String
        /// coefficient × (value − training mean), in log-odds.
        public var value: Double
    }

    /// Per-feature contributions of one transformed row to the linear score, relative to the training
    /// mean (so they sum to the row's score minus the score of an average row), largest magnitude first
    /// (ties by feature order).
    public static func linearContributions(model: FittedLogisticRegression, row: [Double], names: [String]) -> [Contribution] {
        precondition(row.count == model.coefficients.count && names.count == row.count, "one value and name per coefficient")
        let contributions = row.indices.map {
            Contribution(feature: names[$0], value: model.coefficients[$0] * (row[$0] - model.featureMeans[$0]))
        }
        return contributions.enumerated().sorted {
            abs($0.element.value) > abs($1.element.value) || (abs($0.element.value) == abs($1.element.value) && $0.offset < $1.offset)
        }.map(\.element)
    }
}
