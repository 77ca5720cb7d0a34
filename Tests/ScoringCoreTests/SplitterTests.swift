import LinearAlgebra
import Testing
@testable import ScoringCore

/// Brute force over every feature, threshold and missing side, straight from the rows.
private func bruteForceBestGain(_ binned: BinnedMatrix, binCounts: [Int], gradients: [Float], hessians: [Float],
                                settings: Splitter.Settings) -> Double? {
    var best: Double?
    let rows = 0..<binned.rows
    let g = rows.reduce(0.0) { $0 + Double(gradients[$1]) }, h = rows.reduce(0.0) { $0 + Double(hessians[$1]) }
    for feature in 0..<binned.features {
        for missingLeft in [false, true] {
            for threshold in 1..<max(1, binCounts[feature] - 1) {
                let left = rows.filter { row in
                    let bin = Int(binned[row, feature])
                    return bin == 0 ? missingLeft : bin <= threshold
                }
                let lg = left.reduce(0.0) { $0 + Double(gradients[$1]) }, lh = left.reduce(0.0) { $0 + Double(hessians[$1]) }
                let rightCount = binned.rows - left.count
                guard left.count >= settings.minDataInLeaf, rightCount >= settings.minDataInLeaf,
                      lh >= settings.minHessianInLeaf, h - lh >= settings.minHessianInLeaf else { continue }
                let gain = lg * lg / (lh + settings.l2) + (g - lg) * (g - lg) / (h - lh + settings.l2) - g * g / (h + settings.l2)
                if gain > settings.minGain, gain > (best ?? -.infinity) { best = gain }
            }
        }
    }
    return best
}

@Test(arguments: [Splitter.Settings(l2: 0, minDataInLeaf: 1), Splitter.Settings(l2: 1, minDataInLeaf: 10),
                  Splitter.Settings(l2: 0.5, minDataInLeaf: 40, minHessianInLeaf: 2)])
func bestSplitMatchesBruteForce(settings: Splitter.Settings) {
    var state: UInt64 = 99
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    let rows = 300
    let matrix = Matrix<Double>(rows: rows, columns: 3, elements: (0..<(rows * 3)).map { $0 % 11 == 0 ? .nan : next() })
    let binner = FeatureBinner.fit(matrix, maxBins: 16)
    let binned = binner.transform(matrix)
    // Gradients depend on feature 1 (and on missingness of feature 0), so a good split exists.
    let gradients = (0..<rows).map { row -> Float in
        Float((matrix[row, 1] > 0.6 ? 0.8 : -0.3) + (matrix[row, 0].isNaN ? 0.5 : 0) + 0.1 * (next() - 0.5))
    }
    let hessians = (0..<rows).map { _ in Float(0.1 + 0.15 * next()) }
    let binCounts = (0..<3).map(binner.binCount)
    let histogram = Histogram.build(binned, rows: Array(0..<Int32(rows)), gradients: gradients, hessians: hessians)
    let split = Splitter.bestSplit(histogram, binCounts: binCounts, settings: settings)
    let expected = bruteForceBestGain(binned, binCounts: binCounts, gradients: gradients, hessians: hessians, settings: settings)
    #expect((split?.gain).map { abs($0 - expected!) < 1e-9 } ?? (expected == nil))
    if let split {
        #expect(split.leftCount + split.rightCount == rows)
        #expect(split.feature == 1 || settings.minDataInLeaf > 30)
    }
}

@Test func noSplitWhenConstraintsCannotBeMet() {
    let matrix = Matrix<Double>([[1], [2], [3]])
    let binner = FeatureBinner.fit(matrix)
    let histogram = Histogram.build(binner.transform(matrix), rows: [0, 1, 2], gradients: [1, -1, 1], hessians: [1, 1, 1])
    #expect(Splitter.bestSplit(histogram, binCounts: [binner.binCount(0)], settings: .init(minDataInLeaf: 2)) == nil)
    #expect(Splitter.bestSplit(histogram, binCounts: [binner.binCount(0)], settings: .init(minDataInLeaf: 1)) != nil)
}
