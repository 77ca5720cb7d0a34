import Foundation
import OrderHistory
import Testing
@testable import Features

@Test func theTableIsEachFamilyInTurn() throws {
    let orders = try writeCSV("customer_id,order_date,amount\nc1,2024-01-05,10\nc1,2024-03-01,30\nc2,2024-02-01,20\n")
    let surveys = try writeCSV("customer_id,answered_at,nps\nc2,2024-02-02,9\n")
    let (history, _) = try CustomerHistory.read(orders: orders, surveys: surveys)
    let cutoff = CalendarDay.parseISO("2024-03-31")!
    let rule = LoyaltyRule(topShare: 0.5)
    let table = history.featureTable(at: cutoff, loyaltyRule: rule)

    var byHand = FeatureTable(asOfDay: cutoff, rowCount: history.registry.count)
    for family in CustomerHistory.families { family.add(to: &byHand, from: history, loyaltyRule: rule) }
    #expect(table.names == byHand.names)
    // Families without their input add nothing: no events file, no customer file; the distance to loyal
    // only under a rule.
    #expect(!table.names.contains { $0.hasPrefix(EngagementFeatures.prefix) || $0.hasPrefix(AttributeFeatures.prefix) })
    #expect(table.names.contains("last_nps") && table.names.contains(LoyaltyDistanceFeatures.names[0]))
    #expect(!history.featureTable(at: cutoff).names.contains(LoyaltyDistanceFeatures.names[0]))
    #expect(table.names.prefix(RFMFeatures.names.count).elementsEqual(RFMFeatures.names), "RFM first, as listed")
}
