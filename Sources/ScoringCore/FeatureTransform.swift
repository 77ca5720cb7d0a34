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
        fitAndApply(matrix, names: names, settings: settings).transform
    }

    /// Fits the transforms on `matrix` and returns them with the transformed matrix, which costs one
    /// pass less than `fit` followed by `apply`.
    public static func fitAndApply(_ matrix: Matrix<Double>, names: [String], settings: Settings = Settings())
        -> (transform: FeatureTransform, transformed: Matrix<Double>) {
        precondition(names.count == matrix.columns, "one name per column")
        // One row-major pass gathers each column's observed values (column-wise strides through a large
        // row-major matrix would miss the cache on every element).
        var observed = [[Double]](repeating: [], count: matrix.columns)
        for column in 0..<matrix.columns { observed[column].reserveCapacity(matrix.rows) }
        matrix.withUnsafeBufferPointer { values in
            for row in 0..<matrix.rows {
                for column in 0..<matrix.columns {
                    let value = values[row * matrix.columns + column]
                    if !value.isNaN { observed[column].append(value) }
                }
            }
        }
        var columns: [Column] = []
        for column in 0..<matrix.columns {
            var logTransform = false
            if settings.logSkewed, let minimum = observed[column].min(), minimum >= 0 {
                logTransform = skewness(observed[column]) > settings.skewThreshold
            }
            columns.append(Column(name: names[column], median: median(observed[column]), log1p: logTransform,
                                  missingIndicator: observed[column].count < matrix.rows))
            observed[column] = []
        }
        var transform = FeatureTransform(settings: settings, columns: columns, means: [], scales: [])
        var unscaled = transform.imputeAndLog(matrix)
        let width = unscaled.columns
        let count = Double(max(unscaled.rows, 1))
        var sums = [Double](repeating: 0, count: width)
        unscaled.withUnsafeBufferPointer { values in
            for row in 0..<unscaled.rows {
                for column in 0..<width { sums[column] += values[row * width + column] }
            }
        }
        let means = sums.map { $0 / count }
        var squares = [Double](repeating: 0, count: width)
        unscaled.withUnsafeBufferPointer { values in
            for row in 0..<unscaled.rows {
                for column in 0..<width {
                    let difference = values[row * width + column] - means[column]
                    squares[column] += difference * difference
                }
            }
        }
        var scales = [Double](repeating: 1, count: width)
        for column in 0..<width {
            let deviation = (squares[column] / count).squareRoot()
            if settings.standardize && deviation > 0 { scales[column] = deviation }
        }
        transform.means = settings.standardize ? means : means.map { _ in 0 }
        transform.scales = scales
        transform.standardize(&unscaled)
        return (transform, unscaled)
    }

    /// The transformed matrix of `matrix` (its columns in training order).
    public func apply(_ matrix: Matrix<Double>) -> Matrix<Double> {
        var result = imputeAndLog(matrix)
        standardize(&result)
        return result
    }

    /// Subtracts the means and divides by the scales, in place.
    private func standardize(_ matrix: inout Matrix<Double>) {
        let width = means.count
        let rows = matrix.rows
        matrix.withUnsafeMutableBufferPointer { values in
            for row in 0..<rows {
                for column in 0..<width {
                    let index = row * width + column
                    values[index] = (values[index] - means[column]) / scales[column]
                }
            }
        }
    }

    /// Imputation, `log1p` and indicators, before standardization.
    private func imputeAndLog(_ matrix: Matrix<Double>) -> Matrix<Double> {
        precondition(matrix.columns == columns.count, "the matrix has \(matrix.columns) columns, the transform \(columns.count)")
        let indicatorColumns = columns.indices.filter { columns[$0].missingIndicator }
        let inputWidth = columns.count
        let width = inputWidth + indicatorColumns.count
        let medians = columns.map(\.median)
        let logs = columns.map(\.log1p)
        let result = matrix.withUnsafeBufferPointer { source in
            Matrix<Double>(rows: matrix.rows, columns: width) { target in
                for row in 0..<matrix.rows {
                    for column in 0..<inputWidth {
                        var value = source[row * inputWidth + column]
                        if value.isNaN { value = medians[column] }
                        if logs[column] { value = Foundation.log1p(max(value, 0)) }
                        target[row * width + column] = value
                    }
                    for (offset, column) in indicatorColumns.enumerated() {
                        target[row * width + inputWidth + offset] = source[row * inputWidth + column].isNaN ? 1 : 0
                    }
                }
            }
        }
        return result
    }

    /// The median (the mean of the two middle values for an even count; 0 for no values), by quickselect.
    ///
    /// - Complexity: O(n) expected.
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        var work = values
        let middle = work.count / 2
        let upper = select(&work, middle)
        if work.count % 2 == 1 { return upper }
        // After selecting, everything before `middle` is ≤ the upper middle: the lower middle is their maximum.
        let lower = work[..<middle].max()!
        return (lower + upper) / 2
    }

    /// Moves the `k`-th smallest value to index `k` (smaller before, larger after) and returns it.
    static func select(_ values: inout [Double], _ k: Int) -> Double {
        var low = 0
        var high = values.count - 1
        while low < high {
            // Median of three as the pivot keeps sorted inputs linear.
            let middle = (low + high) / 2
            let pivot = max(min(values[low], values[middle]), min(max(values[low], values[middle]), values[high]))
            var left = low
            var right = high
            while left <= right {
                while values[left] < pivot { left += 1 }
                while values[right] > pivot { right -= 1 }
                if left <= right {
                    values.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            if k <= right { high = right } else if k >= left { low = left } else { break }
        }
        return values[k]
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
