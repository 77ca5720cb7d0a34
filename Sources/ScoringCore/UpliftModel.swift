import LinearAlgebra

/// A model of whom a treatment (a call) helps: the uplift P(y = 1 | x, treated) − P(y = 1 | x, control),
/// learned from a randomized sample (treatment 1 or 0 per row) with ordinary binary models as base
/// learners (logistic regression or gradient boosting).
///
/// - `twoModel`: one model on the treated rows, one on the control rows; the uplift is the difference of
///   their probabilities (scikit-uplift's `TwoModels`, method "vanilla").
/// - `xLearner`: the two arms' models μ₁ and μ₀, then models of the imputed effects D₁ = y − μ₀(x) on the
///   treated and D₀ = μ₁(x) − y on the control rows, fitted by log loss on (D + 1)/2 (a share in [0, 1], so
///   the base learners stay the binary ones), blended as τ = e·τ₀ + (1 − e)·τ₁ with e the treated share
///   (Künzel et al. 2019, with a constant propensity: the calls were randomized).
/// - `classTransformation`: one model of z = y·w + (1 − y)(1 − w); with as many treated as control rows,
///   uplift = 2·P(z = 1 | x) − 1 (scikit-uplift's `ClassTransformation`). When the treated share p is not
///   one half, the rows are re-balanced first so that the identity holds: weights 1/(2p) and 1/(2(1 − p))
///   for logistic regression; for gradient boosting (which takes no row weights) a seeded sample of the
///   larger arm the size of the smaller one.
public struct FittedUpliftModel: Sendable, Equatable, Codable {
    /// How the uplift is learned.
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// Two models, one per arm.
        case twoModel = "two-model"
        /// One model of the transformed class.
        case classTransformation = "class-transformation"
        /// The X-learner: two arm models, then two effect models blended by the treated share.
        case xLearner = "x-learner"
    }

    /// How the uplift was learned.
    public var method: Method
    /// The share of treated rows in the training table.
    public var treatedShare: Double
    /// Two-model: the treated arm's model, then the control arm's; class transformation: the model of z;
    /// X-learner: μ₁, μ₀, then the effect models τ₁ (fitted on the treated) and τ₀ (on the control).
    public var models: [ModelFile]

    /// Fits an uplift model on `dataset` (labels 0/1) with `treatment` (1 treated, 0 control) per row, the
    /// base learner given by `base`; `seed` draws the re-balancing sample of class transformation over
    /// gradient boosting.
    public static func fit(_ dataset: Dataset, treatment: [Double], labelName: String, method: Method, base: ModelSpecification,
                           seed: UInt64 = 0, threads: Int = 1) throws -> FittedUpliftModel {
        let labels = try dataset.binaryLabels()
        precondition(treatment.count == dataset.rowCount, "one treatment flag per row")
        let treatedRows = treatment.indices.filter { treatment[$0] == 1 }
        let controlRows = treatment.indices.filter { treatment[$0] == 0 }
        guard !treatedRows.isEmpty, !controlRows.isEmpty, treatedRows.count + controlRows.count == treatment.count else {
            throw ScoringCoreError.invalidTreatment(treated: treatedRows.count, control: controlRows.count,
                                                    other: treatment.count - treatedRows.count - controlRows.count)
        }
        let share = Double(treatedRows.count) / Double(treatment.count)
        switch method {
        case .twoModel:
            let treated = try base.fit(dataset.rows(treatedRows), labelName: labelName, threads: threads)
            let control = try base.fit(dataset.rows(controlRows), labelName: labelName, threads: threads)
            return FittedUpliftModel(method: method, treatedShare: share, models: [treated, control])
        case .xLearner:
            let treatedSet = dataset.rows(treatedRows), controlSet = dataset.rows(controlRows)
            let treated = try base.fit(treatedSet, labelName: labelName, threads: threads)
            let control = try base.fit(controlSet, labelName: labelName, threads: threads)
            // Imputed effects, as shares in [0, 1]: (D + 1) / 2.
            var treatedEffects = treatedSet
            let controlOnTreated = control.fitted.probabilities(treatedSet.features, threads: threads)
            treatedEffects.labels = zip(treatedSet.labels!, controlOnTreated).map { ($0 - $1 + 1) / 2 }
            var controlEffects = controlSet
            let treatedOnControl = treated.fitted.probabilities(controlSet.features, threads: threads)
            controlEffects.labels = zip(treatedOnControl, controlSet.labels!).map { ($0 - $1 + 1) / 2 }
            let tau1 = try base.fit(treatedEffects, labelName: labelName + " effect", threads: threads, softLabels: true)
            let tau0 = try base.fit(controlEffects, labelName: labelName + " effect", threads: threads, softLabels: true)
            return FittedUpliftModel(method: method, treatedShare: share, models: [treated, control, tau1, tau0])
        case .classTransformation:
            var transformed = dataset
            transformed.labels = zip(labels, treatment).map { y, w in y * w + (1 - y) * (1 - w) }
            if case .logistic = base {
                transformed.weights = treatment.enumerated().map { row, w in
                    (dataset.weights?[row] ?? 1) * (w == 1 ? 0.5 / share : 0.5 / (1 - share))
                }
            } else if treatedRows.count != controlRows.count {
                var random = SplitMix64(seed: seed, stream: 0x75706c696674)
                var larger = treatedRows.count > controlRows.count ? treatedRows : controlRows
                let smaller = treatedRows.count > controlRows.count ? controlRows : treatedRows
                for pick in 0..<smaller.count {
                    larger.swapAt(pick, pick + Int(random.next() % UInt64(larger.count - pick)))
                }
                transformed = transformed.rows((smaller + larger.prefix(smaller.count)).sorted())
            }
            let model = try base.fit(transformed, labelName: labelName, threads: threads)
            return FittedUpliftModel(method: method, treatedShare: share, models: [model])
        }
    }

    /// The uplift of each row of `features` (columns in the model's feature order), and for two models
    /// each arm's probability.
    public func predict(_ features: Matrix<Double>, threads: Int = 1) -> (uplift: [Double], treated: [Double]?, control: [Double]?) {
        switch method {
        case .twoModel:
            let treated = models[0].fitted.probabilities(features, threads: threads)
            let control = models[1].fitted.probabilities(features, threads: threads)
            return (zip(treated, control).map { $0 - $1 }, treated, control)
        case .classTransformation:
            return (models[0].fitted.probabilities(features, threads: threads).map { 2 * $0 - 1 }, nil, nil)
        case .xLearner:
            let tau1 = models[2].fitted.probabilities(features, threads: threads)
            let tau0 = models[3].fitted.probabilities(features, threads: threads)
            let uplift = zip(tau1, tau0).map { t1, t0 in treatedShare * (2 * t0 - 1) + (1 - treatedShare) * (2 * t1 - 1) }
            return (uplift, models[0].fitted.probabilities(features, threads: threads),
                    models[1].fitted.probabilities(features, threads: threads))
        }
    }

    /// Each feature's push on each row's uplift, in log-odds: the treated arm's contributions minus the
    /// control arm's (two models), the transformed-class model's, or the effect models' blended by the
    /// treated share (X-learner).
    public func contributions(_ features: Matrix<Double>, threads: Int = 1) -> Matrix<Double> {
        if method == .xLearner {
            var result = models[2].fitted.contributions(features, threads: threads)
            let control = models[3].fitted.contributions(features, threads: threads)
            for row in 0..<result.rows {
                for column in 0..<result.columns {
                    result[row, column] = (1 - treatedShare) * result[row, column] + treatedShare * control[row, column]
                }
            }
            return result
        }
        var result = models[0].fitted.contributions(features, threads: threads)
        if method == .twoModel {
            let control = models[1].fitted.contributions(features, threads: threads)
            for row in 0..<result.rows {
                for column in 0..<result.columns { result[row, column] -= control[row, column] }
            }
        }
        return result
    }
}

extension Dataset {
    /// The rows at `indices`, in that order, with their labels and weights.
    public func rows(_ indices: [Int]) -> Dataset {
        var selected = Matrix<Double>(rows: indices.count, columns: features.columns)
        for (row, index) in indices.enumerated() {
            for column in 0..<features.columns { selected[row, column] = features[index, column] }
        }
        return Dataset(featureNames: featureNames, features: selected, labels: labels.map { all in indices.map { all[$0] } },
                       weights: weights.map { all in indices.map { all[$0] } })
    }
}
