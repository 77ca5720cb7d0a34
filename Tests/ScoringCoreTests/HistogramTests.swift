import LinearAlgebra
import Testing
@testable import ScoringCore

private func fixture() -> (BinnedMatrix, [Float], [Float]) {
    var state: UInt64 = 12345
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    let rows = 500, features = 4
    let matrix = Matrix<Double>(rows: rows, columns: features, elements: (0..<(rows * features)).map { index in
        index % 13 == 0 ? .nan : (index % features == 3 ? Double(Int(next() * 3)) : next() * 100)
    })
    let binned = FeatureBinner.fit(matrix, maxBins: 32).transform(matrix)
    let gradients = (0..<rows).map { _ in Float(next() - 0.5) }
    let hessians = (0..<rows).map { _ in Float(next() * 0.25) }
    return (binned, gradients, hessians)
}

@Test func histogramEqualsANaiveCount() {
    let (binned, gradients, hessians) = fixture()
    let rows = (0..<Int32(binned.rows)).filter { $0 % 3 != 0 }
    let histogram = Histogram.build(binned, rows: rows, gradients: gradients, hessians: hessians)
    for feature in 0..<binned.features {
        for bin in 0..<Histogram.binsPerFeature {
            let members = rows.filter { Int(binned[Int($0), feature]) == bin }
            let slot = feature * Histogram.binsPerFeature + bin
            #expect(histogram.count(slot) == members.count)
            let gradient = members.reduce(0.0) { $0 + Double(gradients[Int($1)]) }
            let hessian = members.reduce(0.0) { $0 + Double(hessians[Int($1)]) }
            #expect(abs(histogram.gradient(slot) - gradient) < 1e-9)
            #expect(abs(histogram.hessian(slot) - hessian) < 1e-9)
        }
    }
}

@Test func subtractionGivesTheOtherChild() {
    let (binned, gradients, hessians) = fixture()
    let all = Array(0..<Int32(binned.rows))
    let left = all.filter { $0 % 4 == 0 }
    let right = all.filter { $0 % 4 != 0 }
    let parent = Histogram.build(binned, rows: all, gradients: gradients, hessians: hessians)
    let fromRows = Histogram.build(binned, rows: right, gradients: gradients, hessians: hessians)
    var bySubtraction = parent
    bySubtraction.subtract(Histogram.build(binned, rows: left, gradients: gradients, hessians: hessians))
    #expect(zip(bySubtraction.sums, fromRows.sums).allSatisfy { abs($0 - $1) < 1e-9 })
}
