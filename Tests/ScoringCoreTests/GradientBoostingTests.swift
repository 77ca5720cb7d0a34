import Foundation
import LinearAlgebra
import Testing
@testable import ScoringCore

private func nonlinearData(rows: Int, seed: UInt64) -> (Matrix<Double>, [Double]) {
    var random = SplitMix64(seed: seed, stream: 0)
    var elements: [Double] = []
    var labels: [Double] = []
    for _ in 0..<rows {
        let a = random.uniform() * 4 - 2, b = random.uniform() * 4 - 2, noise = random.uniform()
        let missing = random.uniform() < 0.1
        elements += [missing ? .nan : a, b, noise]
        // An interaction a logistic regression cannot express: positive when a and b have the same sign.
        let logit = (missing ? 1.0 : 2.5 * (a * b > 0 ? 1 : -1)) + 0.3 * b
        labels.append(random.uniform() < 1 / (1 + exp(-logit)) ? 1 : 0)
    }
    return (Matrix(rows: rows, columns: 3, elements: elements), labels)
}

@Test func boostingLearnsAnInteractionAndIsDeterministic() throws {
    let (train, labels) = nonlinearData(rows: 2000, seed: 1)
    let (test, testLabels) = nonlinearData(rows: 1000, seed: 2)
    let configuration = GradientBoosting.Configuration(trees: 40, tree: .init(maxLeaves: 8), featureFraction: 0.67,
                                                       baggingFraction: 0.8, seed: 7)
    let model = try GradientBoosting.fit(train, labels: labels, configuration: configuration)
    let auc = BinaryMetrics.rocAUC(scores: model.probabilities(test), labels: testLabels)
    #expect(auc > 0.8, "holdout AUC \(auc)")
    let linear = try LogisticRegression.fit(FeatureTransform.fitAndApply(test, names: ["a", "b", "c"]).transformed,
                                            labels: testLabels)
    #expect(BinaryMetrics.rocAUC(scores: linear.probabilities(FeatureTransform.fitAndApply(test, names: ["a", "b", "c"]).transformed),
                                 labels: testLabels) < auc, "trees beat a linear model on an interaction")
    #expect(try GradientBoosting.fit(train, labels: labels, configuration: configuration) == model, "same data and seed, same model")
    let importance = model.importance(features: 3)
    #expect(importance.gain[2] < importance.gain[0] && importance.gain[2] < importance.gain[1], "noise matters least")
}

@Test func earlyStoppingKeepsTheBestRound() throws {
    let (train, labels) = nonlinearData(rows: 600, seed: 3)
    let (valid, validLabels) = nonlinearData(rows: 600, seed: 4)
    let model = try GradientBoosting.fit(train, labels: labels,
                                         configuration: .init(trees: 300, tree: .init(maxLeaves: 31, split: .init(minDataInLeaf: 2), learningRate: 0.3),
                                                              earlyStoppingRounds: 10),
                                         validation: (valid, validLabels))
    #expect(model.trees.count < 300)
}

@Test func twoThreadsGrowTheSameModelAsOne() throws {
    let (train, labels) = nonlinearData(rows: 3000, seed: 5)
    let configuration = GradientBoosting.Configuration(trees: 15, tree: .init(maxLeaves: 15), baggingFraction: 0.9, seed: 2)
    let one = try GradientBoosting.fit(train, labels: labels, configuration: configuration, threads: 1)
    let two = try GradientBoosting.fit(train, labels: labels, configuration: configuration, threads: 2)
    #expect(one == two)
    let fitted = try GradientBoosting.fitWithTrainingScores(train, labels: labels, configuration: configuration, threads: 2)
    #expect(fitted.trainingScores == one.rawScores(train), "scores kept during boosting equal a fresh prediction")
}

@Test func largeLeavesPartitionAndGradientsOnTwoThreadsAsOnOne() throws {
    // Above 65,536 rows the partition and the gradients are split between threads.
    let (train, labels) = nonlinearData(rows: 70_000, seed: 9)
    let configuration = GradientBoosting.Configuration(trees: 3, tree: .init(maxLeaves: 6), seed: 1)
    let one = try GradientBoosting.fit(train, labels: labels, configuration: configuration, threads: 1)
    let two = try GradientBoosting.fit(train, labels: labels, configuration: configuration, threads: 2)
    #expect(one == two)
    #expect(one.trees[0].leafCount.reduce(0, +) == 70_000)
}
