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
        /// What a call list of the given capacity would have caught, in business terms.
        public var callList: CallListOutcome
        /// Cumulative gains and lift by decile of the model's score.
        public var gains: [BinaryMetrics.Decile]
        /// The ROC curve and the score distribution by class, for charts (nil in results recorded before).
        public var curves: ModelCurves?
        /// Whether the evaluation cutoff is before the bundle's training cutoff (`--allow-in-sample`):
        /// then the labels overlap the training data and the numbers flatter the model.
        public var inSample: Bool
    }

    /// A value with its 95% interval.
    public struct Estimate: Codable, Sendable, Equatable {
        /// The value.
        public var value: Double
        /// Lower end of the 95% interval.
        public var lower: Double
        /// Upper end of the 95% interval.
        public var upper: Double
    }

    /// What the top `capacity` customers by each ranking held: for churn, how many churned; for loyal
    /// candidates, how many became loyal; and the value (net LTV) of those customers.
    public struct CallListOutcome: Codable, Sendable, Equatable {
        /// Calls on the list (the capacity, or the population if smaller).
        public var calls: Int
        /// Customers in the population.
        public var population: Int
        /// Outcomes among the model's top `calls` (Wilson 95% interval).
        public var modelHits: Estimate
        /// Outcomes expected among `calls` customers picked at random: calls × base rate (95% interval of
        /// a random draw without replacement).
        public var randomHits: Estimate
        /// Outcomes among the baseline's top `calls` (Wilson 95% interval).
        public var baselineHits: Estimate
        /// Net value of the customers with the outcome on the model's list (bootstrap 95% interval, 1,000
        /// resamples of the list, seed 42).
        public var modelValueCovered: Estimate
        /// The same on the baseline's list.
        public var baselineValueCovered: Estimate
        /// Net value of all customers with the outcome in the population.
        public var totalValueWithOutcome: Double
    }

    /// The default capacity of `evaluate`'s call-list measures.
    public static let defaultCapacity = 200

    /// Scores `bundle` on the features at `asOf` and compares with the labels of (asOf, asOf + H].
    public static func evaluate(_ bundle: ModelBundle, history: CustomerHistory, asOf: Int32, capacity: Int = defaultCapacity,
                                allowInSample: Bool = false) throws -> Result {
        if let trained = CalendarDay.parseISO(bundle.asOf), asOf < trained, !allowInSample {
            throw LoyaltyModelsError.evaluationInSample(asOf: CalendarDay.isoString(asOf), trainedAsOf: bundle.asOf,
                                                        target: bundle.target.rawValue)
        }
        let horizonEnd = asOf + Int32(bundle.horizonDays)
        guard let last = history.lastOrderDay, last >= horizonEnd else {
            throw LoyaltyModelsError.noFutureToEvaluate(asOf: CalendarDay.isoString(asOf), horizonEnd: CalendarDay.isoString(horizonEnd),
                                                        lastOrderDay: history.lastOrderDay.map(CalendarDay.isoString) ?? "(no orders)")
        }
        let rule = LoyaltyRule(topShare: bundle.loyalTopShare)
        let table = history.featureTable(at: asOf, loyaltyRule: rule)
        try bundle.checkInputs(table)
        let labels = bundle.target.labels(history: history, cutoff: asOf, horizonDays: bundle.horizonDays, rule: rule)
        let rows = labels.indices.filter { !labels[$0].isNaN }
        let dataset = Dataset(table: table, rows: rows)
        let rowLabels = rows.map { labels[$0] }
        let probabilities = try bundle.probabilities(dataset)
        let baselineValues = table.column(bundle.target.baseline.feature).map { column in rows.map { column[$0] } }
            ?? [Double](repeating: .nan, count: rows.count)
        let baselineScores = bundle.target.baselineScores(baselineValues)
        let ltv = table.values(of: ValueFeatures.lifetimeValue)
        let values = rows.map { ltv[$0].isNaN ? 0 : ltv[$0] }
        let inSample = CalendarDay.parseISO(bundle.asOf).map { asOf < $0 } ?? false
        return Result(target: bundle.target, asOf: CalendarDay.isoString(asOf), horizonDays: bundle.horizonDays, trainedAsOf: bundle.asOf,
                      model: LeaderboardEntry(model: bundle.chosen, scores: probabilities, labels: rowLabels, isProbability: true),
                      baseline: LeaderboardEntry(model: "baseline", scores: baselineScores, labels: rowLabels, isProbability: false),
                      callList: callListOutcome(model: probabilities, baseline: baselineScores, labels: rowLabels, values: values,
                                                capacity: capacity),
                      gains: BinaryMetrics.deciles(scores: probabilities, labels: rowLabels),
                      curves: ModelCurves(probabilities: probabilities, labels: rowLabels), inSample: inSample)
    }

    /// The call-list measures for rankings `model` and `baseline` of customers with `labels` and `values`.
    static func callListOutcome(model: [Double], baseline: [Double], labels: [Double], values: [Double],
                                capacity: Int) -> CallListOutcome {
        let population = labels.count
        let calls = min(max(0, capacity), population)
        func top(_ scores: [Double]) -> [Int] {
            Array(scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }.prefix(calls))
        }
        func hits(_ list: [Int]) -> Estimate {
            let count = list.reduce(0.0) { $0 + labels[$1] }
            let (low, high) = wilson(successes: count, trials: Double(list.count))
            return Estimate(value: count, lower: low * Double(list.count), upper: high * Double(list.count))
        }
        func valueCovered(_ list: [Int]) -> Estimate {
            let covered = list.map { labels[$0] * values[$0] }
            let total = covered.reduce(0, +)
            guard !covered.isEmpty else { return Estimate(value: 0, lower: 0, upper: 0) }
            var random = SplitMix64(seed: 42)
            var sums: [Double] = []
            sums.reserveCapacity(1000)
            for _ in 0..<1000 {
                var sum = 0.0
                for _ in 0..<covered.count { sum += covered[Int(random.next() % UInt64(covered.count))] }
                sums.append(sum)
            }
            sums.sort()
            return Estimate(value: total, lower: sums[24], upper: sums[974])
        }
        let positives = labels.reduce(0, +)
        let rate = population > 0 ? positives / Double(population) : 0
        let expected = Double(calls) * rate
        // A random draw of `calls` from `population` without replacement: hypergeometric variance.
        let variance = population > 1
            ? Double(calls) * rate * (1 - rate) * Double(population - calls) / Double(population - 1) : 0
        let spread = 1.959964 * variance.squareRoot()
        let modelList = top(model), baselineList = top(baseline)
        return CallListOutcome(
            calls: calls, population: population, modelHits: hits(modelList),
            randomHits: Estimate(value: expected, lower: max(0, expected - spread), upper: min(Double(calls), expected + spread)),
            baselineHits: hits(baselineList), modelValueCovered: valueCovered(modelList),
            baselineValueCovered: valueCovered(baselineList),
            totalValueWithOutcome: zip(labels, values).reduce(0) { $0 + $1.0 * $1.1 })
    }

    /// The Wilson score 95% interval of a proportion (successes / trials); (0, 0) for no trials.
    static func wilson(successes: Double, trials: Double) -> (Double, Double) {
        guard trials > 0 else { return (0, 0) }
        let z = 1.959964, p = successes / trials
        let denominator = 1 + z * z / trials
        let centre = (p + z * z / (2 * trials)) / denominator
        let half = z * (p * (1 - p) / trials + z * z / (4 * trials * trials)).squareRoot() / denominator
        return (max(0, centre - half), min(1, centre + half))
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

/// What the report's model charts show, for one set of out-of-time predictions: the gains by decile (with
/// the predicted and observed rate of each, the calibration), the ROC curve and the score distribution
/// of each class.
public struct ModelCurves: Codable, Sendable, Equatable {
    /// Rows measured.
    public var rows: Int
    /// Share of them with the outcome.
    public var positiveRate: Double
    /// Ten groups by descending probability (`BinaryMetrics.deciles`, as `evaluate` shows them).
    public var gains: [BinaryMetrics.Decile]
    /// The ROC curve, at most 200 points.
    public var roc: [BinaryMetrics.ROCPoint]
    /// Rows with the outcome in 20 equal-width probability bins over [0, 1].
    public var histogramPositives: [Int]
    /// Rows without it, in the same bins.
    public var histogramNegatives: [Int]

    /// The curves of `probabilities` against `labels` (0/1).
    public init(probabilities: [Double], labels: [Double]) {
        rows = labels.count
        positiveRate = labels.isEmpty ? 0 : labels.reduce(0, +) / Double(labels.count)
        gains = BinaryMetrics.deciles(scores: probabilities, labels: labels)
        roc = BinaryMetrics.rocCurve(scores: probabilities, labels: labels)
        (histogramPositives, histogramNegatives) = BinaryMetrics.histogram(probabilities: probabilities, labels: labels)
    }
}
