import Features
import Foundation
import LoyaltyModels
import OrderHistory
import ScoringCore
import SyntheticData
import Testing

/// A generated history with six campaigns, its contact history and the as-of day.
private func campaignHistory(customers: Int = 4_000) throws -> (CustomerHistory, ContactLog, CustomerRegistry, Int32) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loyalty-uplift-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    _ = try SyntheticHistory.write(.init(customers: customers, seed: 5, includeEngagement: false, campaigns: 6), to: folder)
    let (history, _) = try CustomerHistory.read(orders: folder + "/orders.csv", customers: folder + "/customers.csv")
    var registry = CustomerRegistry()
    let (contacts, _, _) = try ContactReader.read(path: folder + "/contacts.csv", registry: &registry)
    return (history, contacts, registry, history.lastOrderDay!)
}

@Test func upliftIsLearnedOutOfTimeFromPastCampaigns() throws {
    let (history, contacts, registry, asOf) = try campaignHistory()
    let bundle = try UpliftTrainer.train(history: history, contacts: contacts, registry: registry, asOfDay: asOf,
                                         horizonDays: 30, target: .retentionUplift)
    #expect(bundle.contacts == contacts.count && bundle.campaigns.count == 6, "every window closes by the last order day")
    #expect(bundle.controls == contacts.group.filter { $0 == .control }.count)
    // The latest campaigns are held out, at least a fifth of the contacts, and at least one is learned from.
    #expect(bundle.holdout.campaigns == Array(bundle.campaigns.suffix(bundle.holdout.campaigns.count)))
    #expect(bundle.holdout.contacts * 5 >= bundle.contacts && bundle.holdout.campaigns.count < 6)
    #expect(!bundle.holdout.qini.isNaN && !bundle.holdout.baselineQini.isNaN)
    #expect(bundle.model.algorithm == "uplift" && bundle.trainedAsOf == CalendarDay.isoString(asOf))
    let decoded = try ModelFile.jsonDecoder().decode(UpliftBundle.self, from: bundle.encoded())
    #expect(try decoded.encoded() == bundle.encoded())
    // Scored at the as-of day: one uplift per included customer, NaN for the others.
    let table = history.featureTable(at: asOf)
    var include = [Bool](repeating: false, count: table.rowCount)
    include[0] = true
    let uplift = try bundle.uplift(table, include: include)
    #expect(!uplift[0].isNaN && uplift[0] >= -1 && uplift[0] <= 1 && uplift.dropFirst().allSatisfy(\.isNaN))
    // The same data: the same bytes.
    let again = try UpliftTrainer.train(history: history, contacts: contacts, registry: registry, asOfDay: asOf,
                                        horizonDays: 30, target: .retentionUplift)
    #expect(try again.encoded() == bundle.encoded())
}

@Test func aThinContactHistoryIsRefusedWithWhatItHas() throws {
    let (history, contacts, registry, asOf) = try campaignHistory(customers: 600)
    #expect {
        try UpliftTrainer.train(history: history, contacts: contacts, registry: registry, asOfDay: asOf, horizonDays: 30,
                                target: .retentionUplift)
    } throws: { error in
        "\(error)".contains("too thin to learn from") && "\(error)".contains("\(contacts.count) contacts")
    }
    // Windows that have not closed by the as-of day do not count.
    let (big, bigContacts, bigRegistry, _) = try campaignHistory()
    #expect(throws: LoyaltyModelsError.self) {
        try UpliftTrainer.train(history: big, contacts: bigContacts, registry: bigRegistry,
                                asOfDay: CalendarDay.parseISO("2024-06-01")!, horizonDays: 30, target: .retentionUplift)
    }
}
