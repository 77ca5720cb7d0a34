import Features
import LinearAlgebra
import OrderHistory
import ScoringCore

/// `loyalty evaluate`: a saved bundle scored at a cutoff and measured against what happened in the
/// horizon after it, beside the baseline on the same customers.
public enum Evaluation {
    /// The out-of-time result of one bundle.
    public struct Result: Codable, Sendable, Equatable {
        /// The target.
        public var target: PredictionTarget
        /// The cutoff evaluated (yyyy-MM-dd).
        public var asOf: String
        /// The horizon in days.
        public var horizonDays: Int
        /// The cutoff the bundle was trained as of.
        public var trainedAsOf: String
        /// The bundle's model.
        public var model: LeaderboardEntry
        /// The baseline on the same rows.
        public var baseline: LeaderboardEntry
    }

    /// Scores `bundle` on the features at `asOf` and compares with the labels of (asOf, asOf + H].
    public static func evaluate(_ bundle: ModelBundle, history: CustomerHistory, asOf: Int32) throws -> Result {
        let horizonEnd = asOf + Int32(bundle.horizonDays)
        guard let last = history.lastOrderDay, last >= horizonEnd else {
            throw LoyaltyModelsError.noFutureToEvaluate(asOf: CalendarDay.isoString(asOf), horizonEnd: CalendarDay.isoString(horizonEnd),
                                                        lastOrderDay: history.lastOrderDay.map(CalendarDay.isoString) ?? "(no orders)")
        }
        let rule = LoyaltyRule(topShare: bundle.loyalTopShare)
        let table = history.featureTable(at: asOf, loyaltyRule: rule)
        let labels = bundle.target.labels(history: history, cutoff: asOf, horizonDays: bundle.horizonDays, rule: rule)
        let rows = labels.indices.filter { !labels[$0].isNaN }
        let dataset = Dataset(table: table, rows: rows)
        let rowLabels = rows.map { labels[$0] }
        let probabilities = try bundle.model.probabilities(dataset)
        let baselineValues = table.column(bundle.target.baseline.feature).map { column in rows.map { column[$0] } }
            ?? [Double](repeating: .nan, count: rows.count)
        return Result(target: bundle.target, asOf: CalendarDay.isoString(asOf), horizonDays: bundle.horizonDays, trainedAsOf: bundle.asOf,
                      model: LeaderboardEntry(model: bundle.chosen, scores: probabilities, labels: rowLabels, isProbability: true),
                      baseline: LeaderboardEntry(model: "baseline", scores: bundle.target.baselineScores(baselineValues),
                                                 labels: rowLabels, isProbability: false))
    }
}

extension Dataset {
    /// The `rows` (customer indices) of a feature table, as an unlabelled dataset.
    public init(table: FeatureTable, rows: [Int]) {
        let width = table.names.count
        let matrix = Matrix<Double>(rows: rows.count, columns: width, initializingWith: { buffer in
            for (position, row) in rows.enumerated() {
                for (column, values) in table.columns.enumerated() { buffer[position * width + column] = values[row] }
            }
        })
        self.init(featureNames: table.names, features: matrix)
    }
}
