import Foundation
import Testing
@testable import LoyaltyModels

@Test func bundlesRoundTripAndBadFilesAreClearErrors() throws {
    var settings = quickSettings()
    settings.maxCutoffs = 3
    let bundle = try Trainer.train(history: try generatedHistory(), asOf: lastGeneratedDay, targets: [.loyalCandidate], settings: settings)[0]
    let data = try bundle.encoded()
    #expect(try ModelBundle.decode(data, file: "b.json") == bundle)
    #expect { try ModelBundle.decode(Data("{}".utf8), file: "b.json") } throws: { "\($0)".contains("b.json: not a loyalty model bundle") }
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.hasPrefix("{\n  \"formatVersion\" : 2,") || text.contains("\"formatVersion\" : 2"))
    let future = text.replacingOccurrences(of: "\"formatVersion\" : 2", with: "\"formatVersion\" : 9")
    #expect { try ModelBundle.decode(Data(future.utf8), file: "b.json") } throws: { "\($0)".contains("format version 9") && "\($0)".contains("newer") }
    // A bundle from before the event: and customer: feature names: retrain, said in so many words.
    let old = text.replacingOccurrences(of: "\"formatVersion\" : 2", with: "\"formatVersion\" : 1")
    #expect { try ModelBundle.decode(Data(old.utf8), file: "b.json") } throws: { "\($0)".contains("b.json") && "\($0)".contains("retrain it with `loyalty train`") }
    #expect { try ModelBundle.load(folder: "/nonexistent", target: .churn) } throws: { "\($0)".contains("no churn bundle") }
    #expect { try ModelBundle.loadAll(folder: "/nonexistent") } throws: { "\($0)".contains("no churn or loyal-candidate bundle") }
}

@Test func leaderboardEntriesMatchHandComputedValues() {
    // Scores 0.9, 0.8, 0.3, 0.1 for labels 1, 0, 1, 0: AUC = 3/4; top 10% (one row) is a positive: lift 2.
    let entry = LeaderboardEntry(model: "m", scores: [0.9, 0.8, 0.3, 0.1], labels: [1, 0, 1, 0], isProbability: true)
    #expect(entry.rocAUC == 0.75 && entry.rows == 4 && entry.positiveRate == 0.5 && entry.topDecileLift == 2)
    #expect(LeaderboardEntry(model: "b", scores: [3, 2, 1, 0], labels: [1, 0, 1, 0], isProbability: false).logLoss == nil)
}
