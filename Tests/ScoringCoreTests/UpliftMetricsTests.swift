import Foundation
import Testing
@testable import ScoringCore

/// Against scikit-uplift 0.5.1 (`Fixtures/uplift/make_uplift_metrics_golden.py` wrote the table and the
/// golden values): a score with ties, and a coarse one with large groups of ties.
@Test func upliftMetricsMatchScikitUplift() throws {
    let folder = Fixtures.folder.appendingPathComponent("uplift")
    let text = try String(contentsOf: folder.appendingPathComponent("uplift_fixture.csv"), encoding: .utf8)
    let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
    let outcome = rows.map { $0[0] }, treatment = rows.map { $0[1] }
    let golden = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("uplift_metrics_golden.json")))
        as! [String: [String: Any]]
    for (name, column) in [("uplift", 2), ("coarse", 3)] {
        let score = rows.map { $0[column] }
        let expected = golden[name]!
        func close(_ value: Double, _ key: String) -> Bool { abs(value - (expected[key] as! Double)) < 1e-12 }
        #expect(close(UpliftMetrics.qiniCoefficient(outcome: outcome, treatment: treatment, score: score), "qini_auc_score"), "\(name)")
        #expect(close(UpliftMetrics.qiniCoefficient(outcome: outcome, treatment: treatment, score: score, negativeEffect: false),
                      "qini_auc_score_no_negative"), "\(name)")
        #expect(close(UpliftMetrics.upliftAUC(outcome: outcome, treatment: treatment, score: score), "uplift_auc_score"), "\(name)")
        let atK = expected["uplift_at_k"] as! [String: [String: Double]]
        for (k, strategies) in atK {
            for (strategy, value) in strategies {
                let measured = UpliftMetrics.upliftAtK(outcome: outcome, treatment: treatment, score: score, fraction: Double(k)!,
                                                       strategy: UpliftMetrics.AtKStrategy(rawValue: strategy)!)
                #expect(abs(measured - value) < 1e-12, "\(name) k=\(k) \(strategy): \(measured) against \(value)")
            }
        }
    }
}

@Test func upliftCurvesStartAtTheOriginAndStepAtTies() {
    // Two tied rows on top: one step for both.
    let curve = UpliftMetrics.qiniCurve(outcome: [1, 0, 1, 0], treatment: [1, 0, 0, 1], score: [0.9, 0.9, 0.1, 0.0])
    #expect(curve.x == [0, 2, 3, 4])
    #expect(curve.y == [0, 1, 0.5, 0], "1 − 0 × 1/1; 1 − 1 × 1/2; 1 − 1 × 2/2")
}
