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
