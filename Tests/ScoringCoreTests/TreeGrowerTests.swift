import LinearAlgebra
import Testing
@testable import ScoringCore

private func stepData() -> (Matrix<Double>, [Float], [Float]) {
    // Gradient −1 where x0 > 50, +1 elsewhere; x1 is noise; some x0 missing behave like the high side.
    let rows = 400
    var elements: [Double] = []
    var gradients: [Float] = []
    for row in 0..<rows {
        let x0: Double = row % 17 == 0 ? .nan : Double(row % 100)
        elements += [x0, Double((row * 37) % 23)]
        gradients.append(x0.isNaN || x0 > 50 ? -1 : 1)
    }
    return (Matrix(rows: rows, columns: 2, elements: elements), gradients, [Float](repeating: 1, count: rows))
}

@Test func twoLeavesFindTheStepAndSendMissingWithTheHighSide() {
    let (matrix, gradients, hessians) = stepData()
    let binner = FeatureBinner.fit(matrix, maxBins: 255)
    let binned = binner.transform(matrix)
    let tree = TreeGrower.grow(binned, binner: binner, rows: Array(0..<Int32(matrix.rows)), gradients: gradients,
                               hessians: hessians, settings: .init(maxLeaves: 2, split: .init(minDataInLeaf: 5), learningRate: 1))
    #expect(tree.feature == [0])
    #expect(tree.threshold[0] > 50 && tree.threshold[0] < 51)
    #expect(tree.missingGoesLeft == [false])
    #expect(tree.leafValue == [-1, 1])
    #expect(tree.leafCount.reduce(0, +) == Int32(matrix.rows))
}

@Test func rawAndBinnedPredictionsReachTheSameLeaf() {
    let (matrix, gradients, hessians) = stepData()
    let binner = FeatureBinner.fit(matrix, maxBins: 32)
    let binned = binner.transform(matrix)
    let tree = TreeGrower.grow(binned, binner: binner, rows: Array(0..<Int32(matrix.rows)), gradients: gradients,
                               hessians: hessians, settings: .init(maxLeaves: 8, split: .init(minDataInLeaf: 3)))
    #expect(tree.leafCountTotal <= 8)
    matrix.withUnsafeBufferPointer { values in
        for row in 0..<matrix.rows {
            let raw = tree.leaf(for: UnsafeBufferPointer(rebasing: values[(row * 2)..<(row * 2 + 2)]))
            #expect(raw == tree.leaf(binned: binned, row: row))
        }
    }
}

@Test func depthAndLeafLimitsHold() {
    let (matrix, gradients, hessians) = stepData()
    let binner = FeatureBinner.fit(matrix)
    let binned = binner.transform(matrix)
    let rows = Array(0..<Int32(matrix.rows))
    let noisy = gradients.enumerated().map { $0.element + Float($0.offset % 7) * 0.1 }
    let shallow = TreeGrower.grow(binned, binner: binner, rows: rows, gradients: noisy, hessians: hessians,
                                  settings: .init(maxLeaves: 31, maxDepth: 1, split: .init(minDataInLeaf: 1)))
    #expect(shallow.leafCountTotal == 2)
    let single = TreeGrower.grow(binned, binner: binner, rows: rows, gradients: noisy, hessians: hessians,
                                 settings: .init(maxLeaves: 31, split: .init(minDataInLeaf: 1000)))
    #expect(single.leafCountTotal == 1 && single.feature.isEmpty)
}
