import Foundation
import LinearAlgebra
import Testing
@testable import ScoringCore

/// A randomized table where the treatment helps the rows with x0 > 0: 30% treated.
private func campaign(rows: Int = 1_200, seed: UInt64 = 4) -> (Dataset, [Double]) {
    var random = SplitMix64(seed: seed)
    var features = Matrix<Double>(rows: rows, columns: 3)
    var labels: [Double] = [], treatment: [Double] = []
    for row in 0..<rows {
        for column in 0..<3 { features[row, column] = random.normal() }
        let treated = random.uniform() < 0.3 ? 1.0 : 0.0
        let p = 0.2 + (features[row, 1] > 0 ? 0.1 : 0) + (treated == 1 && features[row, 0] > 0 ? 0.4 : 0)
        labels.append(random.uniform() < p ? 1 : 0)
        treatment.append(treated)
    }
    return (Dataset(featureNames: ["x0", "x1", "x2"], features: features, labels: labels), treatment)
}

@Test func twoModelsAreOneModelPerArm() throws {
    let (dataset, treatment) = campaign()
    let base = ModelSpecification.gradientBoosting(GradientBoosting.Configuration(trees: 20, tree: .init(maxLeaves: 7)))
    let model = try FittedUpliftModel.fit(dataset, treatment: treatment, labelName: "y", method: .twoModel, base: base)
    let treatedRows = treatment.indices.filter { treatment[$0] == 1 }, controlRows = treatment.indices.filter { treatment[$0] == 0 }
    #expect(model.models[0] == (try base.fit(dataset.rows(treatedRows), labelName: "y")))
    #expect(model.models[1] == (try base.fit(dataset.rows(controlRows), labelName: "y")))
    #expect(abs(model.treatedShare - Double(treatedRows.count) / 1_200) < 1e-15)
    let predicted = model.predict(dataset.features)
    #expect(predicted.uplift.indices.allSatisfy { predicted.uplift[$0] == predicted.treated![$0] - predicted.control![$0] })
    // The rows the treatment helps rank higher.
    let helped = (0..<1_200).filter { dataset.features[$0, 0] > 0 }.map { predicted.uplift[$0] }
    let others = (0..<1_200).filter { dataset.features[$0, 0] <= 0 }.map { predicted.uplift[$0] }
    let meanHelped: Double = helped.reduce(0, +) / Double(helped.count)
    let meanOthers: Double = others.reduce(0, +) / Double(others.count)
    #expect(meanHelped > meanOthers + 0.2, "\(meanHelped) against \(meanOthers)")
}

@Test func classTransformationIsRebalancedWhenTheTreatedShareIsNotOneHalf() throws {
    let (dataset, treatment) = campaign()
    let share = Double(treatment.filter { $0 == 1 }.count) / Double(treatment.count)
    let base = ModelSpecification.logistic(LogisticRegression.Configuration(l2: 1))
    let model = try FittedUpliftModel.fit(dataset, treatment: treatment, labelName: "y", method: .classTransformation, base: base)
    var transformed = dataset
    transformed.labels = zip(dataset.labels!, treatment).map { y, w in y * w + (1 - y) * (1 - w) }
    transformed.weights = treatment.map { $0 == 1 ? 0.5 / share : 0.5 / (1 - share) }
    #expect(model.models[0] == (try base.fit(transformed, labelName: "y")), "weights 1/(2p) and 1/(2(1 − p))")
    let predicted = model.predict(dataset.features)
    let z = model.models[0].fitted.probabilities(dataset.features)
    #expect(predicted.uplift == z.map { 2 * $0 - 1 } && predicted.treated == nil)

    // Over gradient boosting: a seeded sample of the larger arm as large as the smaller one.
    let trees = ModelSpecification.gradientBoosting(GradientBoosting.Configuration(trees: 10, tree: .init(maxLeaves: 7)))
    let sampled = try FittedUpliftModel.fit(dataset, treatment: treatment, labelName: "y", method: .classTransformation,
                                            base: trees, seed: 9)
    #expect(sampled.models[0].trainingRows == 2 * treatment.filter { $0 == 1 }.count)
    #expect(sampled == (try FittedUpliftModel.fit(dataset, treatment: treatment, labelName: "y", method: .classTransformation,
                                                  base: trees, seed: 9)), "deterministic for a seed")
}

@Test func upliftModelFilesRoundTripAndRefuseBadTreatments() throws {
    let (dataset, treatment) = campaign(rows: 400)
    let base = ModelSpecification.logistic(LogisticRegression.Configuration(l2: 1))
    let file = try ModelFile.fitUplift(dataset, treatment: treatment, labelName: "y", method: .twoModel, base: base)
    #expect(file.algorithm == "uplift")
    let decoded = try ModelFile.decode(try file.encoded(), file: "uplift.json")
    let bytes = try file.encoded(), again = try decoded.encoded()
    #expect(decoded == file && again == bytes)
    #expect(decoded.fitted.uplift(dataset.features) == file.fitted.uplift(dataset.features))
    #expect((try base.fit(dataset, labelName: "y")).fitted.uplift(dataset.features) == nil, "a model of one outcome")
    #expect(throws: ScoringCoreError.invalidTreatment(treated: 0, control: 400, other: 0)) {
        try FittedUpliftModel.fit(dataset, treatment: [Double](repeating: 0, count: 400), labelName: "y", method: .twoModel, base: base)
    }
}

@Test func theXLearnerBlendsTwoEffectModelsByTheTreatedShare() throws {
    let (dataset, treatment) = campaign()
    let base = ModelSpecification.gradientBoosting(GradientBoosting.Configuration(trees: 20, tree: .init(maxLeaves: 7)))
    let model = try FittedUpliftModel.fit(dataset, treatment: treatment, labelName: "y", method: .xLearner, base: base)
    #expect(model.models.count == 4)
    let treatedRows = treatment.indices.filter { treatment[$0] == 1 }
    #expect(model.models[0] == (try base.fit(dataset.rows(treatedRows), labelName: "y")), "μ₁ is the treated arm's model")
    // τ₁ learns D₁ = y − μ₀(x) on the treated rows, as a share (D + 1) / 2.
    var effects = dataset.rows(treatedRows)
    let mu0 = model.models[1].fitted.probabilities(effects.features)
    effects.labels = zip(effects.labels!, mu0).map { ($0 - $1 + 1) / 2 }
    #expect(model.models[2] == (try base.fit(effects, labelName: "y effect", softLabels: true)))
    let predicted = model.predict(dataset.features)
    let tau1 = model.models[2].fitted.probabilities(dataset.features), tau0 = model.models[3].fitted.probabilities(dataset.features)
    let e = model.treatedShare
    let blended: [Double] = tau1.indices.map { row in
        let fromControl: Double = e * (2 * tau0[row] - 1)
        let fromTreated: Double = (1 - e) * (2 * tau1[row] - 1)
        return fromControl + fromTreated
    }
    let largestGap: Double = zip(predicted.uplift, blended).map { abs($0 - $1) }.max()!
    #expect(largestGap < 1e-15)
    let helped = (0..<1_200).filter { dataset.features[$0, 0] > 0 }.map { predicted.uplift[$0] }
    let others = (0..<1_200).filter { dataset.features[$0, 0] <= 0 }.map { predicted.uplift[$0] }
    let meanHelped: Double = helped.reduce(0, +) / Double(helped.count)
    let meanOthers: Double = others.reduce(0, +) / Double(others.count)
    #expect(meanHelped > meanOthers + 0.2, "\(meanHelped) against \(meanOthers)")
    #expect(throws: ScoringCoreError.self) {
        var bad = dataset
        bad.labels![0] = 1.5
        _ = try bad.softLabels()
    }
}
