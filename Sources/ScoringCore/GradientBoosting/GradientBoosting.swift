import Foundation
import LinearAlgebra

/// Histogram gradient boosting for binary log loss: binning, then trees grown on the gradients of the
/// current scores, each added with the learning rate (LightGBM's algorithm, our own code).
///
/// Deterministic for a seed: row bagging and feature sampling draw from the `SplitMix64` stream of
/// `seed` and the tree's number.
public enum GradientBoosting {
    /// What the user asked for (the flags of `loyalty ml fit --algorithm gbdt`).
    public struct Configuration: Codable, Sendable, Equatable {
        /// Number of trees (boosting rounds).
        public var trees: Int
        /// Tree size and split constraints, learning rate.
        public var tree: TreeGrower.Settings
        /// Most bins per feature, the missing bin included.
        public var maxBins: Int
        /// Share of features tried per tree (1 = all).
        public var featureFraction: Double
        /// Share of rows used per tree (1 = all).
        public var baggingFraction: Double
        /// Stop when the validation log loss has not improved for this many rounds (needs validation data).
        public var earlyStoppingRounds: Int?
        /// Random seed for bagging and feature sampling.
        public var seed: UInt64

        /// LightGBM-like defaults: 100 trees, 31 leaves, learning rate 0.1, 255 bins, 20 rows per leaf.
        public init(trees: Int = 100, tree: TreeGrower.Settings = .init(), maxBins: Int = 255, featureFraction: Double = 1,
                    baggingFraction: Double = 1, earlyStoppingRounds: Int? = nil, seed: UInt64 = 0) {
            self.trees = trees
            self.tree = tree
            self.maxBins = maxBins
            self.featureFraction = featureFraction
            self.baggingFraction = baggingFraction
            self.earlyStoppingRounds = earlyStoppingRounds
            self.seed = seed
        }
    }

    /// Fits the ensemble on `features` (NaN = missing) and 0/1 `labels`; with `validation`, keeps the
    /// trees up to the best validation log loss when early stopping is on. `threads` share the histogram
    /// passes; the model is the same for any thread count.
    public static func fit(_ features: Matrix<Double>, labels: [Double], configuration: Configuration = .init(),
                           validation: (features: Matrix<Double>, labels: [Double])? = nil,
                           threads: Int = 1) throws -> FittedGradientBoosting {
        try fitWithTrainingScores(features, labels: labels, configuration: configuration, validation: validation,
                                  threads: threads).model
    }

    /// `fit`, also returning the final raw scores of the training rows (of the trees kept).
    public static func fitWithTrainingScores(_ features: Matrix<Double>, labels: [Double], configuration: Configuration = .init(),
                                             validation: (features: Matrix<Double>, labels: [Double])? = nil,
                                             threads: Int = 1) throws -> (model: FittedGradientBoosting, trainingScores: [Double]) {
        guard features.rows > 0 else { throw ScoringCoreError.emptyDataset }
        guard configuration.trees > 0, (0...1).contains(configuration.featureFraction), configuration.featureFraction > 0,
              (0...1).contains(configuration.baggingFraction), configuration.baggingFraction > 0 else {
            throw ScoringCoreError.invalidParameter(name: "gbdt settings", value: "\(configuration)",
                                                    expected: "trees > 0 and fractions in (0, 1]")
        }
        let binner = FeatureBinner.fit(features, maxBins: configuration.maxBins)
        let binned = binner.transform(features)
        let positives = labels.reduce(0, +)
        let baseScore = log(max(positives, 1e-12) / max(Double(labels.count) - positives, 1e-12))
        var scores = [Double](repeating: baseScore, count: features.rows)
        var gradients = [Float](repeating: 0, count: features.rows)
        var hessians = [Float](repeating: 0, count: features.rows)
        var trees: [Tree] = []
        var validationScores = [Double](repeating: baseScore, count: validation?.features.rows ?? 0)
        var bestLoss = Double.infinity, bestCount = 0
        var bestScores: [Double]?
        let allRows = Array(0..<Int32(features.rows))
        var inBag = [Bool](repeating: false, count: features.rows)
        for round in 0..<configuration.trees {
            logLossGradients(scores: scores, labels: labels, gradients: &gradients, hessians: &hessians, threads: threads)
            var random = SplitMix64(seed: configuration.seed, stream: UInt64(round))
            var rows = allRows
            if configuration.baggingFraction < 1 {
                rows = allRows.filter { _ in random.uniform() < configuration.baggingFraction }
            }
            var sampledFeatures: [Int]?
            if configuration.featureFraction < 1 {
                let count = max(1, Int((Double(features.columns) * configuration.featureFraction).rounded()))
                var all = Array(0..<features.columns)
                for index in 0..<count {
                    all.swapAt(index, index + Int(random.next() % UInt64(all.count - index)))
                }
                sampledFeatures = Array(all[0..<count]).sorted()
            }
            let (tree, leafRows) = TreeGrower.growWithLeafRows(binned, binner: binner, rows: rows, gradients: gradients,
                                                               hessians: hessians, settings: configuration.tree,
                                                               features: sampledFeatures, threads: threads)
            // Rows in the bag are listed by leaf; only the rows left out walk the tree.
            for (leaf, members) in leafRows.enumerated() {
                let value = tree.leafValue[leaf]
                for row in members { scores[Int(row)] += value }
            }
            if rows.count < features.rows {
                for row in rows { inBag[Int(row)] = true }
                for row in 0..<features.rows where !inBag[row] { scores[row] += tree.leafValue[tree.leaf(binned: binned, row: row)] }
                for row in 0..<features.rows { inBag[row] = false }
            }
            trees.append(tree)
            if let validation {
                validation.features.withUnsafeBufferPointer { values in
                    let width = validation.features.columns
                    for row in 0..<validation.features.rows {
                        validationScores[row] += tree.leafValue[tree.leaf(for: UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)]))]
                    }
                }
                let loss = BinaryMetrics.logLoss(probabilities: validationScores.map(sigmoid), labels: validation.labels)
                if loss < bestLoss {
                    bestLoss = loss
                    bestCount = trees.count
                    if configuration.earlyStoppingRounds != nil { bestScores = scores }
                } else if let patience = configuration.earlyStoppingRounds, trees.count - bestCount >= patience {
                    break
                }
            }
        }
        if configuration.earlyStoppingRounds != nil && validation != nil {
            trees = Array(trees.prefix(bestCount))
            scores = bestScores ?? scores
        }
        return (FittedGradientBoosting(binner: binner, baseScore: baseScore, trees: trees), scores)
    }
}

/// The log-loss gradient p − y and hessian p(1 − p) of each row at the current scores, rows shared out
/// over `threads` threads (each row on its own, so the same values for any count).
func logLossGradients(scores: [Double], labels: [Double], gradients: inout [Float], hessians: inout [Float], threads: Int) {
    let rows = scores.count
    let chunks = rows >= 65_536 ? threads : 1
    scores.withUnsafeBufferPointer { scores in
        labels.withUnsafeBufferPointer { labels in
            gradients.withUnsafeMutableBufferPointer { gradients in
                hessians.withUnsafeMutableBufferPointer { hessians in
                    let pass = GradientPass(scores: scores, labels: labels, gradients: gradients, hessians: hessians)
                    ParallelChunks.forEach(0..<rows, chunks: chunks) { pass.run($0) }
                }
            }
        }
    }
}

/// The buffers of one gradient pass; threads write disjoint rows, which is why it may be marked `Sendable`.
private struct GradientPass: @unchecked Sendable {
    let scores: UnsafeBufferPointer<Double>
    let labels: UnsafeBufferPointer<Double>
    let gradients: UnsafeMutableBufferPointer<Float>
    let hessians: UnsafeMutableBufferPointer<Float>

    func run(_ rows: Range<Int>) {
        for row in rows {
            let probability = sigmoid(scores[row])
            gradients[row] = Float(probability - labels[row])
            hessians[row] = Float(max(probability * (1 - probability), 1e-16))
        }
    }
}

/// A fitted ensemble: the binner (for its thresholds), the starting score and the trees.
public struct FittedGradientBoosting: Codable, Sendable, Equatable {
    /// The bins learned in training.
    public var binner: FeatureBinner
    /// The starting log-odds (of the training positive rate).
    public var baseScore: Double
    /// The trees, in boosting order.
    public var trees: [Tree]

    /// The raw scores (log-odds) of each row, rows shared out over `threads` threads (each row sums the
    /// trees in order, so the scores are the same bits for any thread count).
    public func rawScores(_ features: Matrix<Double>, threads: Int = 1) -> [Double] {
        var scores = [Double](repeating: baseScore, count: features.rows)
        let rows = features.rows
        let chunks = min(threads, rows / 1024 + 1)
        features.withUnsafeBufferPointer { values in
            scores.withUnsafeMutableBufferPointer { scores in
                let pass = PredictionPass(trees: trees, values: values.baseAddress!, width: features.columns, scores: scores.baseAddress!)
                ParallelChunks.forEach(0..<rows, chunks: chunks) { pass.run(rows: $0) }
            }
        }
        return scores
    }

    /// The probability of label 1 for each row.
    public func probabilities(_ features: Matrix<Double>, threads: Int = 1) -> [Double] {
        rawScores(features, threads: threads).map(sigmoid)
    }

    /// Feature importance: total gain and number of splits per feature.
    public func importance(features: Int) -> (gain: [Double], splits: [Int]) {
        var gain = [Double](repeating: 0, count: features)
        var splits = [Int](repeating: 0, count: features)
        for tree in trees {
            for (node, feature) in tree.feature.enumerated() {
                gain[Int(feature)] += tree.gain[node]
                splits[Int(feature)] += 1
            }
        }
        return (gain, splits)
    }
}

/// All trees' nodes in one flat array (and leaf values in another), read by threads that each add into
/// their own rows of `scores`, which is why it may be marked `Sendable`.
private struct PredictionPass: @unchecked Sendable {
    let nodes: [TreeSHAP.FlatTree.Node]
    let leafValues: [Double]
    /// Where each tree's nodes and leaves start; a tree without nodes is its single leaf.
    let nodeStart: [Int]
    let leafStart: [Int]
    let values: UnsafePointer<Double>
    let width: Int
    let scores: UnsafeMutablePointer<Double>

    init(trees: [Tree], values: UnsafePointer<Double>, width: Int, scores: UnsafeMutablePointer<Double>) {
        var nodes: [TreeSHAP.FlatTree.Node] = [], leafValues: [Double] = [], nodeStart: [Int] = [], leafStart: [Int] = []
        for tree in trees {
            let flat = TreeSHAP.FlatTree(tree)
            nodeStart.append(nodes.count)
            leafStart.append(leafValues.count)
            nodes += flat.nodes
            leafValues += tree.leafValue
        }
        nodeStart.append(nodes.count)
        self.nodes = nodes
        self.leafValues = leafValues
        self.nodeStart = nodeStart
        self.leafStart = leafStart
        self.values = values
        self.width = width
        self.scores = scores
    }

    /// Adds every tree's leaf value to the scores of `rows`, tree by tree over blocks of rows (a tree stays
    /// in cache for the block), so each row still sums the trees in order.
    func run(rows: Range<Int>) {
        nodes.withUnsafeBufferPointer { nodes in
            leafValues.withUnsafeBufferPointer { leafValues in
                var blockStart = rows.lowerBound
                while blockStart < rows.upperBound {
                    let block = blockStart..<min(rows.upperBound, blockStart + 512)
                    for tree in 0..<leafStart.count {
                        let treeNodes = nodes.baseAddress! + nodeStart[tree]
                        let treeLeaves = leafValues.baseAddress! + leafStart[tree]
                        let hasNodes = nodeStart[tree + 1] > nodeStart[tree]
                        for row in block {
                            guard hasNodes else { scores[row] += treeLeaves[0]; continue }
                            let rowValues = values + row * width
                            var node: Int32 = 0
                            while node >= 0 {
                                let split = treeNodes[Int(node)]
                                let value = rowValues[Int(split.feature)]
                                node = (value.isNaN ? split.missingGoesLeft : value <= split.threshold) ? split.left : split.right
                            }
                            scores[row] += treeLeaves[Int(~node)]
                        }
                    }
                    blockStart = block.upperBound
                }
            }
        }
    }
}
