import ScoringCore
import Testing
@testable import LoyaltyModels

@Test func candidatesAreTheSimplerModelFirstWithTheSeedPassedOn() {
    let settings = TrainingSettings(logistic: .init(l2: 2), seed: 7)
    #expect(settings.candidates.map(\.name) == ["logistic", "gbdt"])
    #expect(settings.candidates[0].specification == .logistic(.init(l2: 2)))
    guard case .gradientBoosting(let configuration) = settings.candidates[1].specification else {
        Issue.record("the second candidate is gradient boosting"); return
    }
    #expect(configuration.seed == 7 && configuration.trees == settings.gbdt.trees)
    #expect(settings.candidates.allSatisfy { $0.name == $0.specification.algorithm }, "leaderboard names are the fitted tags")
    #expect(settings.loyaltyRule.topShare == 0.2)
}
