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
        // The configured candidates, and the best of them with P(alive) and expected purchases added.
        #expect(candidates.count == quickSettings().candidates.count + 1 && bundle.baselineEntry != nil)
        #expect(candidates.contains { $0.model.hasSuffix(" + P(alive), expected purchases") })
        // Chosen on the choosing half of the held-out customers; the leaderboard measured on the other half.
        #expect(bundle.chosenEntry!.selectionRocAUC == candidates.map { $0.selectionRocAUC! }.max())
        #expect(bundle.leaderboard.allSatisfy { $0.rows == bundle.calibration!.reportRows })
        #expect(bundle.search == SearchSummary(candidatesPlanned: 2, candidatesTried: 2, budgetSeconds: nil, cutShort: false))
        #expect(bundle.chosenEntry!.rocAUC > bundle.baselineEntry!.rocAUC, "\(bundle.target): \(bundle.leaderboard)")
        let chosen = try #require(quickSettings().candidates.first { bundle.chosen.hasPrefix($0.name) })
        let withValueFeatures = bundle.model.featureNames.contains("p_alive")
        #expect(withValueFeatures == bundle.chosen.hasSuffix(" + P(alive), expected purchases"), "the features follow the choice")
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

@Test func theSearchTriesTheGridInOrderAndEarlyStoppedTreesAreKeptForTheRefit() throws {
    var settings = quickSettings()
    settings.searchCandidates = 4
    let bundle = try Trainer.train(history: try generatedHistory(), asOf: lastGeneratedDay, targets: [.churn], settings: settings)[0]
    let names = Set(bundle.leaderboard.map(\.model))
    #expect(names.isSuperset(of: settings.candidates.map(\.name) + ["baseline"]) && names.count == 6)
    #expect(bundle.search?.candidatesTried == 4 && bundle.search?.cutShort == false)
    if bundle.chosen.hasPrefix("gbdt ") {
        guard case .gradientBoosting(let configuration, let model) = bundle.model.fitted else { Issue.record("gbdt"); return }
        #expect(configuration.earlyStoppingRounds == nil && model.trees.count == configuration.trees && model.trees.count < 1000)
    }
    // A budget already spent stops after the two configured candidates, and the bundle says so.
    settings.searchBudgetSeconds = 1e-9
    let cut = try Trainer.train(history: try generatedHistory(), asOf: lastGeneratedDay, targets: [.churn], settings: settings)[0]
    #expect(cut.search == SearchSummary(candidatesPlanned: 4, candidatesTried: 2, budgetSeconds: 1e-9, cutShort: true))
}

@Test func theCalibrationIsChosenOnOneHalfAndAppliedToTheBundlesProbabilities() throws {
    let bundle = try Trainer.train(history: try generatedHistory(), asOf: lastGeneratedDay, targets: [.churn], settings: quickSettings())[0]
    let choice = try #require(bundle.calibration)
    #expect(Set(choice.selectionLogLoss.keys) == ["none", "platt", "isotonic"])
    let best = choice.selectionLogLoss.min { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }!.key
    #expect(choice.calibration.method == best)
    #expect(choice.logLossBefore.isFinite && choice.logLossAfter.isFinite)
    #expect(Trainer.choosingHalf(customer: 12, seed: 42) == Trainer.choosingHalf(customer: 12, seed: 42))
    let halves = (0..<2000).filter { Trainer.choosingHalf(customer: $0, seed: 42) }.count
    #expect(halves > 900 && halves < 1100, "about half: \(halves)")
}
