import ScoringCore
import Testing
@testable import LoyaltyModels

@Test func candidatesAreTheSimplerModelFirstWithTheSeedPassedOn() {
    let settings = TrainingSettings(logistic: .init(l2: 2), seed: 7)
    #expect(settings.candidates.count == 12 && Array(settings.candidates.map(\.name).prefix(2)) == ["logistic", "gbdt"])
    #expect(Set(settings.candidates.map(\.name)).count == 12, "leaderboard names are distinct")
    #expect(settings.candidates[0].specification == .logistic(.init(l2: 2)))
    guard case .gradientBoosting(let configuration) = settings.candidates[1].specification else {
        Issue.record("the second candidate is gradient boosting"); return
    }
    #expect(configuration.seed == 7 && configuration.trees == settings.gbdt.trees)
    #expect(settings.candidates.prefix(2).allSatisfy { $0.name == $0.specification.algorithm }, "the configured models keep the fitted tags")
    #expect(settings.candidates.allSatisfy { $0.name.hasPrefix($0.specification.algorithm) })
    for candidate in settings.candidates.dropFirst(2) {
        if case .gradientBoosting(let searched) = candidate.specification {
            #expect(searched.seed == 7 && searched.earlyStoppingRounds == 25, "trees by early stopping, the seed passed on")
        }
    }
    var fewer = settings
    fewer.searchCandidates = 5
    #expect(fewer.candidates.map(\.name) == Array(settings.candidates.map(\.name).prefix(5)), "a smaller search is a prefix")
    #expect(settings.loyaltyRule.topShare == 0.2)
}
