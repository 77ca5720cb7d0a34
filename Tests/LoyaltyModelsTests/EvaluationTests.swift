import Features
import OrderHistory
import Testing
@testable import LoyaltyModels

@Test func evaluationMeasuresAFutureTheModelNeverSaw() throws {
    let asOf = CalendarDay.dayNumber(year: 2024, month: 9, day: 30)
    let history = try generatedHistory()
    // Trained on data up to T only; evaluated on (T, T + 90 days].
    let bundle = try Trainer.train(history: try generatedHistory(through: asOf), asOf: asOf, targets: [.churn],
                                   settings: quickSettings())[0]
    let result = try Evaluation.evaluate(bundle, history: history, asOf: asOf)
    #expect(result.model.rows > 100 && result.model.rows == result.baseline.rows)
    #expect(result.model.rocAUC > 0.6 && result.model.rocAUC > result.baseline.rocAUC, "\(result)")
    #expect(throws: LoyaltyModelsError.self) { try Evaluation.evaluate(bundle, history: history, asOf: lastGeneratedDay) }
    #expect(result.gains.count == 10 && result.callList.calls == Evaluation.defaultCapacity && !result.inSample)
    #expect(result.callList.modelHits.value >= result.callList.randomHits.value)
    // Before the training cutoff the labels overlap training: refused unless asked for, then flagged.
    #expect(throws: LoyaltyModelsError.evaluationInSample(asOf: CalendarDay.isoString(asOf - 30), trainedAsOf: bundle.asOf,
                                                          target: "churn")) {
        try Evaluation.evaluate(bundle, history: history, asOf: asOf - 30)
    }
    #expect(try Evaluation.evaluate(bundle, history: history, asOf: asOf - 30, allowInSample: true).inSample)
}

@Test func callListOutcomesCountHitsValueAndIntervals() {
    let outcome = Evaluation.callListOutcome(model: [0.9, 0.8, 0.7, 0.1], baseline: [0.1, 0.2, 0.3, 0.4],
                                             labels: [1, 0, 1, 0], values: [10, 20, 30, 40], capacity: 2)
    // Model calls rows 0 and 1 (one churner, value 10); the baseline rows 3 and 2 (one churner, value 30).
    #expect(outcome.calls == 2 && outcome.population == 4)
    #expect(outcome.modelHits.value == 1 && outcome.baselineHits.value == 1)
    #expect(outcome.modelValueCovered.value == 10 && outcome.baselineValueCovered.value == 30)
    #expect(outcome.randomHits.value == 1 && outcome.totalValueWithOutcome == 40)
    #expect(outcome.modelValueCovered.lower <= 10 && outcome.modelValueCovered.upper >= 10)
    // Wilson 95% for 0 of 10: (0, 0.2775) (z = 1.96).
    let (low, high) = Evaluation.wilson(successes: 0, trials: 10)
    #expect(low == 0 && abs(high - 0.2775) < 0.0001)
}
