import LinearAlgebra
import Testing
@testable import ScoringCore

private func expectMatches(_ model: FittedLogisticRegression, _ key: String, coefficientTolerance: Double = 1e-4,
                           probabilityTolerance: Double = 1e-6, sourceLocation: SourceLocation = #_sourceLocation) {
    let golden = Fixtures.goldenFit(key)
    for (ours, theirs) in zip(model.coefficients, golden.coefficients) {
        #expect(abs(ours - theirs) <= coefficientTolerance, "\(key): coefficient \(ours) vs \(theirs)", sourceLocation: sourceLocation)
    }
    #expect(abs(model.intercept - golden.intercept) <= coefficientTolerance, "\(key): intercept", sourceLocation: sourceLocation)
    let probabilities = model.probabilities(Fixtures.logistic.features)
    let worst = zip(probabilities, golden.probabilities).map { abs($0 - $1) }.max()!
    #expect(worst <= probabilityTolerance, "\(key): largest probability difference \(worst)", sourceLocation: sourceLocation)
}

@Test(arguments: [("l2_1", 1.0), ("l2_0.1", 0.1), ("l2_10", 10.0)])
func l2MatchesScikitLearn(key: String, l2: Double) throws {
    let fixture = Fixtures.logistic
    let model = try LogisticRegression.fit(fixture.features, labels: fixture.labels,
                                           configuration: .init(l2: l2))
    #expect(model.converged)
    expectMatches(model, key)
}

@Test func balancedClassWeightsMatchScikitLearn() throws {
    let fixture = Fixtures.logistic
    let model = try LogisticRegression.fit(fixture.features, labels: fixture.labels,
                                           configuration: .init(l2: 1, classWeight: .balanced))
    expectMatches(model, "balanced_l2_1")
}

@Test func sampleWeightsMatchScikitLearn() throws {
    let fixture = Fixtures.logistic
    let model = try LogisticRegression.fit(fixture.features, labels: fixture.labels, weights: fixture.weights,
                                           configuration: .init(l2: 1))
    expectMatches(model, "weighted_l2_1")
}

@Test func l1MatchesScikitLearnSagaAndZeroesACoefficient() throws {
    let fixture = Fixtures.logistic
    let model = try LogisticRegression.fit(fixture.features, labels: fixture.labels, configuration: .init(l2: 0, l1: 2))
    expectMatches(model, "l1_2")
    #expect(model.coefficients[4] == 0)
}

@Test func badParametersAreErrors() {
    let fixture = Fixtures.logistic
    #expect(throws: ScoringCoreError.self) {
        _ = try LogisticRegression.fit(fixture.features, labels: fixture.labels, configuration: .init(l2: -1))
    }
}

@Test func separableDataStaysFiniteWithPenalty() throws {
    let features = Matrix<Double>([[0], [1], [2], [3]])
    let model = try LogisticRegression.fit(features, labels: [0, 0, 1, 1], configuration: .init(l2: 0.01))
    #expect(model.coefficients[0].isFinite && model.coefficients[0] > 1)
}

@Test func choleskySolvesAndRidgesASingularSystem() {
    let matrix = Matrix<Double>([[4, 2], [2, 3]])
    let solution = Cholesky.solve(matrix, [2, 1])
    #expect(abs(4 * solution[0] + 2 * solution[1] - 2) < 1e-12)
    #expect(abs(2 * solution[0] + 3 * solution[1] - 1) < 1e-12)
    let singular = Cholesky.solve(Matrix<Double>([[1, 1], [1, 1]]), [1, 1])
    #expect(singular.allSatisfy { $0.isFinite })
}
