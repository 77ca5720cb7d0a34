/// Sums of gradients, hessians and row counts per (feature, bin) over the rows of one leaf: the second
/// stage of histogram gradient boosting.
///
/// Gradients and hessians come in as `Float` (half the memory traffic of `Double`) and are summed in
/// `Double`. The three sums of a slot sit side by side (`sums[3 · slot ...]`), so adding a row touches
/// one cache line per feature. A parent's histogram minus its smaller child's is the larger child's (the
/// subtraction trick), so only the smaller child is ever built from rows.
public struct Histogram: Sendable, Equatable {
    /// Bins per feature in the layout (always 256: a `UInt8` bin indexes it directly).
    public static let binsPerFeature = 256
    /// Features.
    public let features: Int
    /// For slot `feature * 256 + bin`: gradient sum at `3 · slot`, hessian sum at `3 · slot + 1`, row
    /// count at `3 · slot + 2` (exact in a `Double` below 2⁵³ rows).
    public internal(set) var sums: [Double]

    /// An empty histogram for `features` features.
    public init(features: Int) {
        self.features = features
        sums = [Double](repeating: 0, count: 3 * features * Self.binsPerFeature)
    }

    /// Gradient sum of a slot (`feature * 256 + bin`).
    @inline(__always) public func gradient(_ slot: Int) -> Double { sums[3 &* slot] }
    /// Hessian sum of a slot.
    @inline(__always) public func hessian(_ slot: Int) -> Double { sums[3 &* slot &+ 1] }
    /// Row count of a slot.
    @inline(__always) public func count(_ slot: Int) -> Int { Int(sums[3 &* slot &+ 2]) }

    /// The histogram of `rows` of `binned`, with features shared out over `threads` threads.
    ///
    /// Row-wise: each of the leaf's rows is read once (its bins share a cache line) and added to every
    /// feature's histogram. The gradients and hessians are first gathered into the leaf's row order
    /// (LightGBM's "ordered gradients"). Threads split the features, not the rows: each slot is summed by
    /// one thread in row order, so the sums are the same bits for any thread count.
    ///
    /// - Complexity: O(rows · features).
    public static func build(_ binned: BinnedMatrix, rows: [Int32], gradients: [Float], hessians: [Float],
                             threads: Int = 1) -> Histogram {
        var histogram = Histogram(features: binned.features)
        let count = rows.count
        let allRows = count == binned.rows
        // Interleaved (gradient, hessian) of the leaf's rows, in the leaf's order.
        var ordered = [Float](unsafeUninitializedCapacity: 2 * count) { buffer, initialized in
            for (index, row) in rows.enumerated() {
                buffer[2 * index] = gradients[Int(row)]
                buffer[2 * index + 1] = hessians[Int(row)]
            }
            initialized = 2 * count
        }
        binned.bins.withUnsafeBufferPointer { bins in
            rows.withUnsafeBufferPointer { rows in
                ordered.withUnsafeMutableBufferPointer { ordered in
                    histogram.sums.withUnsafeMutableBufferPointer { sums in
                        let pass = HistogramPass(bins: bins.baseAddress!, width: binned.features, rows: rows.baseAddress!,
                                                 count: count, allRows: allRows, ordered: ordered.baseAddress!,
                                                 sums: sums.baseAddress!)
                        ParallelChunks.forEach(0..<binned.features, chunks: threads) { pass.sum(features: $0) }
                    }
                }
            }
        }
        return histogram
    }

    /// Turns `self` (a parent's histogram) into its other child's by subtracting `child`, in place.
    public mutating func subtract(_ child: Histogram) {
        precondition(features == child.features, "histograms of different widths")
        sums.withUnsafeMutableBufferPointer { sums in
            child.sums.withUnsafeBufferPointer { childSums in
                for index in 0..<sums.count { sums[index] -= childSums[index] }
            }
        }
    }
}

/// One histogram pass's buffers. Threads share it, each summing a disjoint range of features (so no two
/// threads write the same slot), which is why it may be marked `Sendable`.
private struct HistogramPass: @unchecked Sendable {
    let bins: UnsafePointer<UInt8>
    let width: Int
    let rows: UnsafePointer<Int32>
    let count: Int
    let allRows: Bool
    let ordered: UnsafeMutablePointer<Float>
    let sums: UnsafeMutablePointer<Double>

    /// Sums the ordered gradients and hessians into the bins of `features`.
    func sum(features: Range<Int>) {
        let first = features.lowerBound, end = features.upperBound
        for index in 0..<count {
            let rowBins = bins + (allRows ? index : Int(rows[index])) &* width
            let gradient = Double(ordered[2 &* index]), hessian = Double(ordered[2 &* index &+ 1])
            var feature = first
            while feature < end {
                let slot = 3 &* (feature &* Histogram.binsPerFeature &+ Int(rowBins[feature]))
                sums[slot] += gradient
                sums[slot &+ 1] += hessian
                sums[slot &+ 2] += 1
                feature &+= 1
            }
        }
    }
}
