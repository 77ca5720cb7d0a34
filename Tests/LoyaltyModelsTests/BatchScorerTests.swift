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
    let (scores, _) = try BatchScorer.score(history: history, asOf: lastGeneratedDay, churn: bundles[0], loyalCandidate: bundles[1])
    let factors = scores.flatMap { $0.churnReasons + $0.loyalCandidateReasons }.filter { $0.feature != ReasonFactor.nothingStandsOutCode }
    let buyers = history.featureTable(at: lastGeneratedDay).column("days_since_last_purchase")!.filter { !$0.isNaN }.count
    #expect(scores.count == buyers)
    #expect(factors.allSatisfy { $0.contribution > 0 })
    let active = scores.filter { $0.daysSinceLastPurchase < 365 }
    #expect(active.allSatisfy { !$0.churnProbability.isNaN && $0.churnReasons.count <= 3 })
    #expect(scores.filter { $0.daysSinceLastPurchase >= 365 }.allSatisfy { $0.churnProbability.isNaN })
    #expect(scores.filter(\.isLoyal).allSatisfy { $0.loyalCandidateProbability.isNaN }, "the loyal are not candidates")
    #expect(active.contains { !$0.churnReasons.isEmpty })
    // The scores' P(alive) is the purchase-process feature the models saw (one fit, on the same sample).
    let table = history.featureTable(at: lastGeneratedDay, loyaltyRule: LoyaltyRule(topShare: bundles[0].loyalTopShare))
    let feature = table.column("p_alive")!
    let index = Dictionary(uniqueKeysWithValues: history.registry.ids.enumerated().map { ($1, $0) })
    #expect(scores.allSatisfy { $0.probabilityAlive == feature[index[$0.customerID]!] })
    for score in scores {
        for reasons in [score.churnReasons, score.loyalCandidateReasons] {
            let families = reasons.map { FeatureDescriptor(name: $0.feature).family }
            #expect(Set(families).count == families.count, "one reason per family")
        }
    }
    let (again, _) = try BatchScorer.score(history: history, asOf: lastGeneratedDay, churn: bundles[0], loyalCandidate: bundles[1])
    #expect(again.map(\.churnProbability).elementsEqual(scores.map(\.churnProbability)) { $0 == $1 || ($0.isNaN && $1.isNaN) })
}

@Test func linearContributionsSumToTheScoreMinusTheMeanScore() throws {
    let matrix = Matrix<Double>([[1, .nan], [3, 4], [5, 2], [2, 8], [7, .nan], [4, 1]])
    let labels: [Double] = [0, 1, 0, 1, 1, 0]
    let model = try ModelFile.fitLogistic(Dataset(featureNames: ["a", "b"], features: matrix, labels: labels), labelName: "y",
                                          configuration: .init(l2: 1))
    let contributions = model.fitted.contributions(matrix, threads: 1)
    guard case .logistic(_, let transform, let logistic) = model.fitted else { Issue.record("expected a logistic model"); return }
    let raw = logistic.rawScores(transform.apply(matrix))
    let meanScore = logistic.intercept + zip(logistic.coefficients, logistic.featureMeans).reduce(0) { $0 + $1.0 * $1.1 }
    for row in 0..<matrix.rows {
        #expect(abs(contributions[row, 0] + contributions[row, 1] - (raw[row] - meanScore)) < 1e-9)
    }
}

@Test func reasonsArgueForTheOutcomeOncePerFamilyOrSayNothingStandsOut() {
    let descriptors = ["days_since_last_purchase", "orders_all", "orders_365d", "event:email_open:30d", "last_nps"]
        .map(FeatureDescriptor.init(name:))
    let typical: [Double] = [35, 10, 8, 5, 8]
    let contributions = Matrix<Double>(rows: 3, columns: 5, elements: [
        0.8, 0.3, 0.4, 0.02, 0.2,      // row 0: many orders (above typical) push churn up: not a reason
        0.8, 0.3, 0.4, 0.02, 0.2,      // row 1: few orders: one frequency reason, the stronger member
        -0.1, -0.2, 0.01, 0.03, -0.5,  // row 2: nothing pushes towards churn by 0.05 or more
    ])
    let features = Matrix<Double>(rows: 3, columns: 5, elements: [
        142, 60, 56, 3, 9,
        142, 2, 1, 3, 9,
        10, 20, 10, 8, 10,
    ])
    let churn = ReasonSelector(descriptors: descriptors, typical: typical, sign: 1)
    func reasons(_ row: Int) -> [String] {
        churn.reasons(contributions: contributions, row: row, features: features).map(\.feature)
    }
    // Row 0: recency only; 60 and 56 orders are above typical (less churn risk), NPS 9 above typical 8,
    // email opens below 0.05.
    #expect(reasons(0) == ["days_since_last_purchase"])
    // Row 1: the frequency family pushes 0.7 in all, named by orders_365d (0.4 > 0.3).
    #expect(reasons(1) == ["days_since_last_purchase", "orders_365d"])
    #expect(reasons(2) == [ReasonFactor.nothingStandsOutCode])
    // For the loyal-candidate target (sign −1) many orders argue for the outcome.
    let loyal = ReasonSelector(descriptors: descriptors, typical: typical, sign: -1)
        .reasons(contributions: contributions, row: 0, features: features).map(\.feature)
    #expect(loyal == ["orders_365d", "last_nps"])
}

@Test func anEstimateAddsToItsFamilysPushButAnObservedFeatureIsNamed() {
    let descriptors = ["days_since_last_purchase", "p_alive", "orders_all"].map(FeatureDescriptor.init(name:))
    let selector = ReasonSelector(descriptors: descriptors, typical: [35, 0.9, 10], sign: 1)
    // Recency pushes 0.04 by itself (below the 0.05 floor) and P(alive) 0.5 more: the family is named, by
    // days since the last purchase, not by the estimate.
    let contributions = Matrix<Double>(rows: 2, columns: 3, elements: [0.04, 0.5, 0.01, 0, 0.5, 0.3])
    let features = Matrix<Double>(rows: 2, columns: 3, elements: [142, 0.2, 60, 20, 0.2, 2])
    #expect(selector.reasons(contributions: contributions, row: 0, features: features).map(\.feature) == ["days_since_last_purchase"])
    // When no observed feature of the family argues (bought 20 days ago), only the other families are named.
    #expect(selector.reasons(contributions: contributions, row: 1, features: features).map(\.feature) == ["orders_all"])
}
