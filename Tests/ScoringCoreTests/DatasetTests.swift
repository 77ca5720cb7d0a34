import LinearAlgebra
import Testing
@testable import ScoringCore

@Test func selectingFeaturesByNameAndMissingOnes() throws {
    let dataset = Dataset(featureNames: ["a", "b"], features: Matrix([[1, 2], [3, 4]]), labels: [0, 1])
    #expect(try dataset.features(named: ["b", "a"]).elements == [2, 1, 4, 3])
    #expect(throws: ScoringCoreError.missingFeature(name: "c", available: ["a", "b"])) { _ = try dataset.features(named: ["c"]) }
}

@Test func labelsMustBeBinaryWithBothClasses() {
    let bad = Dataset(featureNames: ["a"], features: Matrix([[1], [2]]), labels: [0, 2])
    #expect(throws: ScoringCoreError.invalidLabel(row: 2, value: 2)) { _ = try bad.binaryLabels() }
    let single = Dataset(featureNames: ["a"], features: Matrix([[1], [2]]), labels: [1, 1])
    #expect(throws: ScoringCoreError.singleClass(label: 1)) { _ = try single.binaryLabels() }
}
