import LinearAlgebra
import Testing
@testable import ScoringCore

@Test func fewDistinctValuesGetOneBinEachAndMissingIsBinZero() {
    let matrix = Matrix<Double>([[1], [2], [2], [5], [.nan], [1]])
    let binner = FeatureBinner.fit(matrix)
    #expect(binner.thresholds[0] == [1.5, 3.5])
    #expect(binner.binCount(0) == 4)
    let binned = binner.transform(matrix)
    #expect((0..<6).map { binned[$0, 0] } == [1, 2, 2, 3, 0, 1])
    #expect(binner.bin(-100, feature: 0) == 1 && binner.bin(100, feature: 0) == 3)
}

@Test func manyValuesGetAtMostMaxBinsRoughlyEqualAndOrdered() {
    let values = (0..<10_000).map { Double(($0 * 7919) % 10_000) }
    let matrix = Matrix<Double>(rows: values.count, columns: 1, elements: values)
    let binner = FeatureBinner.fit(matrix, maxBins: 17)
    #expect(binner.binCount(0) <= 17)
    let binned = binner.transform(matrix)
    var counts = [Int](repeating: 0, count: binner.binCount(0))
    for row in 0..<values.count { counts[Int(binned[row, 0])] += 1 }
    #expect(counts[0] == 0)
    #expect(counts.dropFirst().allSatisfy { abs($0 - 625) <= 1 }, "\(counts)")
    let order = values.indices.sorted { values[$0] < values[$1] }
    #expect(zip(order, order.dropFirst()).allSatisfy { binned[$0, 0] <= binned[$1, 0] }, "bins keep the order of values")
}

@Test func sampledFitIsDeterministicAndConstantColumnsHaveOneBin() {
    let matrix = Matrix<Double>(rows: 1000, columns: 2, elements: (0..<2000).map { $0 % 2 == 0 ? 3 : Double($0) })
    let first = FeatureBinner.fit(matrix, maxBins: 32, sampleRows: 100)
    #expect(first == FeatureBinner.fit(matrix, maxBins: 32, sampleRows: 100))
    #expect(first.thresholds[0].isEmpty && first.binCount(0) == 2)
    #expect(first.binCount(1) <= 32)
}
