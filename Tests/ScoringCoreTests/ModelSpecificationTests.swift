import Foundation
import LinearAlgebra
import Testing
@testable import ScoringCore

@Test func aSpecificationFitsWhatTheDirectFitFits() throws {
    let fixture = Fixtures.logistic
    let data = Dataset(featureNames: ["x1", "x2", "x3", "x4", "x5"], features: fixture.features, labels: fixture.labels)
    let logistic = ModelSpecification.logistic(.init(l2: 0.5), transform: .init(logSkewed: false))
    #expect(try logistic.fit(data, labelName: "y").encoded()
        == ModelFile.fitLogistic(data, labelName: "y", configuration: .init(l2: 0.5), transformSettings: .init(logSkewed: false)).encoded())
    let boosting = ModelSpecification.gradientBoosting(.init(trees: 5, tree: .init(maxLeaves: 4), seed: 3))
    #expect(try boosting.fit(data, labelName: "y", threads: 2).encoded()
        == ModelFile.fitGradientBoosting(data, labelName: "y", configuration: .init(trees: 5, tree: .init(maxLeaves: 4), seed: 3)).encoded())
    #expect(logistic.algorithm == "logistic" && boosting.algorithm == "gbdt")
    #expect(try boosting.fit(data, labelName: "y").algorithm == boosting.algorithm, "the tag of what it fits")
}
