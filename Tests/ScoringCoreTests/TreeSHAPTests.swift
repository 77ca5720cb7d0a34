import Foundation
import LinearAlgebra
import Testing
@testable import ScoringCore

/// A hand-built tree with a feature used twice on one path and a learned missing direction.
private func tinyTree() -> Tree {
    var tree = Tree()
    // node 0: f0 ≤ 0.5 (missing left) -> node 1 | node 2
    // node 1: f1 ≤ 2 -> leaf 0 | leaf 1
    // node 2: f0 ≤ 1.5 -> leaf 2 | node 3
    // node 3: f2 ≤ 0 (missing right) -> leaf 3 | leaf 4
    tree.feature = [0, 1, 0, 2]
    tree.threshold = [0.5, 2, 1.5, 0]
    tree.thresholdBin = [1, 1, 1, 1]
    tree.missingGoesLeft = [true, false, false, false]
    tree.left = [1, ~0, ~2, ~3]
    tree.right = [2, ~1, 3, ~4]
    tree.gain = [1, 1, 1, 1]
    tree.nodeCount = [100, 60, 40, 30]
    tree.leafValue = [-1.5, 0.25, 2, -0.75, 3.5]
    tree.leafCount = [25, 35, 10, 12, 18]
    return tree
}

/// E[f(x) | x_S]: follow the row at splits on features in `known`, average both children by cover otherwise.
private func conditionalExpectation(_ tree: Tree, row: [Double], known: Set<Int>, node: Int32 = 0) -> Double {
    if node < 0 { return tree.leafValue[Int(~node)] }
    let index = Int(node)
    let feature = Int(tree.feature[index])
    let cover = { (child: Int32) in child >= 0 ? Double(tree.nodeCount[Int(child)]) : Double(tree.leafCount[Int(~child)]) }
    if known.contains(feature) {
        let value = row[feature]
        let goesLeft = value.isNaN ? tree.missingGoesLeft[index] : value <= tree.threshold[index]
        return conditionalExpectation(tree, row: row, known: known, node: goesLeft ? tree.left[index] : tree.right[index])
    }
    let left = tree.left[index], right = tree.right[index]
    return (cover(left) * conditionalExpectation(tree, row: row, known: known, node: left)
        + cover(right) * conditionalExpectation(tree, row: row, known: known, node: right)) / Double(tree.nodeCount[index])
}

/// Shapley values by enumerating every subset of the other features.
private func bruteForceShapley(_ tree: Tree, row: [Double]) -> [Double] {
    let count = row.count
    func factorial(_ n: Int) -> Double { n <= 1 ? 1 : Double(n) * factorial(n - 1) }
    return (0..<count).map { feature in
        let others = (0..<count).filter { $0 != feature }
        var total = 0.0
        for mask in 0..<(1 << others.count) {
            let subset = Set(others.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
            let weight = factorial(subset.count) * factorial(count - subset.count - 1) / factorial(count)
            total += weight * (conditionalExpectation(tree, row: row, known: subset.union([feature]))
                - conditionalExpectation(tree, row: row, known: subset))
        }
        return total
    }
}

@Test func treeSHAPAgreesWithBruteForceShapleyOnATinyTree() {
    let tree = tinyTree()
    #expect(abs(TreeSHAP.expectedValue(tree) - conditionalExpectation(tree, row: [0, 0, 0], known: [])) < 1e-12)
    let rows: [[Double]] = [[0.2, 1, 5], [1, 3, -1], [2, 0, 1], [2, .nan, .nan], [.nan, 2.5, -3], [1.6, 1, 0]]
    for row in rows {
        var phi = [Double](repeating: 0, count: 3)
        row.withUnsafeBufferPointer { TreeSHAP.accumulate(tree, row: $0, into: &phi) }
        let expected = bruteForceShapley(tree, row: row)
        for feature in 0..<3 {
            #expect(abs(phi[feature] - expected[feature]) < 1e-12, "row \(row) feature \(feature): \(phi) vs \(expected)")
        }
        let raw = row.withUnsafeBufferPointer { tree.leafValue[tree.leaf(for: $0)] }
        #expect(abs(phi.reduce(0, +) - (raw - TreeSHAP.expectedValue(tree))) < 1e-12)
    }
}

@Test func ensembleContributionsSumToRawScoreMinusExpectedValue() throws {
    var random = SplitMix64(seed: 11, stream: 0)
    var elements: [Double] = []
    var labels: [Double] = []
    for _ in 0..<1500 {
        let a = random.uniform() * 4 - 2, b = random.uniform() * 4 - 2, c = random.uniform()
        elements += [random.uniform() < 0.15 ? .nan : a, b, c, a * c]
        labels.append(random.uniform() < 1 / (1 + exp(-(2 * a * b + c))) ? 1 : 0)
    }
    let features = Matrix(rows: 1500, columns: 4, elements: elements)
    let model = try GradientBoosting.fit(features, labels: labels,
                                         configuration: .init(trees: 30, tree: .init(maxLeaves: 12), baggingFraction: 0.7, seed: 3))
    let contributions = model.contributions(features)
    let raw = model.rawScores(features)
    var worst = 0.0
    for row in 0..<features.rows {
        let total = (0..<4).reduce(0.0) { $0 + contributions[row, $1] }
        worst = max(worst, abs(total - (raw[row] - model.expectedValue)))
    }
    #expect(worst < 1e-9, "largest additivity error \(worst)")
    // The tabulated leaves (used for whole tables) agree with the recursion, row by row.
    var largestGap = 0.0
    features.withUnsafeBufferPointer { values in
        for row in 0..<200 {
            var phi = [Double](repeating: 0, count: 4)
            let slice = UnsafeBufferPointer(rebasing: values[(row * 4)..<((row + 1) * 4)])
            for tree in model.trees { TreeSHAP.accumulate(tree, row: slice, into: &phi) }
            for column in 0..<4 { largestGap = max(largestGap, abs(phi[column] - contributions[row, column])) }
        }
    }
    #expect(largestGap < 1e-12, "tabulated vs recursive: \(largestGap)")
    #expect(model.contributions(features, threads: 2) == contributions, "the same for any thread count")
}

@Test func tabulatedTreeMatchesBruteForceOnTheTinyTree() {
    let tree = tinyTree()
    let tabulated = TreeSHAP.TabulatedTree(tree)
    #expect(tabulated.isFullyTabulated && tabulated.leafCount == 5)
    let untabulated = TreeSHAP.TabulatedTree(tree, maxTabulated: 1)
    #expect(!untabulated.isFullyTabulated, "leaves with two distinct features are computed per row")
    let rows: [[Double]] = [[0.2, 1, 5], [1, 3, -1], [2, .nan, .nan], [.nan, 2.5, -3]]
    for row in rows {
        var phi = [Double](repeating: 0, count: 3)
        var goesLeft = [Bool](repeating: false, count: 4)
        var storage = [TreeSHAP.PathElement](repeating: .init(), count: 20)
        row.withUnsafeBufferPointer { row in
            phi.withUnsafeMutableBufferPointer { phi in
                goesLeft.withUnsafeMutableBufferPointer { goesLeft in
                    storage.withUnsafeMutableBufferPointer { storage in
                        for table in [tabulated, untabulated] {
                            table.accumulate(row: row.baseAddress!, phi: phi.baseAddress!, goesLeft: goesLeft.baseAddress!,
                                             storage: storage.baseAddress!)
                        }
                    }
                }
            }
        }
        let expected = bruteForceShapley(tree, row: row).map { 2 * $0 }
        #expect(zip(phi, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(row): both ways added: \(phi) vs twice \(expected)")
    }
}
