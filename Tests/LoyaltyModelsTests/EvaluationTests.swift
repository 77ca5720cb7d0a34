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
}
