import Foundation
import Testing
@testable import ScoringCore

/// Golden values by `Fixtures/make_calibration_golden.py` (scikit-learn).
private nonisolated(unsafe) let golden: [String: Any] = {
    let data = try! Data(contentsOf: Fixtures.folder.appendingPathComponent("calibration-golden.json"))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
}()

private let scores = golden["scores"] as! [Double]
private let labels = golden["labels"] as! [Double]

@Test func plattScalingMatchesAnUnpenalizedLogisticRegressionOnTheLogOdds() {
    guard case .platt(let slope, let intercept) = ProbabilityCalibration.fitPlatt(probabilities: scores, labels: labels) else {
        Issue.record("Platt"); return
    }
    let goldenSlope = golden["plattSlope"] as! Double, goldenIntercept = golden["plattIntercept"] as! Double
    #expect(abs(slope - goldenSlope) < 1e-6 && abs(intercept - goldenIntercept) < 1e-6, "\(slope) \(intercept)")
    #expect(slope < 0.7, "the fixture's scores are over-confident, so the slope shrinks them")
}

@Test func isotonicRegressionMatchesScikitLearnIncludingTiesAndTheEnds() {
    let map = ProbabilityCalibration.fitIsotonic(probabilities: scores, labels: labels)
    let probes = golden["probes"] as! [Double], expected = golden["isotonic"] as! [Double]
    for (probe, value) in zip(probes, expected) {
        let clipped = min(max(value, ProbabilityCalibration.probabilityFloor), 1 - ProbabilityCalibration.probabilityFloor)
        #expect(abs(map.apply(probe) - clipped) < 1e-12, "at \(probe): \(map.apply(probe)) against \(value)")
    }
    guard case .isotonic(let inputs, let outputs) = map else { Issue.record("isotonic"); return }
    #expect(zip(inputs, inputs.dropFirst()).allSatisfy { $0 <= $1 } && zip(outputs, outputs.dropFirst()).allSatisfy { $0 <= $1 })
}

@Test func keepingTheLevelMovesTheMeanBackToTheModelsOwn() {
    let mean = scores.reduce(0, +) / Double(scores.count)
    for map in [ProbabilityCalibration.fitPlatt(probabilities: scores, labels: labels),
                ProbabilityCalibration.fitIsotonic(probabilities: scores, labels: labels)] {
        let level = map.keepingLevel(of: scores)
        let calibrated = level.apply(scores)
        #expect(abs(calibrated.reduce(0, +) / Double(scores.count) - mean) < 1e-9, "\(level.method)")
        // The shape is kept: the order of the scores does not change.
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        #expect(zip(order, order.dropFirst()).allSatisfy { calibrated[$0] <= calibrated[$1] })
    }
    #expect(ProbabilityCalibration.identity.keepingLevel(of: scores) == .identity)
}

@Test func theChoiceIsMadeOnOneHalfAndReportedOnTheOther() {
    let half = scores.count / 2
    let choice = CalibrationChoice.choose(choosing: (Array(scores[..<half]), Array(labels[..<half])),
                                          reporting: (Array(scores[half...]), Array(labels[half...])))
    #expect(choice.reportRows == scores.count - half)
    let best = choice.selectionLogLoss.min { $0.value < $1.value }!.key
    #expect(choice.calibration.method == best && best != "none", "over-confident scores are worth calibrating: \(choice.selectionLogLoss)")
    #expect(choice.logLossAfter < choice.logLossBefore, "and it helps on the half that took no part")
    let same = CalibrationChoice.choose(choosing: (Array(scores[..<half]), Array(labels[..<half])),
                                        reporting: (Array(scores[half...]), Array(labels[half...])))
    #expect(same == choice, "deterministic")
}

@Test func identityAndNaNPassThrough() {
    #expect(ProbabilityCalibration.identity.apply([0.2, 0.7]) == [0.2, 0.7])
    let map = ProbabilityCalibration.isotonic(inputs: [0.1, 0.5], outputs: [0, 1])
    #expect(map.apply(Double.nan).isNaN && abs(map.apply(0.3) - 0.5) < 1e-12 && map.apply(0) == ProbabilityCalibration.probabilityFloor)
}
