import Foundation
import LoyaltyModels
import OrderHistory
import Testing
@testable import Outreach

private let asOf = TestScores.asOfDay

private func ids(_ entries: [CallListEntry], _ list: CallListName) -> [String] {
    entries.filter { $0.list == list }.map(\.customerID)
}

private func contact(_ phone: String = "090-1234-5678", doNotCall: Bool = false,
                     lastContactedDaysAgo: Int32? = nil) -> CustomerContacts.Contact {
    CustomerContacts.Contact(name: "name", phone: phone, doNotCall: doNotCall,
                             lastContactedDay: lastContactedDaysAgo.map { asOf - $0 })
}

@Test func retentionIsRankedByValueAtStakeThenID() {
    let scores = [
        TestScores.score("C", churn: 0.25, value: 200), TestScores.score("A", churn: 0.5, value: 100), TestScores.score("B", churn: 0.9, value: 50),
        TestScores.score("D", churn: 0.1, value: 100), TestScores.score("E", value: 1_000),
    ]
    let (entries, summary) = CallList.build(scores: scores, contacts: nil,
                                            settings: CallListSettings(capacity: 3, retentionShare: 1))
    #expect(ids(entries, .retention) == ["A", "C", "B"])
    #expect(entries.map(\.rank) == [1, 2, 3])
    #expect(entries.map(\.valueAtStake) == [50, 50, 45])
    #expect(summary.retention.candidates == 4 && summary.retention.rows == 3 && summary.retention.valueCovered == 145)
    #expect(summary.upgrade.rows == 0 && summary.upgrade.quota == 0)
}

@Test func upgradeIsRankedByProbabilityThenValueThenID() {
    let scores = [
        TestScores.score("X", loyalCandidate: 0.8, value: 100), TestScores.score("Z", loyalCandidate: 0.8, value: 300),
        TestScores.score("Y", loyalCandidate: 0.8, value: 300), TestScores.score("W", loyalCandidate: 0.9, value: 10), TestScores.score("V", value: 1),
    ]
    let (entries, summary) = CallList.build(scores: scores, contacts: nil,
                                            settings: CallListSettings(capacity: 10, retentionShare: 0))
    #expect(ids(entries, .upgrade) == ["W", "Y", "Z", "X"])
    #expect(entries.map(\.valueAtStake) == [9, 240, 240, 80])
    #expect(summary.upgrade.candidates == 4 && summary.upgrade.valueCovered == 569)
}

@Test func contactExclusionsCountEachCustomerOnceUnderTheFirstReason() {
    let daysSinceLastPurchase: [String: Double] = ["lost": 366, "edge365": 365, "never": .nan]
    let ids = ["dnc", "nophone", "badphone1", "badphone2", "cool29", "cool30", "lost", "edge365", "never", "missing", "ok"]
    let scores = ids.map { id in
        TestScores.score(id, churn: 0.5, value: 100, daysSinceLastPurchase: daysSinceLastPurchase[id] ?? 10)
    }
    let contacts = CustomerContacts([
        "dnc": contact("12345", doNotCall: true), "nophone": contact(""), "badphone1": contact("090-1234-567X"),
        "badphone2": contact("090-12"), "cool29": contact(lastContactedDaysAgo: 29),
        "cool30": contact(lastContactedDaysAgo: 30), "lost": contact(), "edge365": contact(), "never": contact(),
        "ok": contact("+81 (90) 1234-5678"),
    ])
    let (entries, summary) = CallList.build(scores: scores, contacts: contacts,
                                            settings: CallListSettings(capacity: 100, retentionShare: 1))
    #expect(entries.map(\.customerID) == ["cool30", "edge365", "ok"])
    let retention = summary.retention
    #expect(retention.excluded(.notInCustomerFile) == 1)
    #expect(retention.excluded(.doNotCall) == 1)
    #expect(retention.excluded(.noValidPhone) == 3)
    #expect(retention.excluded(.contactedRecently) == 1)
    #expect(retention.excluded(.inactive) == 2)
    let expectedOrder: [CallListExclusion] = [.notInCustomerFile, .doNotCall, .noValidPhone, .contactedRecently, .inactive]
    #expect(retention.exclusions.map(\.reason) == expectedOrder)
    #expect(summary.contactExclusionsApplied)
    #expect(entries[2].name == "name" && entries[2].phone == "+81 (90) 1234-5678")
}

@Test func coolOffCanBeTurnedOffAndCountsAContactAfterTheAsOfDay() {
    let scores = [TestScores.score("a", churn: 0.5, value: 1), TestScores.score("b", churn: 0.5, value: 1)]
    let contacts = CustomerContacts(["a": contact(lastContactedDaysAgo: 0), "b": contact(lastContactedDaysAgo: -3)])
    let off = CallList.build(scores: scores, contacts: contacts,
                             settings: CallListSettings(capacity: 5, retentionShare: 1, cooloffDays: 0))
    #expect(off.entries.count == 2)
    let on = CallList.build(scores: scores, contacts: contacts, settings: CallListSettings(capacity: 5, retentionShare: 1))
    #expect(on.entries.isEmpty && on.summary.retention.excluded(.contactedRecently) == 2)
}

@Test func upgradeExcludesTheLoyalAndTheRetentionList() {
    let scores = [
        TestScores.score("loyal1", loyalCandidate: 0.7, value: 100, isLoyal: true),
        TestScores.score("both", churn: 0.9, loyalCandidate: 0.6, value: 1_000),
        TestScores.score("up", loyalCandidate: 0.5, value: 100),
        TestScores.score("lostLoyal", loyalCandidate: 0.9, value: 100, daysSinceLastPurchase: 400, isLoyal: true),
    ]
    let (entries, summary) = CallList.build(scores: scores, contacts: nil,
                                            settings: CallListSettings(capacity: 2, retentionShare: 0.5))
    #expect(ids(entries, .retention) == ["both"])
    #expect(ids(entries, .upgrade) == ["up"])
    #expect(summary.upgrade.candidates == 4)
    #expect(summary.upgrade.excluded(.alreadyLoyal) == 1)
    #expect(summary.upgrade.excluded(.inactive) == 1)
    #expect(summary.upgrade.excluded(.onRetentionList) == 1)
    #expect(summary.upgrade.exclusions.map(\.reason) == CallListExclusion.allCases)
    #expect(!summary.contactExclusionsApplied && summary.upgrade.excluded(.doNotCall) == 0)
}

@Test func quotaRetentionCannotFillGoesToUpgrade() {
    let scores = [TestScores.score("R1", churn: 0.5, value: 100)]
        + (1...5).map { TestScores.score("U\($0)", loyalCandidate: 1 - Double($0) / 10, value: 100) }
    let (entries, summary) = CallList.build(scores: scores, contacts: nil,
                                            settings: CallListSettings(capacity: 5, retentionShare: 0.6))
    #expect(summary.retention.quota == 3 && summary.upgrade.quota == 2)
    #expect(ids(entries, .retention) == ["R1"])
    #expect(ids(entries, .upgrade) == ["U1", "U2", "U3", "U4"])
}

@Test func quotaUpgradeCannotFillGoesToRetention() {
    let scores = (1...5).map { TestScores.score("R\($0)", churn: 0.6 - Double($0) / 10, value: 100) }
        + [TestScores.score("U1", loyalCandidate: 0.5, value: 100)]
    let (entries, summary) = CallList.build(scores: scores, contacts: nil,
                                            settings: CallListSettings(capacity: 5, retentionShare: 0.6))
    #expect(ids(entries, .retention) == ["R1", "R2", "R3", "R4"])
    #expect(ids(entries, .upgrade) == ["U1"])
    #expect(summary.retention.rows == 4 && summary.upgrade.rows == 1)
}

@Test func spareCallsSkipCustomersAlreadyOnTheUpgradeList() {
    let scores = [
        TestScores.score("R1", churn: 0.9, value: 100), TestScores.score("R2", churn: 0.8, value: 100),
        TestScores.score("R3", churn: 0.7, loyalCandidate: 0.9, value: 100), TestScores.score("R4", churn: 0.6, value: 100),
    ]
    let (entries, _) = CallList.build(scores: scores, contacts: nil,
                                      settings: CallListSettings(capacity: 4, retentionShare: 0.5))
    #expect(ids(entries, .retention) == ["R1", "R2", "R4"])
    #expect(entries.filter { $0.list == .retention }.map(\.rank) == [1, 2, 3])
    #expect(ids(entries, .upgrade) == ["R3"])
}

@Test func quotasRoundHalvesUp() {
    #expect(CallListSettings(capacity: 5, retentionShare: 0.5).retentionQuota == 3)
    #expect(CallListSettings(capacity: 5, retentionShare: 0.3).retentionQuota == 2)
    #expect(CallListSettings(capacity: 10).retentionQuota == 6)
    #expect(CallListSettings(capacity: 10).upgradeQuota == 4)
    #expect(CallListSettings(capacity: 0).upgradeQuota == 0)
    let none = CallList.build(scores: [TestScores.score("a", churn: 0.5, loyalCandidate: 0.5, value: 1)], contacts: nil,
                              settings: CallListSettings(capacity: 0))
    #expect(none.entries.isEmpty)
}

@Test func entriesCarryTheListsReasonsAndAction() {
    let scores = [
        TestScores.score("r", churn: 0.9, value: 100, cell: "churn candidate", rank: "A",
              churnReasons: ["c1", "c2", "c3", "c4"], loyalCandidateReasons: ["l1"]),
        TestScores.score("u", loyalCandidate: 0.8, value: 50, cell: "loyal candidate", churnReasons: ["c1"],
              loyalCandidateReasons: ["l1", "l2"]),
    ]
    let (entries, _) = CallList.build(scores: scores, contacts: nil,
                                      settings: CallListSettings(capacity: 2, retentionShare: 0.5, language: .ja))
    #expect(entries.count == 2)
    #expect(entries[0].reasons == ["c1", "c2", "c3"] && entries[0].segment == "churn candidate" && entries[0].rfmRank == "A")
    #expect(entries[0].action == SuggestedAction.action(cell: "churn candidate", list: .retention, language: .ja))
    #expect(entries[1].reasons == ["l1", "l2"])
    #expect(entries[1].action == "専用の電話またはDMでロイヤルティプログラムへ招待")
    #expect(entries[1].name.isEmpty && entries[1].phone.isEmpty && entries[1].churnProbability.isNaN)
}

@Test func mixIsParsedAndChecked() throws {
    #expect(try CallListSettings.retentionShare(mix: "retention=0.6,upgrade=0.4") == 0.6)
    #expect(try CallListSettings.retentionShare(mix: " upgrade = 0.3 , RETENTION=0.7") == 0.7)
    #expect(try CallListSettings.retentionShare(mix: "retention=1") == 1)
    #expect(try CallListSettings.retentionShare(mix: "upgrade=1") == 0)
    #expect(try CallListSettings.retentionShare(mix: "retention=0.1,upgrade=0.9000000001") == 0.1)
    for bad in ["retention=0.6,upgrade=0.3", "retention=1.2,upgrade=-0.2", "retention=0.5,loyal=0.5",
                "retention=0.6;upgrade=0.4", "retention=0.5,retention=0.5", "retention=x,upgrade=1", "", "retention",
                "retention=0.1,upgrade=0.90001", "retention=nan,upgrade=1"] {
        #expect(throws: OutreachError.self, "\(bad)") { try CallListSettings.retentionShare(mix: bad) }
    }
    #expect(throws: OutreachError.invalidMix(value: "retention=0.5,upgrade=0.4",
        expected: "shares that sum to 1 (these sum to 0.9): retention=SHARE,upgrade=SHARE, e.g. retention=0.6,upgrade=0.4")) {
        try CallListSettings.retentionShare(mix: "retention=0.5,upgrade=0.4")
    }
}

@Test func phonesAreValidatedAfterRemovingPunctuation() {
    for good in ["090-1234-5678", "0312345678", "+81 90 1234 5678", "(03) 1234-5678", "+44 20 7946 0958 123"] {
        #expect(CustomerContacts.isValidPhone(good), "\(good)")
    }
    for bad in ["", "090-12", "090-1234-567X", "12345", "123456789", "1234567890123456", "０９０１２３４５６７８",
                "++81 90 1234 5678", "090.1234.5678", "81+90 1234 5678"] {
        #expect(!CustomerContacts.isValidPhone(bad), "\(bad)")
    }
}

@Test func contactsComeFromTheCustomerFileAndCatchItsMalformedPhones() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("notebooks-data/customers.csv").path
    var registry = CustomerRegistry()
    let (table, _) = try CustomerReader.read(path: path, registry: &registry)
    let contacts = CustomerContacts(table: table, registry: registry)
    #expect(contacts.count == 5_000)
    #expect(contacts["0000001"] == CustomerContacts.Contact(name: "山口 裕子", phone: "090-7467-5396"))
    #expect(contacts["0000003"]?.lastContactedDay == CalendarDay.parseISO("2024-11-20"))
    #expect(contacts["1"] == nil)
    // The sample file has 398 empty phones and 204 malformed ones (090-1234-567X, 090-12, 12345),
    // counted with a script outside the project.
    let invalid = table.phone.filter { !CustomerContacts.isValidPhone($0) }
    #expect(invalid.count == 602)
    #expect(Set(invalid) == ["", "090-1234-567X", "090-12", "12345"])
}
