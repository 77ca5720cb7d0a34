import Dispatch

/// Growing one tree leaf-wise (best-first, as LightGBM): the fourth stage of histogram gradient boosting.
///
/// Start with every row in one leaf; repeatedly split the leaf whose best split gains most, until
/// `maxLeaves` leaves, `maxDepth`, or no split passes the `Splitter.Settings`. Only the smaller child's
/// histogram is built from rows; the larger one's is the parent's minus it. Leaf values are the Newton
/// step −G/(H + λ) times the learning rate.
public enum TreeGrower {
    /// How large a tree may grow.
    public struct Settings: Codable, Sendable, Equatable {
        /// Most leaves.
        public var maxLeaves: Int
        /// Deepest level (root at 0); nil for no limit.
        public var maxDepth: Int?
        /// Split constraints.
        public var split: Splitter.Settings
        /// Multiplier of leaf values.
        public var learningRate: Double

        /// LightGBM's defaults: 31 leaves, no depth limit, learning rate 0.1.
        public init(maxLeaves: Int = 31, maxDepth: Int? = nil, split: Splitter.Settings = .init(), learningRate: Double = 0.1) {
            self.maxLeaves = maxLeaves
            self.maxDepth = maxDepth
            self.split = split
            self.learningRate = learningRate
        }
    }

    private struct Leaf {
        var rows: [Int32]
        var histogram: Histogram
        var depth: Int
        var best: Splitter.Split?
        /// Gradient and hessian sums of the leaf's rows (the leaf value is −G/(H + λ)).
        var gradient: Double, hessian: Double
        /// Where this leaf hangs: (parent node, is left child), nil for the root.
        var parent: (node: Int, isLeft: Bool)?
    }

    /// Grows a tree on `rows` of `binned` (binned by `binner`) for the given gradients and hessians,
    /// trying `features` (all when nil) at each split, building histograms with `threads` threads.
    public static func grow(_ binned: BinnedMatrix, binner: FeatureBinner, rows: [Int32], gradients: [Float],
                            hessians: [Float], settings: Settings, features: [Int]? = nil, threads: Int = 1) -> Tree {
        growWithLeafRows(binned, binner: binner, rows: rows, gradients: gradients, hessians: hessians,
                         settings: settings, features: features, threads: threads).tree
    }

    /// `grow`, also returning the rows of each leaf (so the boosting loop can update scores without
    /// walking the tree).
    static func growWithLeafRows(_ binned: BinnedMatrix, binner: FeatureBinner, rows: [Int32], gradients: [Float],
                                 hessians: [Float], settings: Settings, features: [Int]?,
                                 threads: Int) -> (tree: Tree, leafRows: [[Int32]]) {
        let binCounts = (0..<binned.features).map(binner.binCount)
        func bestSplit(_ histogram: Histogram, depth: Int) -> Splitter.Split? {
            if let maxDepth = settings.maxDepth, depth >= maxDepth { return nil }
            return Splitter.bestSplit(histogram, binCounts: binCounts, settings: settings.split, features: features)
        }
        let rootHistogram = Histogram.build(binned, rows: rows, gradients: gradients, hessians: hessians, threads: threads)
        var rootGradient = 0.0, rootHessian = 0.0
        for bin in 0..<Histogram.binsPerFeature where binned.features > 0 {
            rootGradient += rootHistogram.gradient(bin)
            rootHessian += rootHistogram.hessian(bin)
        }
        var leaves = [Leaf(rows: rows, histogram: rootHistogram, depth: 0, best: bestSplit(rootHistogram, depth: 0),
                           gradient: rootGradient, hessian: rootHessian, parent: nil)]
        var tree = Tree()
        while leaves.count < settings.maxLeaves {
            // The leaf with the largest gain (ties: the earliest leaf).
            var chosen: Int?
            for (index, leaf) in leaves.enumerated() {
                guard let gain = leaf.best?.gain else { continue }
                if chosen.map({ gain > leaves[$0].best!.gain }) ?? true { chosen = index }
            }
            guard let index = chosen, let split = leaves[index].best else { break }
            // Take the leaf out, so that its histogram can become the larger child's in place.
            var leaf = leaves[index]
            leaves[index].histogram = Histogram(features: 0)
            leaves[index].rows = []
            let node = tree.feature.count
            tree.feature.append(Int32(split.feature))
            tree.thresholdBin.append(split.threshold)
            let cuts = binner.thresholds[split.feature]
            tree.threshold.append(Int(split.threshold) - 1 < cuts.count ? cuts[Int(split.threshold) - 1] : .infinity)
            tree.missingGoesLeft.append(split.missingGoesLeft)
            tree.left.append(0)
            tree.right.append(0)
            tree.gain.append(split.gain)
            tree.nodeCount.append(Int32(leaf.rows.count))
            if let parent = leaf.parent {
                if parent.isLeft { tree.left[parent.node] = Int32(node) } else { tree.right[parent.node] = Int32(node) }
            }
            // Partition the rows; the histogram counted each side exactly, so the buffers are sized in advance.
            var rightRows: [Int32] = []
            let leftRows = [Int32](unsafeUninitializedCapacity: split.leftCount) { left, leftCount in
                rightRows = [Int32](unsafeUninitializedCapacity: split.rightCount) { right, rightCount in
                    binned.bins.withUnsafeBufferPointer { bins in
                        leaf.rows.withUnsafeBufferPointer { rows in
                            let pass = PartitionPass(rows: rows, bins: bins.baseAddress!, width: binned.features, split: split,
                                                     left: left, right: right)
                            pass.run(threads: rows.count >= 65_536 ? threads : 1)
                        }
                    }
                    rightCount = split.rightCount
                }
                leftCount = split.leftCount
            }
            let leftIsSmaller = leftRows.count <= rightRows.count
            let smaller = Histogram.build(binned, rows: leftIsSmaller ? leftRows : rightRows, gradients: gradients,
                                          hessians: hessians, threads: threads)
            var larger = leaf.histogram
            leaf.histogram = Histogram(features: 0)
            larger.subtract(smaller)
            let leftHistogram = leftIsSmaller ? smaller : larger
            let rightHistogram = leftIsSmaller ? larger : smaller
            let depth = leaf.depth + 1
            leaves[index] = Leaf(rows: leftRows, histogram: leftHistogram, depth: depth,
                                 best: bestSplit(leftHistogram, depth: depth),
                                 gradient: split.leftGradient, hessian: split.leftHessian, parent: (node, true))
            leaves.append(Leaf(rows: rightRows, histogram: rightHistogram, depth: depth,
                               best: bestSplit(rightHistogram, depth: depth),
                               gradient: split.rightGradient, hessian: split.rightHessian, parent: (node, false)))
        }
        // Leaves, numbered in the order they now stand; point their parents at them.
        for (index, leaf) in leaves.enumerated() {
            tree.leafValue.append(-leaf.gradient / (leaf.hessian + settings.split.l2) * settings.learningRate)
            tree.leafCount.append(Int32(leaf.rows.count))
            if let parent = leaf.parent {
                if parent.isLeft { tree.left[parent.node] = ~Int32(index) } else { tree.right[parent.node] = ~Int32(index) }
            }
        }
        return (tree, leaves.map(\.rows))
    }
}

/// Splitting a leaf's rows between its children, in row order, on one or two threads: the first half
/// of the rows fills each child's buffer from the front, the second half (walked backwards) from the back,
/// so both meet exactly where the histogram's counts say and the order is the sequential one.
/// Threads write disjoint parts of the buffers, which is why it may be marked `Sendable`.
private struct PartitionPass: @unchecked Sendable {
    let rows: UnsafeBufferPointer<Int32>
    let bins: UnsafePointer<UInt8>
    let width: Int
    let split: Splitter.Split
    let left: UnsafeMutableBufferPointer<Int32>
    let right: UnsafeMutableBufferPointer<Int32>

    @inline(__always)
    private func goesLeft(_ row: Int32) -> Bool {
        let bin = bins[Int(row) &* width &+ split.feature]
        return bin == 0 ? split.missingGoesLeft : bin <= split.threshold
    }

    func run(threads: Int) {
        precondition(left.count == split.leftCount && right.count == split.rightCount, "buffers sized by the split's counts")
        let middle = threads > 1 ? rows.count / 2 : rows.count
        var frontCounts = (left: 0, right: 0)
        let fillFront = {
            var leftIndex = 0, rightIndex = 0
            for index in 0..<middle {
                let row = rows[index]
                if goesLeft(row) { left[leftIndex] = row; leftIndex += 1 } else { right[rightIndex] = row; rightIndex += 1 }
            }
            frontCounts = (leftIndex, rightIndex)
        }
        let fillBack = {
            var leftIndex = left.count - 1, rightIndex = right.count - 1
            var index = rows.count - 1
            while index >= middle {
                let row = rows[index]
                if goesLeft(row) { left[leftIndex] = row; leftIndex -= 1 } else { right[rightIndex] = row; rightIndex -= 1 }
                index -= 1
            }
        }
        if threads > 1 {
            let parts = PartitionParts(front: fillFront, back: fillBack)
            DispatchQueue.concurrentPerform(iterations: 2) { part in part == 0 ? parts.front() : parts.back() }
        } else {
            fillFront()
        }
        precondition(frontCounts.left <= left.count && frontCounts.right <= right.count, "partition overran the split's counts")
    }
}

/// The two halves of a partition as closures one thread each runs.
private struct PartitionParts: @unchecked Sendable {
    let front: () -> Void
    let back: () -> Void
}
