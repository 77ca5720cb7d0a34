import Foundation
import LinearAlgebra
import Testing
@testable import ScoringCore

private func fixtureDataset() -> Dataset {
    let fixture = Fixtures.logistic
    return Dataset(featureNames: ["x1", "x2", "x3", "x4", "x5"], features: fixture.features, labels: fixture.labels)
}

@Test func sameDataSameBytesAndRoundTrip() throws {
    let first = try ModelFile.fitLogistic(fixtureDataset(), labelName: "label", configuration: .init()).encoded()
    let second = try ModelFile.fitLogistic(fixtureDataset(), labelName: "label", configuration: .init()).encoded()
    #expect(first == second)
    let loaded = try ModelFile.decode(first, file: "m.json")
    #expect(try loaded.encoded() == first)
    #expect(try loaded.probabilities(fixtureDataset()).count == 300)
}

@Test func unknownVersionAndGarbageAreClearErrors() throws {
    var text = String(decoding: try ModelFile.fitLogistic(fixtureDataset(), labelName: "label", configuration: .init()).encoded(), as: UTF8.self)
    text = text.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 99")
    #expect(throws: ScoringCoreError.unknownFormatVersion(file: "m.json", found: 99, supported: 1)) {
        _ = try ModelFile.decode(Data(text.utf8), file: "m.json")
    }
    #expect(throws: ScoringCoreError.self) { _ = try ModelFile.decode(Data("{}".utf8), file: "m.json") }
}

@Test func scoringATableWithoutAFeatureIsAnError() throws {
    let model = try ModelFile.fitLogistic(fixtureDataset(), labelName: "label", configuration: .init())
    let partial = Dataset(featureNames: ["x1"], features: Matrix([[1]]))
    #expect(throws: ScoringCoreError.self) { _ = try model.probabilities(partial) }
}

@Test func eachKindIsWrittenWithItsOwnFieldsOnly() throws {
    let logistic = try ModelFile.fitLogistic(fixtureDataset(), labelName: "label", configuration: .init())
    let boosted = try ModelFile.fitGradientBoosting(fixtureDataset(), labelName: "label", configuration: .init(trees: 3))
    func keys(_ model: ModelFile) throws -> Set<String> {
        Set((try JSONSerialization.jsonObject(with: try model.encoded()) as! [String: Any]).keys)
    }
    let common: Set = ["formatVersion", "algorithm", "featureNames", "labelName", "trainingRows", "trainingMetrics"]
    #expect(try keys(logistic) == common.union(["transform", "logisticConfiguration", "logistic"]))
    #expect(try keys(boosted) == common.union(["gbdtConfiguration", "gbdt"]))
    #expect(try ModelFile.decode(try boosted.encoded(), file: "g.json") == boosted)

    var text = String(decoding: try boosted.encoded(), as: UTF8.self)
    text = text.replacingOccurrences(of: "\"algorithm\" : \"gbdt\"", with: "\"algorithm\" : \"forest\"")
    #expect { _ = try ModelFile.decode(Data(text.utf8), file: "g.json") } throws: { "\($0)".contains("unknown algorithm \"forest\"") }
    let withoutTrees = String(decoding: try logistic.encoded(), as: UTF8.self)
        .replacingOccurrences(of: "\"algorithm\" : \"logistic\"", with: "\"algorithm\" : \"gbdt\"")
    #expect { _ = try ModelFile.decode(Data(withoutTrees.utf8), file: "m.json") } throws: { "\($0)".contains("gbdt") }
}
