import Foundation
import Testing
import LoyaltyKit

/// The example of LoyaltyKit.docc/WeeklyJob.md, run in a scratch folder with the sample data's path.
private func weeklyJob(data: String) throws -> (list: BuiltCallList, written: String) {
    let (history, _) = try CustomerHistory.read(orders: data + "orders.csv", customers: data + "customers.csv",
                                                events: data + "events.csv", surveys: data + "surveys.csv")
    let asOf = history.lastOrderDay!
    let bundles = try Trainer.train(history: history, asOf: asOf, targets: [.churn, .loyalCandidate],
                                    settings: TrainingSettings(maxCutoffs: 4))
    let (scores, warnings) = try BatchScorer.score(history: history, asOf: asOf,
                                                   churn: bundles[0], loyalCandidate: bundles[1])
    let contacts = CustomerContacts(table: history.customers!, registry: history.registry)
    let list = CallList.build(scores: scores, contacts: contacts, settings: CallListSettings(capacity: 200))
    let written = FileManager.default.temporaryDirectory.appendingPathComponent("loyaltykit-\(UUID().uuidString)/calllist.csv").path
    try CallListWriter.writeCSV(list.entries, to: written)
    print(CallListWriter.summaryText(list), warnings.map(\.message))
    return (list, written)
}

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Test func theWeeklyJobExampleRunsOnTheSampleData() throws {
    let (list, written) = try weeklyJob(data: repository.appendingPathComponent("notebooks-data").path + "/")
    #expect(list.entries.count == 200)
    let lines = try String(contentsOfFile: written, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 201 && lines[0].hasPrefix("list,rank,customer_id"))
    #expect(Set(list.entries.map(\.list)) == [.retention, .upgrade])
}

@Test func theArticlesCodeIsTheCodeThatRuns() throws {
    let article = try String(contentsOf: repository.appendingPathComponent("Sources/LoyaltyKit/LoyaltyKit.docc/WeeklyJob.md"), encoding: .utf8)
    let test = try String(contentsOfFile: #filePath, encoding: .utf8)
    guard let start = article.range(of: "```swift\n"), let end = article.range(of: "```", range: start.upperBound..<article.endIndex) else {
        Issue.record("WeeklyJob.md has no swift code block"); return
    }
    let code = article[start.upperBound..<end.lowerBound].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    // Every line of the example is in the test, except the two that differ by nature: the folder of the
    // data (a parameter here) and the file written (a scratch folder here).
    let differing = ["let data = \"notebooks-data/\"", "try CallListWriter.writeCSV(list.entries, to: \"calllist.csv\")"]
    for line in code where !line.isEmpty && !differing.contains(line) {
        #expect(test.contains(line), "WeeklyJob.md line not run by the test: \(line)")
    }
    #expect(code.count <= 16, "about fifteen lines")
}
