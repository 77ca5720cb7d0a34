/// Finding the best split of a leaf from its histogram: the third stage of histogram gradient boosting.
///
/// For each feature and each threshold bin t, the left child takes the value bins 1...t and the right
/// child the rest; missing values (bin 0) are tried on both sides and the better side is learned. The
/// gain is G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ) (Newton's decrease of the loss, times two), and
/// a split must leave `minDataInLeaf` rows and `minHessianInLeaf` hessian on each side and gain more than
/// `minGain`. Ties go to the lower feature, then the lower threshold, then missing to the right.
public enum Splitter {
    /// The constraints and penalty a split must satisfy.
    public struct Settings: Codable, Sendable, Equatable {
        /// L2 penalty λ on leaf values.
        public var l2: Double
        /// Fewest rows in either child.
        public var minDataInLeaf: Int
        /// Smallest hessian sum in either child.
        public var minHessianInLeaf: Double
        /// Smallest gain worth a split.
        public var minGain: Double

        /// LightGBM's defaults: λ = 0, 20 rows, hessian 1e-3, gain 0.
        public init(l2: Double = 0, minDataInLeaf: Int = 20, minHessianInLeaf: Double = 1e-3, minGain: Double = 0) {
            self.l2 = l2
            self.minDataInLeaf = minDataInLeaf
            self.minHessianInLeaf = minHessianInLeaf
            self.minGain = minGain
        }
    }

    /// A split of one leaf.
    public struct Split: Sendable, Equatable {
        /// The feature split on.
        public var feature: Int
        /// Value bins ≤ this go left.
        public var threshold: UInt8
        /// Whether missing values (bin 0) go left.
        public var missingGoesLeft: Bool
        /// The gain.
        public var gain: Double
        /// Gradient and hessian sums and row count of the left child.
        public var leftGradient: Double, leftHessian: Double, leftCount: Int
        /// Gradient and hessian sums and row count of the right child.
        public var rightGradient: Double, rightHessian: Double, rightCount: Int
    }

    /// The score G²/(H + λ) of a node.
    @inline(__always)
    static func score(_ gradient: Double, _ hessian: Double, _ l2: Double) -> Double {
        gradient * gradient / (hessian + l2)
    }

    /// The best split of the leaf whose histogram is `histogram`, over `features` (all when nil), where
    /// feature f has `binCounts[f]` bins (missing bin included); nil when no split satisfies the settings.
    public static func bestSplit(_ histogram: Histogram, binCounts: [Int], settings: Settings,
                                 features: [Int]? = nil) -> Split? {
        var best: Split?
        for feature in features ?? Array(0..<histogram.features) {
            let base = feature * Histogram.binsPerFeature
            var totalGradient = 0.0, totalHessian = 0.0, totalCount = 0
            for bin in 0..<binCounts[feature] {
                totalGradient += histogram.gradient(base + bin)
                totalHessian += histogram.hessian(base + bin)
                totalCount += histogram.count(base + bin)
            }
            let parentScore = score(totalGradient, totalHessian, settings.l2)
            let missingGradient = histogram.gradient(base), missingHessian = histogram.hessian(base)
            let missingCount = histogram.count(base)
            // With no missing values both directions give the same splits; the first (right) wins ties anyway.
            for missingGoesLeft in missingCount == 0 ? [false] : [false, true] {
                var leftGradient = missingGoesLeft ? missingGradient : 0
                var leftHessian = missingGoesLeft ? missingHessian : 0
                var leftCount = missingGoesLeft ? missingCount : 0
                for threshold in 1..<max(1, binCounts[feature] - 1) {
                    leftGradient += histogram.gradient(base + threshold)
                    leftHessian += histogram.hessian(base + threshold)
                    leftCount += histogram.count(base + threshold)
                    let rightGradient = totalGradient - leftGradient
                    let rightHessian = totalHessian - leftHessian
                    let rightCount = totalCount - leftCount
                    guard leftCount >= settings.minDataInLeaf, rightCount >= settings.minDataInLeaf,
                          leftHessian >= settings.minHessianInLeaf, rightHessian >= settings.minHessianInLeaf else { continue }
                    let gain = score(leftGradient, leftHessian, settings.l2) + score(rightGradient, rightHessian, settings.l2)
                        - parentScore
                    guard gain > settings.minGain, gain > (best?.gain ?? -.infinity) else { continue }
                    best = Split(feature: feature, threshold: UInt8(threshold), missingGoesLeft: missingGoesLeft, gain: gain,
                                 leftGradient: leftGradient, leftHessian: leftHessian, leftCount: leftCount,
                                 rightGradient: rightGradient, rightHessian: rightHessian, rightCount: rightCount)
                }
            }
        }
        return best
    }
}
