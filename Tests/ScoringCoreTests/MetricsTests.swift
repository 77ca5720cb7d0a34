import Testing
@testable import ScoringCore

private let golden = Fixtures.golden["metrics"] as! [String: Double]
private let labels = Fixtures.logistic.labels
private let probabilities = Fixtures.goldenFit("l2_1").probabilities

@Test func metricsMatchScikitLearn() {
    let metrics = BinaryMetrics(probabilities: probabilities, labels: labels)
    #expect(abs(metrics.rocAUC - golden["rocAUC"]!) < 1e-6)
    #expect(abs(metrics.averagePrecision - golden["averagePrecision"]!) < 1e-6)
    #expect(abs(metrics.logLoss - golden["logLoss"]!) < 1e-6)
    #expect(abs(metrics.brierScore - golden["brierScore"]!) < 1e-6)
}

@Test func tiedScoresMatchScikitLearn() {
    let tied = probabilities.map { ($0 * 10).rounded() / 10 }
    #expect(abs(BinaryMetrics.rocAUC(scores: tied, labels: labels) - golden["tiedRocAUC"]!) < 1e-6)
    #expect(abs(BinaryMetrics.averagePrecision(scores: tied, labels: labels) - golden["tiedAveragePrecision"]!) < 1e-6)
}

@Test func handComputedSmallCase() {
    // Scores 0.1 (0), 0.4 (1), 0.4 (0), 0.8 (1): pairs (pos, neg): (0.4,0.1)=1, (0.4,0.4)=½, (0.8,0.1)=1, (0.8,0.4)=1 → 3.5/4.
    #expect(BinaryMetrics.rocAUC(scores: [0.1, 0.4, 0.4, 0.8], labels: [0, 1, 0, 1]) == 0.875)
    // Thresholds 0.8: P=1, R=½; 0.4: P=2/3, R=1 → AP = ½·1 + ½·⅔.
    #expect(abs(BinaryMetrics.averagePrecision(scores: [0.1, 0.4, 0.4, 0.8], labels: [0, 1, 0, 1]) - (0.5 + 1.0 / 3)) < 1e-15)
}

@Test func decilesAndCalibration() {
    let scores = (0..<25).map { Double($0) / 25 }
    let labels = (0..<25).map { $0 >= 20 ? 1.0 : 0.0 }
    let deciles = BinaryMetrics.deciles(scores: scores, labels: labels)
    #expect(deciles.map(\.rows) == [3, 3, 3, 3, 3, 2, 2, 2, 2, 2])
    #expect(deciles[0].positives == 3 && deciles[1].positives == 2)
    #expect(abs(deciles[0].lift - 5) < 1e-12)
    #expect(deciles[1].cumulativeGain == 1)
    let top = scores.indices.sorted { scores[$0] > scores[$1] }.prefix(3).map { scores[$0] }
    #expect(abs(deciles[0].meanScore! - top.reduce(0, +) / 3) < 1e-12, "the predicted rate beside the observed one")
    let bins = BinaryMetrics.calibration(probabilities: [0.05, 0.15, 0.95, 1.0], labels: [0, 1, 1, 1])
    #expect(bins[0].rows == 1 && bins[9].rows == 2 && bins[9].observedRate == 1)
}

@Test func theROCCurveStepsOncePerDistinctThreshold() {
    // By hand (and scikit-learn's roc_curve(..., drop_intermediate=False)): fpr [0, 0, 0.5, 1], tpr [0, 0.5, 1, 1].
    let curve = BinaryMetrics.rocCurve(scores: [0.9, 0.8, 0.8, 0.3], labels: [1, 0, 1, 0])
    #expect(curve.map(\.falsePositiveRate) == [0, 0, 0.5, 1])
    #expect(curve.map(\.truePositiveRate) == [0, 0.5, 1, 1])
    #expect(BinaryMetrics.rocCurve(scores: [0.1, 0.2], labels: [1, 1]).isEmpty, "one class: no curve")
    // Thinned to the maximum, ending at (1, 1).
    let many = (0..<1000).map { Double($0) / 1000 }
    let thinned = BinaryMetrics.rocCurve(scores: many, labels: many.indices.map { Double($0 % 2) }, maximumPoints: 50)
    #expect(thinned.count <= 50 && thinned.first == BinaryMetrics.ROCPoint(falsePositiveRate: 0, truePositiveRate: 0))
    #expect(thinned.last == BinaryMetrics.ROCPoint(falsePositiveRate: 1, truePositiveRate: 1))
}

@Test func theHistogramCountsEachClassInEqualBins() {
    let (positives, negatives) = BinaryMetrics.histogram(probabilities: [0, 0.04, 0.05, 0.5, 1, .nan], labels: [1, 0, 1, 0, 1, 1], bins: 20)
    #expect(positives[0] == 1 && positives[1] == 1 && positives[19] == 1 && positives.reduce(0, +) == 3)
    #expect(negatives[0] == 1 && negatives[10] == 1 && negatives.reduce(0, +) == 2)
}
