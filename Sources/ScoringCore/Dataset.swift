import LinearAlgebra

/// A numeric table to learn from or score: a dense matrix (rows × features) with feature names, and
/// optionally binary labels and row weights.
///
/// Missing values are `NaN`; transforms (`FeatureTransform`) impute them before a model sees them.
public struct Dataset: Sendable {
    /// The name of each feature column.
    public var featureNames: [String]
    /// The feature values, row-major; `NaN` where missing.
    public var features: Matrix<Double>
    /// The label of each row (0 or 1), when known.
    public var labels: [Double]?
    /// The weight of each row, when given (1 otherwise).
    public var weights: [Double]?

    /// A dataset over `features`, whose columns are named by `featureNames`.
    public init(featureNames: [String], features: Matrix<Double>, labels: [Double]? = nil, weights: [Double]? = nil) {
        precondition(featureNames.count == features.columns, "one name per feature column")
        precondition(labels.map { $0.count == features.rows } ?? true, "one label per row")
        precondition(weights.map { $0.count == features.rows } ?? true, "one weight per row")
        self.featureNames = featureNames
        self.features = features
        self.labels = labels
        self.weights = weights
    }

    /// The number of rows.
    public var rowCount: Int { features.rows }

    /// The rows at `rows` (in that order), with their labels and weights.
    public func subset(rows: [Int]) -> Dataset {
        let width = features.columns
        var values: [Double] = []
        values.reserveCapacity(rows.count * width)
        features.withUnsafeBufferPointer { buffer in
            for row in rows { values.append(contentsOf: buffer[(row * width)..<((row + 1) * width)]) }
        }
        return Dataset(featureNames: featureNames, features: Matrix(rows: rows.count, columns: width, elements: values),
                       labels: labels.map { all in rows.map { all[$0] } }, weights: weights.map { all in rows.map { all[$0] } })
    }

    /// The matrix of the named features, in that order; throws when one is missing from this table.
    public func features(named names: [String]) throws -> Matrix<Double> {
        var positions: [Int] = []
        for name in names {
            guard let position = featureNames.firstIndex(of: name) else {
                throw ScoringCoreError.missingFeature(name: name, available: featureNames)
            }
            positions.append(position)
        }
        if positions == Array(0..<featureNames.count) { return features }
        var selected = Matrix<Double>(rows: rowCount, columns: names.count)
        for row in 0..<rowCount {
            for (column, position) in positions.enumerated() {
                selected[row, column] = features[row, position]
            }
        }
        return selected
    }

    /// Labels that are shares in [0, 1] rather than classes (an X-learner's imputed effects, rescaled):
    /// checked to be finite and in range; both ends need not occur.
    public func softLabels() throws -> [Double] {
        guard let labels, !labels.isEmpty else { throw ScoringCoreError.emptyDataset }
        for (row, label) in labels.enumerated() where !(label >= 0 && label <= 1) {
            throw ScoringCoreError.invalidLabel(row: row + 1, value: label)
        }
        return labels
    }

    /// Checks that every label is 0 or 1 and both classes occur; returns the labels.
    public func binaryLabels() throws -> [Double] {
        guard let labels, !labels.isEmpty else { throw ScoringCoreError.emptyDataset }
        for (row, label) in labels.enumerated() where label != 0 && label != 1 {
            throw ScoringCoreError.invalidLabel(row: row + 1, value: label)
        }
        if labels.allSatisfy({ $0 == labels[0] }) { throw ScoringCoreError.singleClass(label: labels[0]) }
        return labels
    }
}
