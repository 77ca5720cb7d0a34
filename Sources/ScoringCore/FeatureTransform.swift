import Foundation
import LinearAlgebra

/// The transforms fitted on training data and applied unchanged to any later table: median imputation
/// with missing-value indicators, `log1p` for skewed non-negative columns, and standardization.
///
/// Output columns: every input column transformed, then one indicator (1 when the value was missing)
/// for each column that had missing values in training, as scikit-learn's
/// `SimpleImputer(strategy="median", add_indicator=True)` lays them out; every output column is then
/// standardized (mean 0, population standard deviation 1, as `StandardScaler`).
public struct FeatureTransform: Codable, Sendable, Equatable {
    /// Which transforms to fit.
    public struct Settings: Codable, Sendable, Equatable {
        /// Apply `log1p` to non-negative columns whose skewness exceeds `skewThreshold`.
        public var logSkewed: Bool
        /// Sample skewness above which a non-negative column is log-transformed.
        public var skewThreshold: Double
        /// Standardize every output column.
        public var standardize: Bool

        /// The defaults: log-transform skewed counts and amounts, standardize.
        public init(logSkewed: Bool = true, skewThreshold: Double = 1.0, standardize: Bool = true) {
            self.logSkewed = logSkewed
            self.skewThreshold = skewThreshold
            self.standardize = standardize
        }
    }

    /// How one input column is transformed.
    public struct Column: Codable, Sendable, Equatable {
        /// The input column's name.
        public var name: String
        /// The training median of its non-missing values (0 when all were missing).
        public var median: Double
        /// Whether `log1p` is applied (after imputation).
        public var log1p: Bool
        /// Whether training had missing values here, so an indicator column is added.
        public var missingIndicator: Bool
    }

    /// The settings it was fitted with.
    public var settings: Settings
    /// One entry per input column, in input order.
    public var columns: [Column]
    /// Mean of each output column in training (before standardization).
    public var means: [Double]
    /// Scale of each output column: its training population standard deviation (1 when constant or
    /// when not standardizing).
    public var scales: [Double]

    /// The names of the output columns: the inputs, then `name_missing` indicators.
    public var outputNames: [String] {
        columns.map(\.name) + columns.filter(\.missingIndicator).map { "\($0.name)_missing" }
    }

    /// Fits the transforms on `matrix`, whose columns are named by `names`.
    ///
    /// - Complexity: O(rows · columns · log rows) (medians by sorting).
    public static func fit(_ matrix: Matrix<Double>, names: [String], settings: Settings = Settings()) -> FeatureTransform {
        precondition(names.count == matrix.columns, "one name per column")
        var columns: [Column] = []
        for column in 0..<matrix.columns {
            var observed: [Double] = []
            observed.reserveCapacity(matrix.rows)
            for row in 0..<matrix.rows where !matrix[row, column].isNaN { observed.append(matrix[row, column]) }
            let median = Self.median(observed)
            var logTransform = false
            if settings.logSkewed, let minimum = observed.min(), minimum >= 0 {
                logTransform = skewness(observed) > settings.skewThreshold
            }
            columns.append(Column(name: names[column], median: median, log1p: logTransform,
                                  missingIndicator: observed.count < matrix.rows))
        }
        var transform = FeatureTransform(settings: settings, columns: columns, means: [], scales: [])
        let unscaled = transform.imputeAndLog(matrix)
        let count = Double(max(unscaled.rows, 1))
        var means = [Double](repeating: 0, count: unscaled.columns)
        var scales = [Double](repeating: 1, count: unscaled.columns)
        for column in 0..<unscaled.columns {
            var sum = 0.0
            for row in 0..<unscaled.rows { sum += unscaled[row, column] }
            let mean = sum / count
            var squares = 0.0
            for row in 0..<unscaled.rows {
                let difference = unscaled[row, column] - mean
                squares += difference * difference
            }
            means[column] = mean
            let deviation = (squares / count).squareRoot()
            if settings.standardize && deviation > 0 { scales[column] = deviation }
        }
        if !settings.standardize { means = means.map { _ in 0 } }
        transform.means = means
        transform.scales = scales
        return transform
    }

    /// The transformed matrix of `matrix` (its columns in training order).
    public func apply(_ matrix: Matrix<Double>) -> Matrix<Double> {
        var result = imputeAndLog(matrix)
        result.withUnsafeMutableBufferPointer { values in
            let width = means.count
            for row in 0..<matrix.rows {
                for column in 0..<width {
                    let index = row * width + column
                    values[index] = (values[index] - means[column]) / scales[column]
                }
            }
        }
        return result
    }

    /// Imputation, `log1p` and indicators, before standardization.
    private func imputeAndLog(_ matrix: Matrix<Double>) -> Matrix<Double> {
        precondition(matrix.columns == columns.count, "the matrix has \(matrix.columns) columns, the transform \(columns.count)")
        let indicatorColumns = columns.indices.filter { columns[$0].missingIndicator }
        let width = columns.count + indicatorColumns.count
        var result = Matrix<Double>(rows: matrix.rows, columns: width)
        for row in 0..<matrix.rows {
            for (column, settings) in columns.enumerated() {
                var value = matrix[row, column]
                if value.isNaN { value = settings.median }
                if settings.log1p { value = Foundation.log1p(max(value, 0)) }
                result[row, column] = value
            }
            for (offset, column) in indicatorColumns.enumerated() {
                result[row, columns.count + offset] = matrix[row, column].isNaN ? 1 : 0
            }
        }
        return result
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func skewness(_ values: [Double]) -> Double {
        guard values.count > 2 else { return 0 }
        let count = Double(values.count)
        let mean = values.reduce(0, +) / count
        var second = 0.0
        var third = 0.0
        for value in values {
            let difference = value - mean
            second += difference * difference
            third += difference * difference * difference
        }
        second /= count
        third /= count
        return second > 0 ? third / pow(second, 1.5) : 0
    }
}
