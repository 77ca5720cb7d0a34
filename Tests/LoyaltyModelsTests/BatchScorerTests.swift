import Features
import LinearAlgebra
import ScoringCore
import Testing
@testable import LoyaltyModels

@Test func decilesRankHighestFirstAndSkipMissing() {
    let deciles = BatchScorer.deciles([0.5, .nan, 0.9, 0.1, 0.5])
    #expect(deciles == [3, nil, 1, 8, 6], "ranks 1...4 of 4 present values → 1 + rank·10/4")
}

@Test func scoresCoverEveryBuyerWithReasonsThatPushTowardsTheTarget() throws {
    let history = try generatedHistory()
    let bundles = try Trainer.train(history: history, asOf: lastGeneratedDay, targets: PredictionTarget.allCases, settings: quickSettings())
    var factors: [ReasonFactor] = []
    let scores = try BatchScorer.score(history: history, asOf: lastGeneratedDay, churn: bundles[0], loyalCandidate: bundles[1]) {
        factors.append($0)
        return $0.feature
    }
    let buyers = history.featureTable(at: lastGeneratedDay).column("days_since_last_purchase")!.filter { !$0.isNaN }.count
    #expect(scores.count == buyers)
    #expect(factors.allSatisfy { $0.contribution > 0 })
    let active = scores.filter { $0.daysSinceLastPurchase < 365 }
    #expect(active.allSatisfy { !$0.churnProbability.isNaN && $0.churnReasons.count <= 3 })
    #expect(scores.filter { $0.daysSinceLastPurchase >= 365 }.allSatisfy { $0.churnProbability.isNaN })
    #expect(scores.filter(\.isLoyal).allSatisfy { $0.loyalCandidateProbability.isNaN }, "the loyal are not candidates")
    #expect(active.contains { !$0.churnReasons.isEmpty })
    let again = try BatchScorer.score(history: history, asOf: lastGeneratedDay, churn: bundles[0], loyalCandidate: bundles[1]) { $0.feature }
    #expect(again.map(\.churnProbability).elementsEqual(scores.map(\.churnProbability)) { $0 == $1 || ($0.isNaN && $1.isNaN) })
}

@Test func linearContributionsSumToTheScoreMinusTheMeanScore() throws {
    let matrix = Matrix<Double>([[1, .nan], [3, 4], [5, 2], [2, 8], [7, .nan], [4, 1]])
    let labels: [Double] = [0, 1, 0, 1, 1, 0]
    let model = try ModelFile.fitLogistic(Dataset(featureNames: ["a", "b"], features: matrix, labels: labels), labelName: "y",
                                          configuration: .init(l2: 1))
    let contributions = BatchScorer.contributionsByFeature(model, features: matrix, threads: 1)
    let raw = model.logistic!.rawScores(model.transform!.apply(matrix))
    let meanScore = model.logistic!.intercept + zip(model.logistic!.coefficients, model.logistic!.featureMeans).reduce(0) { $0 + $1.0 * $1.1 }
    for row in 0..<matrix.rows {
        #expect(abs(contributions[row, 0] + contributions[row, 1] - (raw[row] - meanScore)) < 1e-9)
    }
}
