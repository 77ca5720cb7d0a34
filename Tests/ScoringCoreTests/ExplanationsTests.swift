import Testing
@testable import ScoringCore

@Test func contributionsAreCoefficientTimesDistanceSortedByMagnitude() {
    let model = FittedLogisticRegression(coefficients: [2, -1, 0.5], intercept: 0.3, featureMeans: [0, 1, 0],
                                         iterations: 1, converged: true)
    let contributions = Explanations.linearContributions(model: model, row: [0.5, 4, -1], names: ["a", "b", "c"])
    #expect(contributions.map(\.feature) == ["b", "a", "c"])
    #expect(contributions.map(\.value) == [-3, 1, -0.5])
}
