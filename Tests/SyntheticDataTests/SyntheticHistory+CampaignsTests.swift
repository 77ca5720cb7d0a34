import Foundation
import OrderHistory
import Testing
@testable import SyntheticData

private func rows(_ path: String) throws -> [[String]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

/// Campaigns act on the called customers only, as each one's response kind says, and the history
/// without campaigns is the same bytes as before they existed.
@Test func simulatedCampaignsHoldOutControlsAndActAsEachResponseSays() throws {
    let plain = TestFiles.folder(), withCalls = TestFiles.folder()
    _ = try SyntheticHistory.write(.init(customers: 1_500, seed: 11, includeEngagement: false), to: plain)
    let counts = try SyntheticHistory.write(.init(customers: 1_500, seed: 11, includeEngagement: false, campaigns: 4), to: withCalls)
    #expect(!FileManager.default.fileExists(atPath: plain + "/contacts.csv"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: plain + "/customers.csv")) == Data(contentsOf: URL(fileURLWithPath: withCalls + "/customers.csv")))

    let truth = try rows(withCalls + "/campaign_truth.csv")
    #expect(truth.count == counts.contacts && counts.contacts > 200)
    let controls = truth.filter { $0[2] == "control" }
    #expect(abs(Double(controls.count) / Double(truth.count) - 0.2) < 0.06)
    #expect(Set(truth.map { $0[1] }) == Set(CampaignSimulation.days(count: 4, lastDay: SyntheticHistory.Configuration(customers: 1, seed: 1).lastDay).map(CalendarDay.isoString)))
    for row in truth {
        let (without, with) = (Int(row[5])!, Int(row[6])!)
        switch row[4] {
        case "persuadable": #expect(with >= without)
        case "do_not_disturb": #expect(with <= without)
        default: #expect(with == without, "\(row)")
        }
        if row[2] == "call" && row[3] == "0" { #expect(with == without, "an unreached call changes nothing") }
    }
    #expect(truth.contains { $0[4] == "persuadable" && $0[6] == "1" && $0[5] == "0" })

    // Control customers' orders are those of the history without campaigns.
    let controlIDs = Set(controls.map { $0[0] })
    let before = try rows(plain + "/orders.csv").filter { controlIDs.contains($0[0]) }
    let after = try rows(withCalls + "/orders.csv").filter { controlIDs.contains($0[0]) }
    #expect(before == after)

    // contacts.csv is contact history as loyalty reads it.
    var registry = CustomerRegistry()
    let (log, _, duplicates) = try ContactReader.read(path: withCalls + "/contacts.csv", registry: &registry)
    #expect(log.count == counts.contacts && duplicates == 0)
    #expect(log.group.filter { $0 == .control }.count == controls.count)
}
