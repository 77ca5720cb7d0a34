import Testing
@testable import ScoringCore

@Test func messagesSayWhatToDo() {
    #expect(ScoringCoreError.unknownFormatVersion(file: "m.json", found: 9, supported: 1).description.contains("retrain"))
    #expect(ScoringCoreError.missingFeature(name: "recency", available: ["a"]).description.contains("\"recency\""))
}
