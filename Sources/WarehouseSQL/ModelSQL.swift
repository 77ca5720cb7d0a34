import ScoringCore

/// A fitted model as SQL expressions over a table holding its feature columns (by name, `NULL` for a
/// missing value), computing what `loyalty score` computes, in the same order of operations:
///
/// - logistic regression: each input imputed with its training median when `NULL` (and a 0/1 missing
///   indicator where the model has one), `ln(1 + max(x, 0))` where the transform logs it, minus the mean
///   over the scale, times the coefficient, plus the intercept;
/// - gradient boosting: one `CASE` per tree on the training comparison (`x <= threshold` goes left, a
///   `NULL` the learned way), constants printed as shortest round-trip doubles; the trees are summed as a
///   balanced tree of additions so no engine meets a chain hundreds deep;
/// - a clamped, stable sigmoid (the score kept within ±700 so `exp` neither overflows nor underflows in
///   PostgreSQL), then the bundle's calibration (Platt, or isotonic as a flat `CASE` over its knots).
public struct ModelSQL: Sendable {
    /// The dialect written.
    public let dialect: SQLDialect

    /// A writer for `dialect`.
    public init(dialect: SQLDialect) {
        self.dialect = dialect
    }

    /// The column of feature `name`.
    func column(_ name: String) -> String { dialect.identifier(name) }

    /// The trees' or the linear model's score columns: for logistic regression one expression (the log-odds);
    /// for gradient boosting one per tree, the base score added to the first. Nil for an uplift model.
    public func scoreTerms(_ model: ModelFile) -> [String]? {
        switch model.fitted {
        case .logistic(_, let transform, let fitted):
            return [linear(transform: transform, model: fitted, names: model.featureNames)]
        case .gradientBoosting(_, let fitted):
            let names = model.featureNames
            var terms = fitted.trees.map { tree(tree: $0, names: names) }
            if terms.isEmpty { terms = [dialect.double(0)] }
            terms[0] = "(\(dialect.double(fitted.baseScore)) + \(terms[0]))"
            return terms
        case .uplift:
            return nil
        }
    }

    /// The log-odds of logistic regression: intercept + Σ coefficient × standardized input.
    func linear(transform: FeatureTransform, model: FittedLogisticRegression, names: [String]) -> String {
        var inputs: [String] = transform.columns.enumerated().map { index, column in
            var value = "COALESCE(\(self.column(names[index])), \(dialect.double(column.median)))"
            if column.log1p { value = "LN(\(dialect.double(1)) + GREATEST(\(value), \(dialect.double(0))))" }
            return value
        }
        inputs += transform.columns.indices.filter { transform.columns[$0].missingIndicator }.map { index in
            "(CASE WHEN \(self.column(names[index])) IS NULL THEN \(dialect.double(1)) ELSE \(dialect.double(0)) END)"
        }
        let terms = inputs.enumerated().map { index, input in
            "\(dialect.double(model.coefficients[index])) * ((\(input) - \(dialect.double(transform.means[index]))) / \(dialect.double(transform.scales[index])))"
        }
        return "(" + ([dialect.double(model.intercept)] + terms).joined(separator: "\n      + ") + ")"
    }

    /// One tree as nested `CASE` expressions, the root first.
    func tree(tree: Tree, names: [String]) -> String {
        guard !tree.feature.isEmpty else { return dialect.double(tree.leafValue.first ?? 0) }
        func node(_ index: Int32) -> String {
            guard index >= 0 else { return dialect.double(tree.leafValue[Int(~index)]) }
            let i = Int(index)
            let value = column(names[Int(tree.feature[i])])
            let test = "\(value) <= \(dialect.double(tree.threshold[i]))" + (tree.missingGoesLeft[i] ? " OR \(value) IS NULL" : "")
            return "CASE WHEN \(test) THEN \(node(tree.left[i])) ELSE \(node(tree.right[i])) END"
        }
        return node(0)
    }

    /// `terms` added as a balanced tree: depth ⌈log₂ n⌉ instead of n.
    public func balancedSum(_ terms: [String]) -> String {
        guard terms.count > 1 else { return terms.first ?? dialect.double(0) }
        let middle = terms.count / 2
        return "(\(balancedSum(Array(terms[..<middle]))) + \(balancedSum(Array(terms[middle...]))))"
    }

    /// The probability from the log-odds `score`: the stable sigmoid of the score clamped to ±700.
    public func sigmoid(_ score: String) -> String {
        let clamped = "LEAST(GREATEST(\(score), \(dialect.double(-700))), \(dialect.double(700)))"
        let one = dialect.double(1)
        return "(CASE WHEN \(clamped) >= \(dialect.double(0)) THEN \(one) / (\(one) + EXP(-\(clamped))) "
            + "ELSE EXP(\(clamped)) / (\(one) + EXP(\(clamped))) END)"
    }

    /// The calibrated probability of the model's probability in column `raw`.
    public func calibrated(_ raw: String, calibration: ProbabilityCalibration?) -> String {
        let one = dialect.double(1)
        switch calibration ?? .identity {
        case .identity:
            return raw
        case .platt(let slope, let intercept):
            let clipped = "LEAST(GREATEST(\(raw), \(dialect.double(1e-15))), \(dialect.double(1 - 1e-15)))"
            return sigmoid("(\(dialect.double(slope)) * LN(\(clipped) / (\(one) - \(clipped))) + \(dialect.double(intercept)))")
        case .isotonic(let inputs, let outputs):
            guard let first = inputs.first, let last = inputs.last else { return raw }
            var cases = "CASE WHEN \(raw) IS NULL THEN NULL WHEN \(raw) <= \(dialect.double(first)) THEN \(dialect.double(outputs[0])) "
                + "WHEN \(raw) >= \(dialect.double(last)) THEN \(dialect.double(outputs[outputs.count - 1]))"
            for index in 0..<(inputs.count - 1) where inputs[index + 1] > inputs[index] {
                cases += "\n        WHEN \(raw) < \(dialect.double(inputs[index + 1])) THEN \(dialect.double(outputs[index])) + (\(raw) - "
                    + "\(dialect.double(inputs[index]))) / \(dialect.double(inputs[index + 1] - inputs[index])) * "
                    + dialect.double(outputs[index + 1] - outputs[index])
            }
            cases += " END"
            return "LEAST(GREATEST(\(cases), \(dialect.double(ProbabilityCalibration.probabilityFloor))), "
                + "\(dialect.double(1 - ProbabilityCalibration.probabilityFloor)))"
        }
    }
}
