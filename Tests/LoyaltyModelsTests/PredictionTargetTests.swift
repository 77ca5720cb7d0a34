import Testing
@testable import LoyaltyModels

@Test func baselinesRankMissingValuesLast() {
    #expect(PredictionTarget.churn.baseline.feature == "days_since_last_purchase")
    #expect(PredictionTarget.loyalCandidate.baseline.feature == "spend_365d")
    let scores = PredictionTarget.churn.baselineScores([10, .nan, 200])
    #expect(scores[2] > scores[0] && scores[0] > scores[1])
    #expect(PredictionTarget(rawValue: "loyal-candidate") == .loyalCandidate)
}

@Test func populationsMatchTheLabels() throws {
    let history = try generatedHistory()
    let cutoff = lastGeneratedDay - 120
    for target in PredictionTarget.allCases {
        let rule = quickSettings().loyaltyRule
        let population = target.population(history: history, cutoff: cutoff, rule: rule)
        let labels = target.labels(history: history, cutoff: cutoff, horizonDays: 90, rule: rule)
        #expect(population == labels.map { !$0.isNaN }, "\(target)")
    }
}
