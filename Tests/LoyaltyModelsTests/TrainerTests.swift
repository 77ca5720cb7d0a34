import Features
import Foundation
import OrderHistory
import Testing
@testable import LoyaltyModels

@Test func trainingKeepsTheBetterModelAndBeatsTheBaseline() throws {
    let history = try generatedHistory()
    let bundles = try Trainer.train(history: history, asOf: lastGeneratedDay, targets: PredictionTarget.allCases, settings: quickSettings())
    #expect(bundles.map(\.target) == [.churn, .loyalCandidate])
    for bundle in bundles {
        #expect(bundle.cutoffs.count == 6 && bundle.heldOutCutoff == "2024-10-02" && bundle.cutoffs.first == "2024-10-02")
        #expect(bundle.evaluationFitCutoffs.allSatisfy { $0 <= "2024-07-04" }, "fitted only on label windows that end before T − H")
        let candidates = bundle.leaderboard.filter { $0.model != "baseline" }
        #expect(candidates.count == quickSettings().candidates.count && bundle.baselineEntry != nil)
        #expect(bundle.chosenEntry!.rocAUC == candidates.map(\.rocAUC).max())
        #expect(bundle.chosenEntry!.rocAUC > bundle.baselineEntry!.rocAUC, "\(bundle.target): \(bundle.leaderboard)")
        let chosen = try #require(quickSettings().candidates.first { $0.name == bundle.chosen })
        #expect(bundle.model.algorithm == chosen.specification.algorithm)
        #expect(bundle.typicalValues["days_since_last_purchase"]! > 0)
    }
}

@Test func bundlesAreDeterministicHoldNoIdsAndIgnoreTheFuture() throws {
    let asOf = CalendarDay.dayNumber(year: 2024, month: 9, day: 30)
    let history = try generatedHistory()
    let settings = quickSettings()
    let first = try Trainer.train(history: history, asOf: asOf, targets: [.churn], settings: settings)[0].encoded()
    let second = try Trainer.train(history: history, asOf: asOf, targets: [.churn], settings: settings)[0].encoded()
    #expect(first == second, "same data, same seed: same bytes")
    let cut = try Trainer.train(history: try generatedHistory(through: asOf), asOf: asOf, targets: [.churn], settings: settings)[0].encoded()
    #expect(cut == first, "orders after --as-of change nothing")
    let text = String(decoding: first, as: UTF8.self)
    for id in history.registry.ids.prefix(50) { #expect(!text.contains("\"\(id)\""), "customer id \(id) in the bundle") }
}

@Test func samplingCapsTheTrainingRowsDeterministically() throws {
    var settings = quickSettings()
    settings.maxTrainingRows = 1_000
    let bundle = try Trainer.train(history: try generatedHistory(), asOf: lastGeneratedDay, targets: [.churn], settings: settings)[0]
    #expect(bundle.trainingRows < bundle.populationRows)
    #expect(bundle.trainingRows > 700 && bundle.trainingRows < 1_300, "about the cap: \(bundle.trainingRows)")
    #expect(Trainer.keep(customer: 5, cutoff: 100, share: 0.5, seed: 1) == Trainer.keep(customer: 5, cutoff: 100, share: 0.5, seed: 1))
}

@Test func aHistoryTooShortIsAClearError() throws {
    let history = try generatedHistory()
    let early = CalendarDay.dayNumber(year: 2022, month: 6, day: 1)
    #expect {
        try Trainer.train(history: history, asOf: early, targets: [.churn], settings: quickSettings())
    } throws: { error in
        "\(error)".contains("too short to train as of 2022-06-01")
    }
}
