import Dispatch
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
    private struct PathElement {
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
        guard !tree.feature.isEmpty else { return }
        let maxDepth = depth(tree)
        // Each recursion level owns a copy of the path, one slot longer than its parent's.
        var storage = [PathElement](repeating: PathElement(), count: (maxDepth + 2) * (maxDepth + 3) / 2)
        storage.withUnsafeMutableBufferPointer { storage in
            contributions.withUnsafeMutableBufferPointer { phi in
                recurse(tree, row: row, phi: phi, node: 0, path: storage.baseAddress!, uniqueDepth: 0,
                        zeroFraction: 1, oneFraction: 1, feature: -1)
            }
        }
    }

    private static func cover(_ tree: Tree, _ child: Int32) -> Double {
        child >= 0 ? Double(tree.nodeCount[Int(child)]) : Double(tree.leafCount[Int(~child)])
    }

    private static func recurse(_ tree: Tree, row: UnsafeBufferPointer<Double>, phi: UnsafeMutableBufferPointer<Double>,
                                node: Int32, path parentPath: UnsafeMutablePointer<PathElement>, uniqueDepth parentDepth: Int,
                                zeroFraction: Double, oneFraction: Double, feature: Int32) {
        // This level's path starts after the parent's (which has parentDepth + 1 elements... copied in).
        let path = parentPath + (parentDepth + 1)
        path.update(from: parentPath, count: parentDepth + 1)
        var uniqueDepth = parentDepth
        extend(path, uniqueDepth: uniqueDepth, zeroFraction: zeroFraction, oneFraction: oneFraction, feature: feature)
        if node < 0 {
            let value = tree.leafValue[Int(~node)]
            if uniqueDepth > 0 {
                for index in 1...uniqueDepth {
                    let weight = unwoundSum(path, uniqueDepth: uniqueDepth, index: index)
                    let element = path[index]
                    phi[Int(element.feature)] += weight * (element.oneFraction - element.zeroFraction) * value
                }
            }
            return
        }
        let index = Int(node)
        let splitFeature = tree.feature[index]
        let value = row[Int(splitFeature)]
        let goesLeft = value.isNaN ? tree.missingGoesLeft[index] : value <= tree.threshold[index]
        let hot = goesLeft ? tree.left[index] : tree.right[index]
        let cold = goesLeft ? tree.right[index] : tree.left[index]
        let nodeCover = Double(tree.nodeCount[index])
        var incomingZero = 1.0, incomingOne = 1.0
        // A feature already on the path: undo its earlier entry and carry its fractions forward.
        var previous = 1
        while previous <= uniqueDepth && path[previous].feature != splitFeature { previous += 1 }
        if previous <= uniqueDepth {
            incomingZero = path[previous].zeroFraction
            incomingOne = path[previous].oneFraction
            unwind(path, uniqueDepth: uniqueDepth, index: previous)
            uniqueDepth -= 1
        }
        recurse(tree, row: row, phi: phi, node: hot, path: path, uniqueDepth: uniqueDepth + 1,
                zeroFraction: incomingZero * cover(tree, hot) / nodeCover, oneFraction: incomingOne, feature: splitFeature)
        recurse(tree, row: row, phi: phi, node: cold, path: path, uniqueDepth: uniqueDepth + 1,
                zeroFraction: incomingZero * cover(tree, cold) / nodeCover, oneFraction: 0, feature: splitFeature)
    }

    private static func extend(_ path: UnsafeMutablePointer<PathElement>, uniqueDepth: Int, zeroFraction: Double,
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

    private static func unwind(_ path: UnsafeMutablePointer<PathElement>, uniqueDepth: Int, index pathIndex: Int) {
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

    private static func unwoundSum(_ path: UnsafeMutablePointer<PathElement>, uniqueDepth: Int, index pathIndex: Int) -> Double {
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
        let chunks = max(1, min(threads, rows))
        features.withUnsafeBufferPointer { values in
            result.withUnsafeMutableBufferPointer { output in
                let pass = ContributionPass(trees: trees, values: values, output: output, width: width)
                if chunks == 1 {
                    pass.run(rows: 0..<rows)
                } else {
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        pass.run(rows: (chunk * rows / chunks)..<((chunk + 1) * rows / chunks))
                    }
                }
            }
        }
        return result
    }
}

/// The buffers of one contributions pass; threads write disjoint rows of `output`, which is why it may be
/// marked `Sendable`.
private struct ContributionPass: @unchecked Sendable {
    let trees: [Tree]
    let values: UnsafeBufferPointer<Double>
    let output: UnsafeMutableBufferPointer<Double>
    let width: Int

    func run(rows: Range<Int>) {
        var phi = [Double](repeating: 0, count: width)
        for row in rows {
            let slice = UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)])
            for index in phi.indices { phi[index] = 0 }
            for tree in trees { TreeSHAP.accumulate(tree, row: slice, into: &phi) }
            for column in 0..<width { output[row * width + column] = phi[column] }
        }
    }
}
