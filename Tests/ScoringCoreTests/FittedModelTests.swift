import Foundation
import LinearAlgebra
import Testing
@testable import ScoringCore

private func dataset() -> Dataset {
    let fixture = Fixtures.logistic
    return Dataset(featureNames: ["x1", "x2", "x3", "x4", "x5"], features: fixture.features, labels: fixture.labels)
}

@Test func everyKindScoresAndExplainsItsScores() throws {
    let data = dataset()
    let logistic = try ModelFile.fitLogistic(data, labelName: "label", configuration: .init()).fitted
    let boosted = try ModelFile.fitGradientBoosting(data, labelName: "label", configuration: .init(trees: 10, tree: .init(maxLeaves: 4))).fitted
    #expect(logistic.algorithm == "logistic" && boosted.algorithm == "gbdt")
    #expect(boosted.fitSteps == 10 && boosted.converged && logistic.fitSteps >= 1)
    #expect(logistic.description.hasPrefix("logistic regression, ") && boosted.description == "gradient boosting, 10 trees")

    // Logistic: the contributions of a row sum to its log-odds minus the log-odds of the training mean.
    guard case .logistic(_, let transform, let model) = logistic else { Issue.record("not logistic"); return }
    let contributions = logistic.contributions(data.features)
    let raw = model.rawScores(transform.apply(data.features))
    let meanScore = model.intercept + zip(model.coefficients, model.featureMeans).reduce(0) { $0 + $1.0 * $1.1 }
    for row in 0..<data.rowCount {
        let sum = (0..<data.features.columns).reduce(0) { $0 + contributions[row, $1] }
        #expect(abs(sum - (raw[row] - meanScore)) < 1e-9)
    }
    // Boosting: TreeSHAP, one column per feature, the same as the trees' own.
    guard case .gradientBoosting(_, let trees) = boosted else { Issue.record("not boosting"); return }
    #expect(boosted.contributions(data.features) == trees.contributions(data.features, threads: 1))
    #expect(boosted.probabilities(data.features, threads: 2) == trees.probabilities(data.features, threads: 1))
}
