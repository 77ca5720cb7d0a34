/// Sums of gradients, hessians and row counts per (feature, bin) over the rows of one leaf: the second
/// stage of histogram gradient boosting.
///
/// Gradients and hessians come in as `Float` (half the memory traffic of `Double`) and are summed in
/// `Double`. A parent's histogram minus its smaller child's is the larger child's (the subtraction
/// trick), so only the smaller child is ever built from rows.
public struct Histogram: Sendable, Equatable {
    /// Bins per feature in the layout (always 256: a `UInt8` bin indexes it directly).
    public static let binsPerFeature = 256
    /// Features.
    public let features: Int
    /// Gradient sums, `[feature * 256 + bin]`.
    public internal(set) var gradient: [Double]
    /// Hessian sums, same layout.
    public internal(set) var hessian: [Double]
    /// Row counts, same layout.
    public internal(set) var count: [Int32]

    /// An empty histogram for `features` features.
    public init(features: Int) {
        self.features = features
        gradient = [Double](repeating: 0, count: features * Self.binsPerFeature)
        hessian = gradient
        count = [Int32](repeating: 0, count: features * Self.binsPerFeature)
    }

    /// The histogram of `rows` of `binned`.
    ///
    /// - Complexity: O(rows · features), one contiguous pass over each feature's bins.
    public static func build(_ binned: BinnedMatrix, rows: [Int32], gradients: [Float], hessians: [Float]) -> Histogram {
        var histogram = Histogram(features: binned.features)
        binned.bins.withUnsafeBufferPointer { bins in
            histogram.gradient.withUnsafeMutableBufferPointer { gradientSums in
                histogram.hessian.withUnsafeMutableBufferPointer { hessianSums in
                    histogram.count.withUnsafeMutableBufferPointer { counts in
                        for feature in 0..<binned.features {
                            let column = feature * binned.rows
                            let base = feature * binsPerFeature
                            for row in rows {
                                let slot = base + Int(bins[column + Int(row)])
                                gradientSums[slot] += Double(gradients[Int(row)])
                                hessianSums[slot] += Double(hessians[Int(row)])
                                counts[slot] += 1
                            }
                        }
                    }
                }
            }
        }
        return histogram
    }

    /// `self − child`: the histogram of the parent's other child.
    public func subtracting(_ child: Histogram) -> Histogram {
        precondition(features == child.features, "histograms of different widths")
        var result = self
        for slot in 0..<gradient.count {
            result.gradient[slot] -= child.gradient[slot]
            result.hessian[slot] -= child.hessian[slot]
            result.count[slot] -= child.count[slot]
        }
        return result
    }
}
