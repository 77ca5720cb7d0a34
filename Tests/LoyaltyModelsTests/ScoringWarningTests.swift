import Testing
@testable import LoyaltyModels

@Test func messagesRoundWithoutLocale() {
    #expect(rounded(12.3456, 2) == "12.35" && rounded(3, 1) == "3" && rounded(0.25, 3) == "0.25")
}

/// A bundle whose model lost to its baseline gets one warning, the same words for `train` and `score`;
/// a bundle that beat it gets none.
@Test func aModelThatLosesToItsBaselineIsSaidOnce() throws {
    var settings = quickSettings()
    settings.maxCutoffs = 3
    var bundle = try Trainer.train(history: try generatedHistory(), asOf: lastGeneratedDay, targets: [.churn], settings: settings)[0]
    bundle.beatsBaseline = true
    #expect(ScoringWarning.losesToBaseline(bundle) == nil)
    bundle.beatsBaseline = false
    let warning = try #require(ScoringWarning.losesToBaseline(bundle))
    #expect(warning.kind == .losesToBaseline && warning.target == "churn")
    #expect(warning.message.contains("does not beat its baseline out of time") && warning.message.contains("days_since_last_purchase"))
    #expect(ScoringWarning.bundleWarnings(bundle, medianOrderValue: nil, asOf: lastGeneratedDay).filter { $0.kind == .losesToBaseline } == [warning])
}
