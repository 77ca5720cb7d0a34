#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A feature's distribution on the training rows, kept in the bundle so that scoring can tell whether the
/// data it scores looks like the data the model learned from (the population stability index, PSI).
///
/// Bins: up to ten quantile bins of the present values (edges are the distinct deciles; a value `v` falls
/// in the first bin whose upper edge is ≥ v, the last bin being open), plus one bin for missing values.
public struct FeatureDistribution: Codable, Sendable, Equatable {
    /// Upper edges of all bins but the last (sorted, distinct).
    public var edges: [Double]
    /// Share of training rows in each bin: `edges.count + 1` bins of present values, then missing.
    public var shares: [Double]

    /// The PSI above which a feature is said to drift (the usual rule of thumb: above 0.25 is a
    /// significant shift).
    public static let driftThreshold = 0.25

    /// The distribution of `values` (`NaN` = missing).
    public init(values: [Double]) {
        let present = values.filter { !$0.isNaN }.sorted()
        var edges: [Double] = []
        if !present.isEmpty {
            for decile in 1..<10 {
                let edge = present[min(present.count - 1, decile * present.count / 10)]
                if edges.last != edge && edge != present.last { edges.append(edge) }
            }
        }
        self.edges = edges
        shares = FeatureDistribution.shares(of: values, edges: edges)
    }

    /// Shares of `values` in the bins of `edges` (then missing); all 0 for no values.
    static func shares(of values: [Double], edges: [Double]) -> [Double] {
        var counts = [Double](repeating: 0, count: edges.count + 2)
        for value in values {
            if value.isNaN {
                counts[edges.count + 1] += 1
                continue
            }
            var low = 0, high = edges.count
            while low < high {
                let middle = (low + high) / 2
                if edges[middle] < value { low = middle + 1 } else { high = middle }
            }
            counts[low] += 1
        }
        let total = Double(values.count)
        return counts.map { total > 0 ? $0 / total : 0 }
    }

    /// The population stability index of `values` against this distribution:
    /// Σ (actual − expected) · ln(actual / expected) over the bins, each share floored at 0.0001 so an
    /// empty bin does not divide by zero.
    public func stabilityIndex(of values: [Double]) -> Double {
        let actual = FeatureDistribution.shares(of: values, edges: edges)
        var index = 0.0
        for (expected, observed) in zip(shares, actual) {
            let e = max(expected, 0.0001), a = max(observed, 0.0001)
            index += (a - e) * log(a / e)
        }
        return index
    }
}
