import LinearAlgebra

/// A fitted model of any kind, with what scoring, explaining and saving need from it. Each kind must say
/// how it scores and how it explains a score, so a model that cannot explain itself does not compile.
///
/// A new kind of model is one more case here (with its fit in `ModelSpecification` and its fields in
/// `ModelFile`'s coding).
public enum FittedModel: Sendable, Equatable {
    /// Logistic regression over `transform`'s outputs (median imputation with missing-value indicators,
    /// log1p, standardization).
    case logistic(configuration: LogisticRegression.Configuration, transform: FeatureTransform, model: FittedLogisticRegression)
    /// Histogram gradient boosting over the raw features (missing values sent the learned way).
    case gradientBoosting(configuration: GradientBoosting.Configuration, model: FittedGradientBoosting)

    /// The tag of logistic regression in model files and leaderboards.
    public static let logisticAlgorithm = "logistic"
    /// The tag of gradient boosting in model files and leaderboards.
    public static let gradientBoostingAlgorithm = "gbdt"

    /// The kind's tag in model files and leaderboards: `logistic` or `gbdt`.
    public var algorithm: String {
        switch self {
        case .logistic: return Self.logisticAlgorithm
        case .gradientBoosting: return Self.gradientBoostingAlgorithm
        }
    }

    /// The kind in words, for progress lines and summaries.
    public var description: String {
        switch self {
        case .logistic(_, _, let model): return "logistic regression, \(model.iterations) Newton steps"
        case .gradientBoosting(_, let model): return "gradient boosting, \(model.trees.count) trees"
        }
    }

    /// Newton steps of a logistic regression, trees of a boosted model.
    public var fitSteps: Int {
        switch self {
        case .logistic(_, _, let model): return model.iterations
        case .gradientBoosting(_, let model): return model.trees.count
        }
    }

    /// Whether the fit converged (boosting always ends when its trees are grown).
    public var converged: Bool {
        switch self {
        case .logistic(_, _, let model): return model.converged
        case .gradientBoosting: return true
        }
    }

    /// The probability of label 1 for each row of `features` (columns in the model's feature order);
    /// trees on `threads` threads, the same result for any count.
    public func probabilities(_ features: Matrix<Double>, threads: Int = 1) -> [Double] {
        switch self {
        case .logistic(_, let transform, let model): return model.probabilities(transform.apply(features))
        case .gradientBoosting(_, let model): return model.probabilities(features, threads: threads)
        }
    }

    /// The contribution (log-odds) of each input feature to each row's score, one column per feature:
    /// exact TreeSHAP for trees; for logistic regression, coefficient × (transformed value − training
    /// mean), with a missing-value indicator's share added to the column it indicates.
    public func contributions(_ features: Matrix<Double>, threads: Int = 1) -> Matrix<Double> {
        switch self {
        case .gradientBoosting(_, let model):
            return model.contributions(features, threads: threads)
        case .logistic(_, let transform, let model):
            let transformed = transform.apply(features)
            var source: [Int] = Array(0..<transform.columns.count)
            source += transform.columns.indices.filter { transform.columns[$0].missingIndicator }
            var result = Matrix<Double>(rows: features.rows, columns: features.columns)
            for row in 0..<features.rows {
                for output in 0..<transformed.columns {
                    result[row, source[output]] += model.coefficients[output] * (transformed[row, output] - model.featureMeans[output])
                }
            }
            return result
        }
    }
}
