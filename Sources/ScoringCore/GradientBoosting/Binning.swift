import LinearAlgebra

/// Quantile binning of features into `UInt8` bins, the first stage of histogram gradient boosting.
///
/// Bin 0 holds missing values; value bins are 1...k with k ≤ `maxBins − 1`. A feature with few distinct
/// values gets one bin per value (thresholds halfway between neighbours, as LightGBM does); otherwise the
/// thresholds are quantiles of a sample of rows (every n-th row: deterministic, no random state). A value
/// v falls in bin 1 + (number of thresholds below v), so bins preserve order, and values beyond the
/// training range fall in the first or last bin.
public struct FeatureBinner: Codable, Sendable, Equatable {
    /// Per feature, the ascending thresholds: value bin b (1-based) holds values ≤ thresholds[b − 1]
    /// and > thresholds[b − 2]; the last bin holds everything above the last threshold.
    public var thresholds: [[Double]]

    /// The number of bins of feature `feature`, the missing bin included.
    public func binCount(_ feature: Int) -> Int { thresholds[feature].count + 2 }

    /// Fits thresholds on `matrix` with at most `maxBins` bins per feature (2...256, missing bin
    /// included), from at most `sampleRows` rows.
    ///
    /// - Complexity: O(features · s log s) for s sampled rows.
    public static func fit(_ matrix: Matrix<Double>, maxBins: Int = 255, sampleRows: Int = 200_000) -> FeatureBinner {
        precondition((2...256).contains(maxBins), "maxBins must be 2...256")
        let valueBins = maxBins - 1
        let stride = max(1, matrix.rows / max(1, sampleRows))
        var thresholds: [[Double]] = []
        for feature in 0..<matrix.columns {
            var values: [Double] = []
            var row = 0
            while row < matrix.rows {
                let value = matrix[row, feature]
                if !value.isNaN { values.append(value) }
                row += stride
            }
            values.sort()
            var distinct: [Double] = []
            for value in values where distinct.last != value { distinct.append(value) }
            var cuts: [Double] = []
            if distinct.count <= valueBins {
                for index in 0..<max(0, distinct.count - 1) {
                    cuts.append(distinct[index] + (distinct[index + 1] - distinct[index]) / 2)
                }
            } else {
                for bin in 1..<valueBins {
                    let cut = values[min(values.count - 1, (bin * values.count) / valueBins)]
                    if cuts.last.map({ cut > $0 }) ?? true, cut < distinct.last! { cuts.append(cut) }
                }
            }
            thresholds.append(cuts)
        }
        return FeatureBinner(thresholds: thresholds)
    }

    /// The bin of `value` for `feature`.
    @inline(__always)
    public func bin(_ value: Double, feature: Int) -> UInt8 {
        if value.isNaN { return 0 }
        let cuts = thresholds[feature]
        var low = 0
        var high = cuts.count
        while low < high {
            let middle = (low + high) / 2
            if cuts[middle] < value { low = middle + 1 } else { high = middle }
        }
        return UInt8(low + 1)
    }

    /// The binned matrix, row-major (`bins[row * features + feature]`) so that a histogram pass over a
    /// leaf's rows reads each row's bins from one cache line.
    public func transform(_ matrix: Matrix<Double>) -> BinnedMatrix {
        precondition(matrix.columns == thresholds.count, "the matrix has \(matrix.columns) features, the binner \(thresholds.count)")
        var bins = [UInt8](repeating: 0, count: matrix.rows * matrix.columns)
        matrix.withUnsafeBufferPointer { values in
            for row in 0..<matrix.rows {
                for feature in 0..<matrix.columns {
                    bins[row * matrix.columns + feature] = bin(values[row * matrix.columns + feature], feature: feature)
                }
            }
        }
        return BinnedMatrix(rows: matrix.rows, features: matrix.columns, bins: bins)
    }
}

/// Features as bins, one byte a value, row-major.
public struct BinnedMatrix: Sendable, Equatable {
    /// Rows.
    public let rows: Int
    /// Features.
    public let features: Int
    /// `bins[row * features + feature]`.
    public let bins: [UInt8]

    /// The bin of `row` for `feature`.
    public subscript(row: Int, feature: Int) -> UInt8 { bins[row * features + feature] }
}
