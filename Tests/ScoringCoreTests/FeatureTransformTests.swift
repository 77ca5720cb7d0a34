import LinearAlgebra
import Testing
@testable import ScoringCore

@Test func imputationIndicatorsAndScalingMatchScikitLearn() {
    let (header, rows) = Fixtures.table("transform-fixture.csv")
    let matrix = Matrix<Double>(rows)
    let transform = FeatureTransform.fit(matrix, names: header, settings: .init(logSkewed: false))
    let golden = Fixtures.golden["transform"] as! [String: Any]
    for (ours, theirs) in zip(transform.columns.map(\.median), golden["medians"] as! [Double]) {
        #expect(abs(ours - theirs) <= 1e-12 * max(1, abs(theirs)))
    }
    #expect(transform.outputNames == header + ["x2_missing", "x4_missing"])
    let transformed = transform.apply(matrix)
    for (row, expected) in (golden["firstRows"] as! [[Double]]).enumerated() {
        for (column, value) in expected.enumerated() {
            #expect(abs(transformed[row, column] - value) < 1e-9, "row \(row) column \(column)")
        }
    }
}

@Test func skewedNonNegativeColumnsGetLog1p() {
    // Column 0: 1, 1, 1, 1, 100 (skewed, non-negative) -> log1p. Column 1: symmetric. Column 2: negative values.
    let matrix = Matrix<Double>([[1, 1, -5], [1, 2, 1], [1, 3, 1], [1, 4, 1], [100, 5, 1]])
    let transform = FeatureTransform.fit(matrix, names: ["a", "b", "c"])
    #expect(transform.columns.map(\.log1p) == [true, false, false])
    let transformed = transform.apply(matrix)
    // After log1p: values log(2) ×4 and log(101); mean and population sd by hand.
    let values = [0.6931471805599453, 0.6931471805599453, 0.6931471805599453, 0.6931471805599453, 4.61512051684126]
    let mean = values.reduce(0, +) / 5
    let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5).squareRoot()
    #expect(abs(transformed[4, 0] - (values[4] - mean) / sd) < 1e-12)
}

@Test func unseenMissingValuesAreImputedWithTheTrainingMedian() {
    let training = Matrix<Double>([[1], [2], [3]])
    let transform = FeatureTransform.fit(training, names: ["a"], settings: .init(logSkewed: false, standardize: false))
    let applied = transform.apply(Matrix<Double>([[.nan]]))
    #expect(applied[0, 0] == 2)
    #expect(transform.outputNames == ["a"])
}
