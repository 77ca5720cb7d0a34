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
    /// An uplift model over base models of the kinds above (`FittedUpliftModel`).
    case uplift(FittedUpliftModel)

    /// The tag of logistic regression in model files and leaderboards.
    public static let logisticAlgorithm = "logistic"
    /// The tag of gradient boosting in model files and leaderboards.
    public static let gradientBoostingAlgorithm = "gbdt"
    /// The tag of uplift models in model files.
    public static let upliftAlgorithm = "uplift"

    /// The kind's tag in model files and leaderboards: `logistic` or `gbdt`.
    public var algorithm: String {
        switch self {
        case .logistic: return Self.logisticAlgorithm
        case .gradientBoosting: return Self.gradientBoostingAlgorithm
        case .uplift: return Self.upliftAlgorithm
        }
    }

    /// The kind in words, for progress lines and summaries.
    public var description: String {
        switch self {
        case .logistic(_, _, let model): return "logistic regression, \(model.iterations) Newton steps"
        case .gradientBoosting(_, let model): return "gradient boosting, \(model.trees.count) trees"
        case .uplift(let model):
            return "uplift (\(model.method.rawValue)) over " + model.models.map { $0.fitted.description }.joined(separator: " and ")
        }
    }

    /// Newton steps of a logistic regression, trees of a boosted model.
    public var fitSteps: Int {
        switch self {
        case .logistic(_, _, let model): return model.iterations
        case .gradientBoosting(_, let model): return model.trees.count
        case .uplift(let model): return model.models.reduce(0) { $0 + $1.fitted.fitSteps }
        }
    }

    /// Whether the fit converged (boosting always ends when its trees are grown).
    public var converged: Bool {
        switch self {
        case .logistic(_, _, let model): return model.converged
        case .gradientBoosting: return true
        case .uplift(let model): return model.models.allSatisfy { $0.fitted.converged }
        }
    }

    /// The probability of label 1 for each row of `features` (columns in the model's feature order);
    /// trees on `threads` threads, the same result for any count. For an uplift model, the probability
    /// its first model gives: the treated arm's (two models) or the transformed class's; its uplift is
    /// `uplift(_:threads:)`.
    public func probabilities(_ features: Matrix<Double>, threads: Int = 1) -> [Double] {
        switch self {
        case .logistic(_, let transform, let model): return model.probabilities(transform.apply(features))
        case .gradientBoosting(_, let model): return model.probabilities(features, threads: threads)
        case .uplift(let model): return model.models[0].fitted.probabilities(features, threads: threads)
        }
    }

    /// The uplift of each row for an uplift model; nil for a model of one outcome.
    public func uplift(_ features: Matrix<Double>, threads: Int = 1) -> [Double]? {
        guard case .uplift(let model) = self else { return nil }
        return model.predict(features, threads: threads).uplift
    }

    /// The contribution (log-odds) of each input feature to each row's score, one column per feature:
    /// exact TreeSHAP for trees; for logistic regression, coefficient × (transformed value − training
    /// mean), with a missing-value indicator's share added to the column it indicates.
    public func contributions(_ features: Matrix<Double>, threads: Int = 1) -> Matrix<Double> {
        switch self {
        case .uplift(let model):
            return model.contributions(features, threads: threads)
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
