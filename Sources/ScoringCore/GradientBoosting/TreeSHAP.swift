import LinearAlgebra

/// Exact Shapley values of tree ensembles (path-dependent TreeSHAP, Lundberg et al. 2018, Algorithm 2;
/// our own code): the fifth stage of histogram gradient boosting.
///
/// For one row, feature i's contribution is its Shapley value for the game "expected raw score given the
/// features in S", where the expectation over a missing feature follows both children of a split weighted
/// by the training rows that went each way (the cover). The contributions of a row sum to its raw score
/// minus the ensemble's expected value, exactly up to rounding.
///
/// - Complexity: O(T · L · D²) per row for T trees of L leaves and depth D.
public enum TreeSHAP {
    /// One feature on the path from the root to the current node: the share of covers that reach here
    /// when the feature is absent (`zeroFraction`) or present (`oneFraction`, 1 or 0), and the weight of
    /// each subset size.
    struct PathElement {
        var feature: Int32 = -1
        var zeroFraction: Double = 0
        var oneFraction: Double = 0
        var weight: Double = 0
    }

    /// The expected raw value of `tree` over its training rows (cover-weighted mean of the leaf values).
    public static func expectedValue(_ tree: Tree) -> Double {
        let total = tree.leafCount.reduce(0) { $0 + Double($1) }
        guard total > 0 else { return tree.leafValue.first ?? 0 }
        var sum = 0.0
        for (leaf, value) in tree.leafValue.enumerated() { sum += value * Double(tree.leafCount[leaf]) }
        return sum / total
    }

    /// The depth of the deepest leaf of `tree` (0 for a single leaf).
    static func depth(_ tree: Tree) -> Int {
        guard !tree.feature.isEmpty else { return 0 }
        var deepest = 0
        var stack: [(node: Int32, depth: Int)] = [(0, 0)]
        while let (node, depth) = stack.popLast() {
            if node < 0 { deepest = max(deepest, depth); continue }
            stack.append((tree.left[Int(node)], depth + 1))
            stack.append((tree.right[Int(node)], depth + 1))
        }
        return deepest
    }

    /// Adds the contributions of `tree` for the raw feature values `row` to `contributions` (one slot per
    /// feature).
    public static func accumulate(_ tree: Tree, row: UnsafeBufferPointer<Double>, into contributions: inout [Double]) {
        let flat = FlatTree(tree)
        var storage = [PathElement](repeating: PathElement(), count: flat.pathStorage)
        storage.withUnsafeMutableBufferPointer { storage in
            contributions.withUnsafeMutableBufferPointer { phi in
                flat.accumulate(row: row.baseAddress!, phi: phi.baseAddress!, storage: storage.baseAddress!)
            }
        }
    }

    /// A tree laid out for TreeSHAP: one array of nodes and one of leaves, so the recursion reads through
    /// two pointers and retains nothing.
    struct FlatTree {
        struct Node {
            var threshold: Double
            var cover: Double
            var feature: Int32
            var left: Int32
            var right: Int32
            var missingGoesLeft: Bool
        }
        var nodes: [Node]
        /// (value, cover) of each leaf.
        var leaves: [(value: Double, cover: Double)]
        /// Path elements one row's recursion needs.
        var pathStorage: Int

        init(_ tree: Tree) {
            nodes = tree.feature.indices.map {
                Node(threshold: tree.threshold[$0], cover: Double(tree.nodeCount[$0]), feature: tree.feature[$0], left: tree.left[$0],
                     right: tree.right[$0], missingGoesLeft: tree.missingGoesLeft[$0])
            }
            leaves = tree.leafValue.indices.map { (tree.leafValue[$0], Double(tree.leafCount[$0])) }
            let maxDepth = TreeSHAP.depth(tree)
            pathStorage = (maxDepth + 2) * (maxDepth + 3) / 2
        }

        /// Adds this tree's contributions for `row` to `phi`, using `storage` (at least `pathStorage` long).
        func accumulate(row: UnsafePointer<Double>, phi: UnsafeMutablePointer<Double>, storage: UnsafeMutablePointer<PathElement>) {
            guard !nodes.isEmpty else { return }
            nodes.withUnsafeBufferPointer { nodes in
                leaves.withUnsafeBufferPointer { leaves in
                    let walker = Walker(nodes: nodes.baseAddress!, leaves: leaves.baseAddress!, row: row, phi: phi)
                    walker.recurse(node: 0, path: storage, uniqueDepth: 0, zeroFraction: 1, oneFraction: 1, feature: -1)
                }
            }
        }
    }

    /// The recursion over one flat tree for one row.
    private struct Walker {
        let nodes: UnsafePointer<FlatTree.Node>
        let leaves: UnsafePointer<(value: Double, cover: Double)>
        let row: UnsafePointer<Double>
        let phi: UnsafeMutablePointer<Double>

        @inline(__always)
        func cover(_ child: Int32) -> Double { child >= 0 ? nodes[Int(child)].cover : leaves[Int(~child)].cover }

        func recurse(node: Int32, path parentPath: UnsafeMutablePointer<PathElement>, uniqueDepth parentDepth: Int,
                     zeroFraction: Double, oneFraction: Double, feature: Int32) {
            // This level's copy of the path starts after the parent's.
            let path = parentPath + (parentDepth + 1)
            path.update(from: parentPath, count: parentDepth + 1)
            var uniqueDepth = parentDepth
            TreeSHAP.extend(path, uniqueDepth: uniqueDepth, zeroFraction: zeroFraction, oneFraction: oneFraction, feature: feature)
            if node < 0 {
                let value = leaves[Int(~node)].value
                if uniqueDepth > 0 {
                    for index in 1...uniqueDepth {
                        let weight = TreeSHAP.unwoundSum(path, uniqueDepth: uniqueDepth, index: index)
                        let element = path[index]
                        phi[Int(element.feature)] += weight * (element.oneFraction - element.zeroFraction) * value
                    }
                }
                return
            }
            let split = nodes[Int(node)]
            let value = row[Int(split.feature)]
            let goesLeft = value.isNaN ? split.missingGoesLeft : value <= split.threshold
            let hot = goesLeft ? split.left : split.right
            let cold = goesLeft ? split.right : split.left
            var incomingZero = 1.0, incomingOne = 1.0
            // A feature already on the path: undo its earlier entry and carry its fractions forward.
            var previous = 1
            while previous <= uniqueDepth && path[previous].feature != split.feature { previous += 1 }
            if previous <= uniqueDepth {
                incomingZero = path[previous].zeroFraction
                incomingOne = path[previous].oneFraction
                TreeSHAP.unwind(path, uniqueDepth: uniqueDepth, index: previous)
                uniqueDepth -= 1
            }
            recurse(node: hot, path: path, uniqueDepth: uniqueDepth + 1,
                    zeroFraction: incomingZero * cover(hot) / split.cover, oneFraction: incomingOne, feature: split.feature)
            recurse(node: cold, path: path, uniqueDepth: uniqueDepth + 1,
                    zeroFraction: incomingZero * cover(cold) / split.cover, oneFraction: 0, feature: split.feature)
        }
    }

    static func extend(_ path: UnsafeMutablePointer<PathElement>, uniqueDepth: Int, zeroFraction: Double,
                               oneFraction: Double, feature: Int32) {
        path[uniqueDepth] = PathElement(feature: feature, zeroFraction: zeroFraction, oneFraction: oneFraction,
                                        weight: uniqueDepth == 0 ? 1 : 0)
        var index = uniqueDepth - 1
        while index >= 0 {
            path[index + 1].weight += oneFraction * path[index].weight * Double(index + 1) / Double(uniqueDepth + 1)
            path[index].weight = zeroFraction * path[index].weight * Double(uniqueDepth - index) / Double(uniqueDepth + 1)
            index -= 1
        }
    }

    static func unwind(_ path: UnsafeMutablePointer<PathElement>, uniqueDepth: Int, index pathIndex: Int) {
        let one = path[pathIndex].oneFraction, zero = path[pathIndex].zeroFraction
        var nextOne = path[uniqueDepth].weight
        var index = uniqueDepth - 1
        while index >= 0 {
            if one != 0 {
                let saved = path[index].weight
                path[index].weight = nextOne * Double(uniqueDepth + 1) / (Double(index + 1) * one)
                nextOne = saved - path[index].weight * zero * Double(uniqueDepth - index) / Double(uniqueDepth + 1)
            } else {
                path[index].weight = path[index].weight * Double(uniqueDepth + 1) / (zero * Double(uniqueDepth - index))
            }
            index -= 1
        }
        for moved in pathIndex..<uniqueDepth {
            path[moved].feature = path[moved + 1].feature
            path[moved].zeroFraction = path[moved + 1].zeroFraction
            path[moved].oneFraction = path[moved + 1].oneFraction
        }
    }

    static func unwoundSum(_ path: UnsafeMutablePointer<PathElement>, uniqueDepth: Int, index pathIndex: Int) -> Double {
        let one = path[pathIndex].oneFraction, zero = path[pathIndex].zeroFraction
        var nextOne = path[uniqueDepth].weight
        var total = 0.0
        var index = uniqueDepth - 1
        while index >= 0 {
            if one != 0 {
                let term = nextOne * Double(uniqueDepth + 1) / (Double(index + 1) * one)
                total += term
                nextOne = path[index].weight - term * zero * Double(uniqueDepth - index) / Double(uniqueDepth + 1)
            } else {
                total += path[index].weight / zero / (Double(uniqueDepth - index) / Double(uniqueDepth + 1))
            }
            index -= 1
        }
        return total
    }
}

extension FittedGradientBoosting {
    /// The raw score of a row with no feature known: the base score plus each tree's expected value.
    public var expectedValue: Double {
        trees.reduce(baseScore) { $0 + TreeSHAP.expectedValue($1) }
    }

    /// Per-feature TreeSHAP contributions (log-odds) of each row of `features`, row-major like the input;
    /// each row's contributions sum to its raw score minus `expectedValue`. Rows are shared out over
    /// `threads` threads (each row is computed alone, so the result is the same for any count).
    public func contributions(_ features: Matrix<Double>, threads: Int = 1) -> Matrix<Double> {
        var result = Matrix<Double>(rows: features.rows, columns: features.columns)
        let width = features.columns, rows = features.rows
        features.withUnsafeBufferPointer { values in
            result.withUnsafeMutableBufferPointer { output in
                let pass = ContributionPass(trees: trees, values: values, output: output, width: width)
                ParallelChunks.forEach(0..<rows, chunks: threads) { pass.run(rows: $0) }
            }
        }
        return result
    }
}

/// The buffers of one contributions pass; threads write disjoint rows of `output`, which is why it may be
/// marked `Sendable`.
private struct ContributionPass: @unchecked Sendable {
    let trees: [TreeSHAP.TabulatedTree]
    let values: UnsafeBufferPointer<Double>
    let output: UnsafeMutableBufferPointer<Double>
    let width: Int
    let storageSize: Int
    let maxNodes: Int

    init(trees: [Tree], values: UnsafeBufferPointer<Double>, output: UnsafeMutableBufferPointer<Double>, width: Int) {
        self.trees = trees.map { TreeSHAP.TabulatedTree($0) }
        self.values = values
        self.output = output
        self.width = width
        storageSize = (trees.map(TreeSHAP.depth).max() ?? 0) + TreeSHAP.TabulatedTree.maxTabulatedFeatures + 2
        maxNodes = max(1, trees.map(\.feature.count).max() ?? 1)
    }

    func run(rows: Range<Int>) {
        var storage = [TreeSHAP.PathElement](repeating: .init(), count: storageSize)
        var goesLeft = [Bool](repeating: false, count: maxNodes)
        storage.withUnsafeMutableBufferPointer { storage in
            goesLeft.withUnsafeMutableBufferPointer { goesLeft in
                // Tree-major within blocks of rows: one tree's tables stay in cache while a block of rows
                // reads them (row-major over all trees missed the cache at almost every leaf).
                var blockStart = rows.lowerBound
                while blockStart < rows.upperBound {
                    let block = blockStart..<min(rows.upperBound, blockStart + 256)
                    for row in block {
                        let phi = output.baseAddress! + row * width
                        for column in 0..<width { phi[column] = 0 }
                    }
                    for tree in trees {
                        for row in block {
                            tree.accumulate(row: values.baseAddress! + row * width, phi: output.baseAddress! + row * width,
                                            goesLeft: goesLeft.baseAddress!, storage: storage.baseAddress!)
                        }
                    }
                    blockStart = block.upperBound
                }
            }
        }
    }
}

extension TreeSHAP {
    /// A tree with each leaf's contributions tabulated for every pattern of its path's features (Fast
    /// TreeSHAP v2, Yang 2021; our own code).
    ///
    /// In path-dependent TreeSHAP a leaf's share of feature j depends on the row only through one bit per
    /// distinct feature on the leaf's path: whether the row follows every split on that feature towards
    /// the leaf. With k such features a leaf has 2^k patterns; tabulating the k contributions of each
    /// pattern once per model turns the O(L · D²) recursion per row into O(nodes + L · D) lookups. A leaf
    /// with more than `maxTabulatedFeatures` features is computed per row from its pattern instead
    /// (O(k²)). Storage is flat and unmanaged so the per-row loop does no reference counting.
    final class TabulatedTree: @unchecked Sendable {
        /// Most distinct features on one path that is tabulated (2^12 patterns × 12 values per leaf).
        static let maxTabulatedFeatures = 12

        let nodeCount: Int
        let leafCount: Int
        /// Per node: split feature, threshold, missing direction.
        private let nodeFeature: UnsafeMutablePointer<Int32>
        private let nodeThreshold: UnsafeMutablePointer<Double>
        private let nodeMissingLeft: UnsafeMutablePointer<Bool>
        /// Leaf l's distinct features are `features[featureStart[l] ..< featureStart[l + 1]]`.
        private let featureStart: UnsafeMutablePointer<Int>
        private let features: UnsafeMutablePointer<Int32>
        /// Distinct feature g's splits on its leaf's path are `splitNode/splitLeft[splitStart[g] ..< splitStart[g + 1]]`.
        private let splitStart: UnsafeMutablePointer<Int>
        private let splitNode: UnsafeMutablePointer<Int32>
        private let splitLeft: UnsafeMutablePointer<Bool>
        /// Distinct feature g's zero fraction (cover share of its splits) and leaf l's value, for untabulated leaves.
        private let zeroFraction: UnsafeMutablePointer<Double>
        private let leafValue: UnsafeMutablePointer<Double>
        /// Leaf l's table starts at `values[valueStart[l]]` (`values[start + pattern * k + j]`); −1 when not tabulated.
        private let valueStart: UnsafeMutablePointer<Int>
        private let values: UnsafeMutablePointer<Double>
        private let sizes: (features: Int, splits: Int, values: Int)

        /// Whether every leaf is tabulated.
        var isFullyTabulated: Bool { (0..<leafCount).allSatisfy { valueStart[$0] >= 0 } }

        /// Tabulates the leaves of `tree` with at most `maxTabulated` distinct features on their path.
        init(_ tree: Tree, maxTabulated: Int = maxTabulatedFeatures) {
            nodeCount = tree.feature.count
            leafCount = tree.leafValue.count
            // Every leaf's path from the root: (node, went left).
            var paths = [[(node: Int32, goesLeft: Bool)]](repeating: [], count: leafCount)
            if nodeCount > 0 {
                var stack: [(node: Int32, path: [(node: Int32, goesLeft: Bool)])] = [(0, [])]
                while let (node, path) = stack.popLast() {
                    if node < 0 { paths[Int(~node)] = path; continue }
                    stack.append((tree.left[Int(node)], path + [(node, true)]))
                    stack.append((tree.right[Int(node)], path + [(node, false)]))
                }
            }
            func cover(_ child: Int32) -> Double { child >= 0 ? Double(tree.nodeCount[Int(child)]) : Double(tree.leafCount[Int(~child)]) }
            var allFeatures: [Int32] = [], featureStarts = [0], splitStarts = [0]
            var nodes: [Int32] = [], lefts: [Bool] = [], zeros: [Double] = [], valueStarts: [Int] = [], allValues: [Double] = []
            var path = [PathElement](repeating: PathElement(), count: Self.maxTabulatedFeatures + 2)
            for (leaf, leafPath) in paths.enumerated() {
                var leafFeatures: [Int32] = []
                var leafZeros: [Double] = []
                var leafSplits: [[(node: Int32, goesLeft: Bool)]] = []
                for (position, step) in leafPath.enumerated() {
                    let child = position + 1 < leafPath.count ? leafPath[position + 1].node : ~Int32(leaf)
                    let fraction = cover(child) / Double(tree.nodeCount[Int(step.node)])
                    let feature = tree.feature[Int(step.node)]
                    if let j = leafFeatures.firstIndex(of: feature) {
                        leafZeros[j] *= fraction
                        leafSplits[j].append(step)
                    } else {
                        leafFeatures.append(feature)
                        leafZeros.append(fraction)
                        leafSplits.append([step])
                    }
                }
                let k = leafFeatures.count
                allFeatures += leafFeatures
                featureStarts.append(allFeatures.count)
                zeros += leafZeros
                for splits in leafSplits {
                    nodes += splits.map(\.node)
                    lefts += splits.map(\.goesLeft)
                    splitStarts.append(nodes.count)
                }
                guard k <= min(maxTabulated, Self.maxTabulatedFeatures) else {
                    valueStarts.append(-1)
                    continue
                }
                valueStarts.append(allValues.count)
                let value = tree.leafValue[leaf]
                path.withUnsafeMutableBufferPointer { buffer in
                    for pattern in 0..<(1 << k) {
                        let path = buffer.baseAddress!
                        TreeSHAP.leafPath(path, zeroFractions: leafZeros, features: leafFeatures) { pattern & (1 << $0) != 0 }
                        for j in 0..<k {
                            let weight = TreeSHAP.unwoundSum(path, uniqueDepth: k, index: j + 1)
                            allValues.append(weight * (path[j + 1].oneFraction - path[j + 1].zeroFraction) * value)
                        }
                    }
                }
            }
            func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
                let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, array.count))
                if !array.isEmpty { pointer.initialize(from: array, count: array.count) }
                return pointer
            }
            nodeFeature = copy(tree.feature)
            nodeThreshold = copy(tree.threshold)
            nodeMissingLeft = copy(tree.missingGoesLeft)
            featureStart = copy(featureStarts)
            features = copy(allFeatures)
            splitStart = copy(splitStarts)
            splitNode = copy(nodes)
            splitLeft = copy(lefts)
            zeroFraction = copy(zeros)
            leafValue = copy(tree.leafValue)
            valueStart = copy(valueStarts)
            values = copy(allValues)
            sizes = (allFeatures.count, nodes.count, allValues.count)
        }

        deinit {
            for pointer in [UnsafeMutableRawPointer(nodeFeature), UnsafeMutableRawPointer(nodeThreshold), UnsafeMutableRawPointer(nodeMissingLeft),
                            UnsafeMutableRawPointer(featureStart), UnsafeMutableRawPointer(features), UnsafeMutableRawPointer(splitStart),
                            UnsafeMutableRawPointer(splitNode), UnsafeMutableRawPointer(splitLeft), UnsafeMutableRawPointer(zeroFraction),
                            UnsafeMutableRawPointer(leafValue), UnsafeMutableRawPointer(valueStart), UnsafeMutableRawPointer(values)] {
                pointer.deallocate()
            }
        }

        /// Adds this tree's contributions for `row` to `phi`; `goesLeft` (one slot per node) and `storage`
        /// (`maxTabulatedFeatures + 2` or the deepest path + 2 elements) are scratch space.
        func accumulate(row: UnsafePointer<Double>, phi: UnsafeMutablePointer<Double>, goesLeft: UnsafeMutablePointer<Bool>,
                        storage: UnsafeMutablePointer<PathElement>) {
            guard nodeCount > 0 else { return }
            for node in 0..<nodeCount {
                let value = row[Int(nodeFeature[node])]
                goesLeft[node] = value.isNaN ? nodeMissingLeft[node] : value <= nodeThreshold[node]
            }
            for leaf in 0..<leafCount {
                let first = featureStart[leaf], k = featureStart[leaf + 1] - first
                var pattern = 0
                for j in 0..<k {
                    var follows = true
                    var split = splitStart[first + j]
                    let end = splitStart[first + j + 1]
                    while split < end {
                        if goesLeft[Int(splitNode[split])] != splitLeft[split] {
                            follows = false
                            break
                        }
                        split += 1
                    }
                    if follows { pattern |= 1 << j }
                }
                let start = valueStart[leaf]
                if start >= 0 {
                    let base = start + pattern * k
                    for j in 0..<k { phi[Int(features[first + j])] += values[base + j] }
                } else {
                    // A deep leaf: its contributions from its pattern, as the tabulation would have them.
                    let zeros = Array(UnsafeBufferPointer(start: zeroFraction + first, count: k))
                    let leafFeatures = Array(UnsafeBufferPointer(start: features + first, count: k))
                    TreeSHAP.leafPath(storage, zeroFractions: zeros, features: leafFeatures) { pattern & (1 << $0) != 0 }
                    for j in 0..<k {
                        let weight = TreeSHAP.unwoundSum(storage, uniqueDepth: k, index: j + 1)
                        phi[Int(leafFeatures[j])] += weight * (storage[j + 1].oneFraction - storage[j + 1].zeroFraction) * leafValue[leaf]
                    }
                }
            }
        }
    }

    /// Builds in `path` a leaf's unique path: the root element, then each distinct feature with its zero
    /// fraction and a one fraction of 1 when `follows(j)`, else 0.
    static func leafPath(_ path: UnsafeMutablePointer<PathElement>, zeroFractions: [Double], features: [Int32], follows: (Int) -> Bool) {
        extend(path, uniqueDepth: 0, zeroFraction: 1, oneFraction: 1, feature: -1)
        for j in 0..<features.count {
            extend(path, uniqueDepth: j + 1, zeroFraction: zeroFractions[j], oneFraction: follows(j) ? 1 : 0, feature: features[j])
        }
    }
}
