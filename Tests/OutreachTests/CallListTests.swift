import Campaigns
import Features
import Foundation
import OrderHistory
import Testing
@testable import Outreach

private let asOf = TestScores.asOfDay

private func ids(_ entries: [CallListEntry], _ list: CallListName) -> [String] {
    entries.filter { $0.list == list }.map(\.customerID)
}

/// A contact; every test gives each customer its own phone unless it tests one call per phone.
private func contact(_ phone: String, doNotCall: Bool = false, lastContactedDaysAgo: Int32? = nil,
                     line: Int? = nil) -> CustomerContacts.Contact {
    CustomerContacts.Contact(name: "name", phone: phone, doNotCall: doNotCall,
                             lastContactedDay: lastContactedDaysAgo.map { asOf - $0 }, line: line)
}

/// Candidates of `list` = its rows + the candidates it excluded (each once, under its first reason).
private func everyCandidateIsAccountedFor(_ built: BuiltCallList, _ list: CallListName) -> Bool {
    let summary = built.summary[list]
    let excluded = built.excluded.filter { $0.list == list }
    return summary.candidates == summary.rows + excluded.count
        && summary.exclusions.reduce(0) { $0 + $1.count } == excluded.count
}

// MARK: - Ranking and capacity (no floors, as before the floors existed)

@Test func retentionIsRankedByValueAtStakeThenID() {
    let scores = [
        TestScores.score("C", churn: 0.25, value: 200), TestScores.score("A", churn: 0.5, value: 100), TestScores.score("B", churn: 0.9, value: 50),
        TestScores.score("D", churn: 0.1, value: 100), TestScores.score("E", value: 1_000),
    ]
    let built = CallList.build(scores: scores, contacts: nil, settings: TestScores.noFloors(capacity: 3, retentionShare: 1))
    let (entries, summary) = (built.entries, built.summary)
    #expect(ids(entries, .retention) == ["A", "C", "B"])
    #expect(entries.map(\.rank) == [1, 2, 3])
    #expect(entries.map(\.valueAtStake) == [50, 50, 45])
    #expect(entries.map(\.value) == [100, 200, 50])
    #expect(summary.retention.candidates == 4 && summary.retention.rows == 3 && summary.retention.valueCovered == 145)
    #expect(summary.upgrade.rows == 0 && summary.upgrade.quota == 0)
    #expect(built.rules.map(\.rankedBy) == [.model, .model])
    #expect(built.rules[0].floorSource == .flag && built.rules[0].floor == 0)
}

@Test func upgradeIsRankedByProbabilityThenValueThenID() {
    let scores = [
        TestScores.score("X", loyalCandidate: 0.8, value: 100), TestScores.score("Z", loyalCandidate: 0.8, value: 300),
        TestScores.score("Y", loyalCandidate: 0.8, value: 300), TestScores.score("W", loyalCandidate: 0.9, value: 10), TestScores.score("V", value: 1),
    ]
    let built = CallList.build(scores: scores, contacts: nil, settings: TestScores.noFloors(capacity: 10, retentionShare: 0))
    #expect(ids(built.entries, .upgrade) == ["W", "Y", "Z", "X"])
    #expect(built.entries.map(\.valueAtStake) == [9, 240, 240, 80])
    #expect(built.summary.upgrade.candidates == 4 && built.summary.upgrade.valueCovered == 569)
}

@Test func contactExclusionsCountEachCustomerOnceUnderTheFirstReason() {
    let daysSinceLastPurchase: [String: Double] = ["lost": 366, "edge365": 365, "never": .nan]
    let ids = ["dnc", "nophone", "badphone1", "badphone2", "cool29", "cool30", "lost", "edge365", "never", "missing", "ok"]
    let scores = ids.map { id in
        TestScores.score(id, churn: 0.5, value: 100, daysSinceLastPurchase: daysSinceLastPurchase[id] ?? 10)
    }
    let contacts = CustomerContacts([
        "dnc": contact("12345", doNotCall: true), "nophone": contact(""), "badphone1": contact("090-1234-567X"),
        "badphone2": contact("090-12"), "cool29": contact("090-0000-0029", lastContactedDaysAgo: 29),
        "cool30": contact("090-0000-0030", lastContactedDaysAgo: 30), "lost": contact("090-0000-0001"),
        "edge365": contact("090-0000-0002"), "never": contact("090-0000-0003"), "ok": contact("+81 (90) 1234-5678"),
    ])
    let built = CallList.build(scores: scores, contacts: contacts, settings: TestScores.noFloors(capacity: 100, retentionShare: 1))
    let entries = built.entries
    #expect(entries.map(\.customerID) == ["cool30", "edge365", "ok"])
    let retention = built.summary.retention
    #expect(retention.excluded(.notInCustomerFile) == 1)
    #expect(retention.excluded(.doNotCall) == 1)
    #expect(retention.excluded(.noValidPhone) == 3)
    #expect(retention.excluded(.contactedRecently) == 1)
    #expect(retention.excluded(.inactive) == 2)
    #expect(retention.excluded(.suppressed) == 0 && retention.excluded(.duplicatePhone) == 0)
    // Every reason that can apply to retention, in the documented order (not the two upgrade-only ones).
    #expect(retention.exclusions.map(\.reason.rawValue) == [
        "not_in_customer_file", "suppressed", "in_control_group", "do_not_call", "no_valid_phone", "contacted_recently",
        "inactive", "no_net_spend", "below_floor", "on_upgrade_list", "duplicate_phone", "over_capacity",
    ])
    #expect(built.summary.contactExclusionsApplied)
    #expect(entries[2].name == "name" && entries[2].phone == "+81 (90) 1234-5678")
    #expect(everyCandidateIsAccountedFor(built, .retention))
}

@Test func coolOffCanBeTurnedOffAndCountsAContactAfterTheAsOfDay() {
    let scores = [TestScores.score("a", churn: 0.5, value: 1), TestScores.score("b", churn: 0.5, value: 1)]
    let contacts = CustomerContacts(["a": contact("090-0000-0001", lastContactedDaysAgo: 0),
                                     "b": contact("090-0000-0002", lastContactedDaysAgo: -3)])
    let off = CallList.build(scores: scores, contacts: contacts,
                             settings: TestScores.noFloors(capacity: 5, retentionShare: 1, cooloffDays: 0))
    #expect(off.entries.count == 2)
    let on = CallList.build(scores: scores, contacts: contacts, settings: TestScores.noFloors(capacity: 5, retentionShare: 1))
    #expect(on.entries.isEmpty && on.summary.retention.excluded(.contactedRecently) == 2)
}

@Test func upgradeExcludesTheLoyalAndTheRetentionList() {
    let scores = [
        TestScores.score("loyal1", loyalCandidate: 0.7, value: 100, isLoyal: true),
        TestScores.score("both", churn: 0.9, loyalCandidate: 0.6, value: 1_000),
        TestScores.score("up", loyalCandidate: 0.5, value: 100),
        TestScores.score("lostLoyal", loyalCandidate: 0.9, value: 100, daysSinceLastPurchase: 400, isLoyal: true),
    ]
    let built = CallList.build(scores: scores, contacts: nil, settings: TestScores.noFloors(capacity: 2, retentionShare: 0.5))
    let (entries, summary) = (built.entries, built.summary)
    #expect(ids(entries, .retention) == ["both"])
    #expect(ids(entries, .upgrade) == ["up"])
    #expect(entries.map(\.isLoyal) == [false, false])
    #expect(summary.upgrade.candidates == 4)
    #expect(summary.upgrade.excluded(.alreadyLoyal) == 1)
    #expect(summary.upgrade.excluded(.inactive) == 1)
    #expect(summary.upgrade.excluded(.onRetentionList) == 1)
    #expect(summary.upgrade.exclusions.map(\.reason) == CallListExclusion.allCases.filter { $0.applies(to: .upgrade) })
    #expect(!summary.contactExclusionsApplied && summary.upgrade.excluded(.doNotCall) == 0)
    #expect(everyCandidateIsAccountedFor(built, .upgrade))
}

@Test func quotaRetentionCannotFillGoesToUpgrade() {
    let scores = [TestScores.score("R1", churn: 0.5, value: 100)]
        + (1...5).map { TestScores.score("U\($0)", loyalCandidate: 1 - Double($0) / 10, value: 100) }
    let built = CallList.build(scores: scores, contacts: nil, settings: TestScores.noFloors(capacity: 5, retentionShare: 0.6))
    #expect(built.summary.retention.quota == 3 && built.summary.upgrade.quota == 2)
    #expect(ids(built.entries, .retention) == ["R1"])
    #expect(ids(built.entries, .upgrade) == ["U1", "U2", "U3", "U4"])
    #expect(built.excluded == [ExcludedCustomer(list: .upgrade, customerID: "U5", reason: .overCapacity, probability: 0.5, value: 100)])
}

@Test func quotaUpgradeCannotFillGoesToRetention() {
    let scores = (1...5).map { TestScores.score("R\($0)", churn: 0.6 - Double($0) / 10, value: 100) }
        + [TestScores.score("U1", loyalCandidate: 0.5, value: 100)]
    let built = CallList.build(scores: scores, contacts: nil, settings: TestScores.noFloors(capacity: 5, retentionShare: 0.6))
    #expect(ids(built.entries, .retention) == ["R1", "R2", "R3", "R4"])
    #expect(ids(built.entries, .upgrade) == ["U1"])
    #expect(built.summary.retention.rows == 4 && built.summary.upgrade.rows == 1)
}

@Test func spareCallsSkipCustomersAlreadyOnTheUpgradeList() {
    let scores = [
        TestScores.score("R1", churn: 0.9, value: 100), TestScores.score("R2", churn: 0.8, value: 100),
        TestScores.score("R3", churn: 0.7, loyalCandidate: 0.9, value: 100), TestScores.score("R4", churn: 0.6, value: 100),
    ]
    let built = CallList.build(scores: scores, contacts: nil, settings: TestScores.noFloors(capacity: 4, retentionShare: 0.5))
    #expect(ids(built.entries, .retention) == ["R1", "R2", "R4"])
    #expect(built.entries.filter { $0.list == .retention }.map(\.rank) == [1, 2, 3])
    #expect(ids(built.entries, .upgrade) == ["R3"])
}

@Test func retentionCandidateAlreadyOnTheUpgradeListIsAccountedFor() {
    // R3 is called on the upgrade list, so the spare retention call skips it: recorded as on_upgrade_list,
    // a reason of the retention list, so its summary accounts for every candidate.
    let scores = [
        TestScores.score("R1", churn: 0.9, value: 100), TestScores.score("R2", churn: 0.8, value: 100),
        TestScores.score("R3", churn: 0.7, loyalCandidate: 0.9, value: 100), TestScores.score("R4", churn: 0.6, value: 100),
    ]
    let built = CallList.build(scores: scores, contacts: nil, settings: TestScores.noFloors(capacity: 4, retentionShare: 0.5))
    #expect(built.excluded.map(\.customerID) == ["R3"] && built.excluded.map(\.list) == [.retention])
    #expect(built.excluded.first?.reason != .onRetentionList)
    #expect(everyCandidateIsAccountedFor(built, .retention))
    #expect(built.excluded.first?.reason == .onUpgradeList && built.summary.retention.excluded(.onUpgradeList) == 1)
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
    #expect(none.excluded.map(\.reason) == [.overCapacity, .overCapacity])
}

@Test func settingsDefaultToTheMeanFloorsAndNobodySuppressed() {
    let settings = CallListSettings(capacity: 10)
    #expect(settings.retentionShare == 0.6 && settings.cooloffDays == 30 && settings.lostAfterDays == 365)
    #expect(settings.language == .en && settings.minChurnProbability == nil && settings.minLoyalCandidateProbability == nil)
    #expect(settings.suppressedIDs.isEmpty && settings.suppressedPhones.isEmpty)
}

@Test func entriesCarryTheListsReasonsAndAction() {
    let scores = [
        TestScores.score("r", churn: 0.9, value: 100, cell: "churn candidate", rank: "A",
                         churnReasons: [TestScores.factor("days_since_last_purchase", 142, typical: 35),
                                        TestScores.factor("orders_365d", 2, typical: 9),
                                        TestScores.factor("event:email_open:90d", 0, typical: 4),
                                        TestScores.factor("last_nps", 3, typical: 8)],
                         loyalCandidateReasons: [TestScores.factor("orders_365d", 2, typical: 9)]),
        TestScores.score("u", loyalCandidate: 0.8, value: 50, cell: "high-value passive",
                         churnReasons: [TestScores.factor("days_since_last_purchase", 142, typical: 35)],
                         loyalCandidateReasons: [TestScores.factor("spend_to_loyal_threshold", 0.8, typical: 0.3),
                                                 TestScores.factor("orders_365d", 12, typical: 9)]),
    ]
    let entries = CallList.build(scores: scores, contacts: nil,
                                 settings: TestScores.noFloors(capacity: 2, retentionShare: 0.5, language: .ja)).entries
    #expect(entries.count == 2)
    // At most three reasons: the fourth (the NPS) is not on the list, so the action is not a complaint.
    #expect(entries[0].reasons == ["最終購入から142日 (通常: 35日)", "直近365日の注文2件 (通常: 9件)", "直近90日のメール開封なし (通常: 4回)"])
    #expect(entries[0].reasonCodes == ["days_since_last_purchase", "orders_365d", "event:email_open:90d"])
    #expect(entries[0].segment == "離反予備軍 (高価値・批判者)" && entries[0].rfmRank == "A")
    #expect(entries[0].risk == "離反リスク高 (90%)")
    #expect(entries[0].actionCode == "win_back")
    #expect(entries[0].action == SuggestedAction.winBack.text(rfmRank: "A", language: .ja))
    #expect(entries[0].action == "担当者からの電話: しばらくご購入がないため近況を伺い、限定の再購入特典を案内")
    #expect(entries[1].reasons == ["直近365日の購入額がロイヤル基準の80%", "直近365日の注文12件 (通常: 9件)"])
    #expect(entries[1].reasonCodes == ["spend_to_loyal_threshold", "orders_365d"])
    #expect(entries[1].actionCode == "invite_loyalty")
    #expect(entries[1].action == "ロイヤル会員まであと少しのため、ロイヤルティプログラムへ招待")
    #expect(entries[1].risk == "ロイヤル化の見込み高 (80%)" && entries[1].segment == "高価値・中立者")
    #expect(entries[1].value == 50 && entries[1].valueAtStake == 40 && !entries[1].isLoyal)
    #expect(entries[1].name.isEmpty && entries[1].phone.isEmpty && entries[1].churnProbability.isNaN)
    #expect(entries[1].customerFileLine == nil)
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
    #expect(CustomerContacts.isValidPhone("０９０１２３４５６７８") && CustomerContacts.isValidPhone("０９０ー１２３４ー５６７８"))
    for bad in ["", "090-12", "090-1234-567X", "12345", "123456789", "1234567890123456", "０９０１２３",
                "++81 90 1234 5678", "090.1234.5678", "81+90 1234 5678"] {
        #expect(!CustomerContacts.isValidPhone(bad), "\(bad)")
    }
}

@Test func phonesAreNormalizedToOneKeyPerLine() {
    for same in ["090-1111-2222", "09011112222", "(090) 1111 2222", "+81 90-1111-2222", "+81 (0)90 1111 2222",
                 "+819011112222", "０９０－１１１１－２２２２", "＋８１　９０ー１１１１ー２２２２"] {
        #expect(CustomerContacts.normalizedPhone(same) == "09011112222", "\(same)")
    }
    #expect(CustomerContacts.normalizedPhone("+44 20 7946 0000") == "+442079460000")
    #expect(CustomerContacts.normalizedPhone("81 90 1111 2222") == "819011112222", "no plus: not read as a country code")
    #expect(CustomerContacts.normalizedPhone("") == "")
}

@Test func contactsComeFromTheCustomerFileAndCatchItsMalformedPhones() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("notebooks-data/customers.csv").path
    var registry = CustomerRegistry()
    let (table, _) = try CustomerReader.read(path: path, registry: &registry)
    let contacts = CustomerContacts(table: table, registry: registry)
    #expect(contacts.count == 5_000)
    // The first customer is on line 2, below the header.
    #expect(contacts["0000001"] == CustomerContacts.Contact(name: "山口 裕子", phone: "090-7467-5396", line: 2))
    #expect(contacts["0000003"]?.lastContactedDay == CalendarDay.parseISO("2024-11-20"))
    #expect(contacts["1"] == nil)
    // The sample file has 398 empty phones and 204 malformed ones (090-1234-567X, 090-12, 12345),
    // counted with a script outside the project.
    let invalid = table.phone.filter { !CustomerContacts.isValidPhone($0) }
    #expect(invalid.count == 602)
    #expect(Set(invalid) == ["", "090-1234-567X", "090-12", "12345"])
}

// MARK: - Floors

@Test func retentionFloorIsTheMeanChurnProbabilityUnlessSet() {
    // Mean of the churn probabilities that exist: (0.1 + 0.2 + 0.6 + 0.9) / 4 = 0.45 ("noModel" has none).
    let scores = [
        TestScores.score("p10", churn: 0.1, value: 100), TestScores.score("p20", churn: 0.2, value: 100),
        TestScores.score("p60", churn: 0.6, value: 100), TestScores.score("p90", churn: 0.9, value: 100),
        TestScores.score("noModel", value: 100),
    ]
    let byMean = CallList.build(scores: scores, contacts: nil, settings: CallListSettings(capacity: 10, retentionShare: 1))
    #expect(ids(byMean.entries, .retention) == ["p90", "p60"])
    #expect(byMean.summary.retention.candidates == 4)
    #expect(byMean.summary.retention.excluded(.belowFloor) == 2)
    #expect(byMean.excluded.map(\.customerID) == ["p10", "p20"])
    #expect(abs(byMean.rules[0].floor - 0.45) < 1e-12 && byMean.rules[0].floorSource == .mean)
    #expect(byMean.rules[0].list == .retention && byMean.rules[1].list == .upgrade)
    // No loyal-candidate probability at all: the upgrade floor is 0.
    #expect(byMean.rules[1].floor == 0 && byMean.rules[1].floorSource == .mean)

    let byFlag = CallList.build(scores: scores, contacts: nil,
                                settings: CallListSettings(capacity: 10, retentionShare: 1, minChurnProbability: 0.15))
    #expect(ids(byFlag.entries, .retention) == ["p90", "p60", "p20"])
    #expect(byFlag.summary.retention.excluded(.belowFloor) == 1)
    #expect(byFlag.rules[0].floor == 0.15 && byFlag.rules[0].floorSource == .flag)

    // A probability equal to the floor is called.
    let atFloor = CallList.build(scores: scores, contacts: nil,
                                 settings: CallListSettings(capacity: 10, retentionShare: 1, minChurnProbability: 0.6))
    #expect(ids(atFloor.entries, .retention) == ["p90", "p60"])
}

@Test func upgradeFloorIsTheMeanLoyalCandidateProbabilityUnlessSet() {
    let scores = [
        TestScores.score("u10", loyalCandidate: 0.1, value: 100), TestScores.score("u20", loyalCandidate: 0.2, value: 100),
        TestScores.score("u60", loyalCandidate: 0.6, value: 100), TestScores.score("u90", loyalCandidate: 0.9, value: 100),
    ]
    let byMean = CallList.build(scores: scores, contacts: nil, settings: CallListSettings(capacity: 10, retentionShare: 0))
    #expect(ids(byMean.entries, .upgrade) == ["u90", "u60"])
    #expect(byMean.summary.upgrade.excluded(.belowFloor) == 2)
    #expect(abs(byMean.rules[1].floor - 0.45) < 1e-12 && byMean.rules[1].floorSource == .mean)
    let byFlag = CallList.build(scores: scores, contacts: nil,
                                settings: CallListSettings(capacity: 10, retentionShare: 0, minLoyalCandidateProbability: 0.15))
    #expect(ids(byFlag.entries, .upgrade) == ["u90", "u60", "u20"])
    #expect(byFlag.rules[1].floor == 0.15 && byFlag.rules[1].floorSource == .flag)
}

@Test func meanIgnoresMissingProbabilities() {
    #expect(CallList.mean([0.2, .nan, 0.4]) == 0.30000000000000004)
    #expect(CallList.mean([.nan]) == 0 && CallList.mean([]) == 0)
}

// MARK: - Net spend

@Test func noNetSpendIsExcludedWhateverTheProbability() {
    let scores = [
        // Bought, then returned or cancelled everything: value 0.
        TestScores.score("zero", churn: 0.99, loyalCandidate: 0.9, value: 0),
        TestScores.score("negative", churn: 0.8, value: -50),
        TestScores.score("unknown", churn: 0.7, value: .nan),
        // Inactive comes first.
        TestScores.score("lostZero", churn: 0.9, value: 0, daysSinceLastPurchase: 400),
        TestScores.score("paying", churn: 0.2, value: 10),
    ]
    let built = CallList.build(scores: scores, contacts: nil, settings: TestScores.noFloors(capacity: 10, retentionShare: 1))
    #expect(built.entries.map(\.customerID) == ["paying"])
    #expect(built.summary.retention.excluded(.noNetSpend) == 3)
    #expect(built.summary.retention.excluded(.inactive) == 1)
    #expect(built.summary.upgrade.excluded(.noNetSpend) == 1)
    #expect(built.excluded == [
        ExcludedCustomer(list: .retention, customerID: "zero", reason: .noNetSpend, probability: 0.99, value: 0),
        ExcludedCustomer(list: .retention, customerID: "negative", reason: .noNetSpend, probability: 0.8, value: -50),
        ExcludedCustomer(list: .retention, customerID: "unknown", reason: .noNetSpend, probability: 0.7, value: 0),
        ExcludedCustomer(list: .retention, customerID: "lostZero", reason: .inactive, probability: 0.9, value: 0),
        ExcludedCustomer(list: .upgrade, customerID: "zero", reason: .noNetSpend, probability: 0.9, value: 0),
    ])
}

// MARK: - Baseline ranking

@Test func retentionRanksByDaysTimesValueWhenTheChurnModelLostToItsBaseline() {
    // days × value: A 10 × 100 = 1,000; B 100 × 50 = 5,000; C 5 × 300 = 1,500.
    // churn × value: A 90, B 25, C 180.
    func scores(_ rankedBy: ListRanking) -> [CustomerScore] {
        [
            TestScores.score("A", churn: 0.9, value: 100, daysSinceLastPurchase: 10, churnRankedBy: rankedBy),
            TestScores.score("B", churn: 0.5, value: 50, daysSinceLastPurchase: 100, churnRankedBy: rankedBy),
            TestScores.score("C", churn: 0.6, value: 300, daysSinceLastPurchase: 5, churnRankedBy: rankedBy),
        ]
    }
    let baseline = CallList.build(scores: scores(.baseline), contacts: nil,
                                  settings: TestScores.noFloors(capacity: 10, retentionShare: 1))
    #expect(ids(baseline.entries, .retention) == ["B", "C", "A"])
    #expect(baseline.entries.map(\.valueAtStake) == [25, 180, 90])
    #expect(baseline.rules[0].rankedBy == .baseline)
    #expect(baseline.rules[0].ranking.hasPrefix("days since the last purchase × net value"))
    #expect(baseline.rules[1].rankedBy == .model)

    let model = CallList.build(scores: scores(.model), contacts: nil, settings: TestScores.noFloors(capacity: 10, retentionShare: 1))
    #expect(ids(model.entries, .retention) == ["C", "A", "B"])
    #expect(model.rules[0].rankedBy == .model && model.rules[0].ranking == "expected value lost: churn probability × net value")

    // Only scored customers count: a "baseline" mark on a customer without a churn probability changes nothing.
    let unscored = scores(.model) + [TestScores.score("D", value: 100, churnRankedBy: .baseline)]
    let stillModel = CallList.build(scores: unscored, contacts: nil, settings: TestScores.noFloors(capacity: 10, retentionShare: 1))
    #expect(ids(stillModel.entries, .retention) == ["C", "A", "B"] && stillModel.rules[0].rankedBy == .model)
}

@Test func upgradeRanksBy365DaySpendWhenTheLoyalCandidateModelLostToItsBaseline() {
    func scores(_ rankedBy: ListRanking) -> [CustomerScore] {
        [
            TestScores.score("X", loyalCandidate: 0.9, value: 100, spend365: 100, loyalCandidateRankedBy: rankedBy),
            TestScores.score("Y", loyalCandidate: 0.5, value: 100, spend365: 900, loyalCandidateRankedBy: rankedBy),
            TestScores.score("Z", loyalCandidate: 0.7, value: 100, spend365: .nan, loyalCandidateRankedBy: rankedBy),
        ]
    }
    let baseline = CallList.build(scores: scores(.baseline), contacts: nil,
                                  settings: TestScores.noFloors(capacity: 10, retentionShare: 0))
    #expect(ids(baseline.entries, .upgrade) == ["Y", "X", "Z"])
    #expect(baseline.rules[1].rankedBy == .baseline && baseline.rules[1].ranking.hasPrefix("365-day net spend"))
    #expect(baseline.rules[0].rankedBy == .model)
    let model = CallList.build(scores: scores(.model), contacts: nil, settings: TestScores.noFloors(capacity: 10, retentionShare: 0))
    #expect(ids(model.entries, .upgrade) == ["X", "Z", "Y"] && model.rules[1].rankedBy == .model)
}

// MARK: - Suppression and one call per phone

@Test func suppressionByIDAndByNormalizedPhone() {
    let scores = ["byPhone", "byID", "byIDNoCall", "ok"].map { TestScores.score($0, churn: 0.5, value: 100) }
        + [TestScores.score("byPhoneUpgrade", loyalCandidate: 0.5, value: 100)]
    let contacts = CustomerContacts([
        "byPhone": contact("09011112222"), "byID": contact("090-2222-3333"),
        "byIDNoCall": contact("090-3333-4444", doNotCall: true), "ok": contact("090-4444-5555"),
        "byPhoneUpgrade": contact("(090) 1111-2222"),
    ])
    let settings = CallListSettings(capacity: 10, retentionShare: 0.5, minChurnProbability: 0, minLoyalCandidateProbability: 0,
                                    suppressedIDs: ["byID", "byIDNoCall"],
                                    suppressedPhones: [CustomerContacts.normalizedPhone("090-1111-2222")])
    let built = CallList.build(scores: scores, contacts: contacts, settings: settings)
    #expect(built.entries.map(\.customerID) == ["ok"])
    // Suppression comes before do-not-call.
    #expect(built.summary.retention.excluded(.suppressed) == 3 && built.summary.retention.excluded(.doNotCall) == 0)
    #expect(built.summary.upgrade.excluded(.suppressed) == 1)
    #expect(built.excluded.map(\.customerID) == ["byPhone", "byID", "byIDNoCall", "byPhoneUpgrade"])
    #expect(built.excluded.allSatisfy { $0.reason == .suppressed })

    // Without a customer file the ids are still suppressed (the phones are unknown).
    let withoutFile = CallList.build(scores: scores, contacts: nil, settings: settings)
    #expect(ids(withoutFile.entries, .retention) == ["byPhone", "ok"])
    #expect(withoutFile.summary.retention.excluded(.suppressed) == 2)
}

@Test func oneCallPerPhoneNumber() {
    let scores = [
        TestScores.score("a", churn: 0.9, value: 100), TestScores.score("b", churn: 0.5, value: 100),
        TestScores.score("c", loyalCandidate: 0.8, value: 100), TestScores.score("d", churn: 0.3, value: 100),
    ]
    // a, b and c share one number written three ways.
    let contacts = CustomerContacts(["a": contact("090-1234-5678"), "b": contact("09012345678"),
                                     "c": contact("090 1234 5678"), "d": contact("080-0000-0000")])
    let built = CallList.build(scores: scores, contacts: contacts, settings: TestScores.noFloors(capacity: 4, retentionShare: 0.5))
    #expect(ids(built.entries, .retention) == ["a", "d"])
    #expect(built.entries.map(\.rank) == [1, 2])
    #expect(ids(built.entries, .upgrade).isEmpty)
    #expect(built.summary.retention.excluded(.duplicatePhone) == 1 && built.summary.upgrade.excluded(.duplicatePhone) == 1)
    #expect(built.excluded == [
        ExcludedCustomer(list: .retention, customerID: "b", reason: .duplicatePhone, probability: 0.5, value: 100),
        ExcludedCustomer(list: .upgrade, customerID: "c", reason: .duplicatePhone, probability: 0.8, value: 100),
    ])
    #expect(everyCandidateIsAccountedFor(built, .retention) && everyCandidateIsAccountedFor(built, .upgrade))
}

// MARK: - The excluded list

@Test func excludedListHoldsEveryCandidateNotCalledWithItsFirstReason() {
    let scores = [
        TestScores.score("r1", churn: 0.9, loyalCandidate: 0.5, value: 100),
        TestScores.score("r2", churn: 0.8, value: 100),
        TestScores.score("dnc", churn: 0.7, value: 100),
        TestScores.score("low", churn: 0.05, value: 100),
        TestScores.score("lost", churn: 0.6, value: 100, daysSinceLastPurchase: 500),
        TestScores.score("missing", churn: 0.5, value: 100),
        TestScores.score("u1", loyalCandidate: 0.6, value: 100),
        TestScores.score("loyal", loyalCandidate: 0.7, value: 100, isLoyal: true),
        TestScores.score("noModel", value: 100),
    ]
    let contacts = CustomerContacts([
        "r1": contact("090-0000-0001"), "r2": contact("090-0000-0002"), "dnc": contact("090-0000-0003", doNotCall: true),
        "low": contact("090-0000-0004"), "lost": contact("090-0000-0005"), "u1": contact("090-0000-0007"),
        "loyal": contact("090-0000-0008"), "noModel": contact("090-0000-0009"),
    ])
    let settings = CallListSettings(capacity: 2, retentionShare: 0.5, minChurnProbability: 0.1, minLoyalCandidateProbability: 0.1)
    let built = CallList.build(scores: scores, contacts: contacts, settings: settings)
    #expect(ids(built.entries, .retention) == ["r1"] && ids(built.entries, .upgrade) == ["u1"])
    #expect(built.excluded == [
        ExcludedCustomer(list: .retention, customerID: "r2", reason: .overCapacity, probability: 0.8, value: 100),
        ExcludedCustomer(list: .retention, customerID: "dnc", reason: .doNotCall, probability: 0.7, value: 100),
        ExcludedCustomer(list: .retention, customerID: "low", reason: .belowFloor, probability: 0.05, value: 100),
        ExcludedCustomer(list: .retention, customerID: "lost", reason: .inactive, probability: 0.6, value: 100),
        ExcludedCustomer(list: .retention, customerID: "missing", reason: .notInCustomerFile, probability: 0.5, value: 100),
        ExcludedCustomer(list: .upgrade, customerID: "r1", reason: .onRetentionList, probability: 0.5, value: 100),
        ExcludedCustomer(list: .upgrade, customerID: "loyal", reason: .alreadyLoyal, probability: 0.7, value: 100),
    ])
    #expect(built.summary.retention.candidates == 6 && built.summary.upgrade.candidates == 3)
    #expect(built.summary.retention.excluded(.overCapacity) == 1)
    #expect(everyCandidateIsAccountedFor(built, .retention) && everyCandidateIsAccountedFor(built, .upgrade))
}

// MARK: - Reasons on entries

@Test func entryReasonCodesAreTheScoresFactorsAndNothingStandsOutHasItsWords() {
    let factors = [TestScores.factor("days_since_last_purchase", 142, typical: 35), TestScores.factor("orders_365d", 2, typical: 9),
                   TestScores.factor("event:email_open:90d", 0, typical: 4)]
    let scores = [
        TestScores.score("r", churn: 0.9, value: 100, churnReasons: factors),
        TestScores.score("n", churn: 0.8, value: 100, churnReasons: [.nothingStandsOut]),
        TestScores.score("u", loyalCandidate: 0.3, value: 100, loyalCandidateReasons: [.nothingStandsOut]),
    ]
    let contacts = CustomerContacts(["r": contact("090-0000-0001", line: 12), "n": contact("090-0000-0002", line: 13),
                                     "u": contact("090-0000-0003", line: 14)])
    let built = CallList.build(scores: scores, contacts: contacts, settings: TestScores.noFloors(capacity: 3, retentionShare: 0.5))
    let entries = built.entries
    #expect(entries.map(\.customerID) == ["r", "n", "u"])
    #expect(entries[0].reasonCodes == factors.map(\.feature))
    #expect(entries[0].reasons == ["no purchase for 142 days (typical: 35)", "2 orders in the last 365 days (typical: 9)",
                                   "no email opens in the last 90 days (typical: 4)"])
    #expect(entries[0].actionCode == "win_back" && entries[0].risk == "high risk (90%)")
    #expect(entries[1].reasonCodes == ["none"])
    #expect(entries[1].reasons == ["no single factor stands out (the overall pattern)"])
    #expect(entries[1].actionCode == "check_in")
    #expect(entries[2].reasonCodes == ["none"] && entries[2].actionCode == "invite_loyalty")
    #expect(entries[2].risk == "fair chance (30%)")
    #expect(entries.map(\.customerFileLine) == [12, 13, 14])

    let japanese = CallList.build(scores: scores, contacts: contacts,
                                  settings: TestScores.noFloors(capacity: 3, retentionShare: 0.5, language: .ja)).entries
    #expect(japanese[1].reasons == ["特に目立つ要因なし (全体的な傾向)"])
    #expect(japanese[1].reasonCodes == ["none"])
}

@Test func aControlShareHoldsOutPartOfEachPoolAndTheCapacityCountsTheCalls() throws {
    let scores = (0..<60).map { TestScores.score(String(format: "r%02d", $0), churn: 0.9 - Double($0) * 0.001, value: 100) }
        + (0..<60).map { TestScores.score(String(format: "u%02d", $0), loyalCandidate: 0.9 - Double($0) * 0.001, value: 100) }
    var settings = TestScores.noFloors(capacity: 40, retentionShare: 0.5)
    settings.controlShare = 0.2
    settings.seed = 3
    let built = CallList.build(scores: scores, contacts: nil, settings: settings)
    #expect(built.entries.count == 40 && built.entries.allSatisfy { $0.group == .call })
    #expect(built.summary.retention.rows == 20 && built.summary.retention.controlRows == 5)
    #expect(built.controls.count == 10 && built.controls.allSatisfy { $0.group == .control })
    #expect(built.entries.filter { $0.list == .retention }.map(\.rank) == Array(1...20), "calls ranked 1, 2, ...")
    // The pool is the top 25 by value at stake: calls and controls come from it, one in five per band.
    let pool = Set((0..<25).map { String(format: "r%02d", $0) })
    #expect(Set(built.entries.filter { $0.list == .retention }.map(\.customerID) + built.controls.filter { $0.list == .retention }.map(\.customerID)) == pool)
    #expect(built.entries.allSatisfy { $0.contactDate == "2024-12-31" })
    #expect(abs(built.summary.sampleRatioPValue! - 1) < 1e-9)
    #expect(CallList.build(scores: scores, contacts: nil, settings: settings) == built, "deterministic for a seed")

    // A customer held out last time is neither called nor drawn again; a recent call is in its cool-off.
    settings.contactStatus = ContactStatus(heldOut: ["r00"], lastCallDay: ["r01": TestScores.asOfDay - 3])
    let next = CallList.build(scores: scores, contacts: nil, settings: settings)
    let named = Set((next.entries + next.controls).map(\.customerID))
    #expect(!named.contains("r00") && !named.contains("r01"))
    #expect(next.summary.retention.excluded(.inControlGroup) == 1 && next.summary.retention.excluded(.contactedRecently) == 1)
}

/// `--rank-by uplift`: the retention list holds only customers a call is expected to help, ranked by
/// uplift × value, whatever their churn probability; the rule says so.
@Test func rankedByUpliftTheRetentionListCallsWhomACallHelps() throws {
    var scores = [TestScores.score("risky-hopeless", churn: 0.95, value: 1_000), TestScores.score("persuadable", churn: 0.3, value: 1_000),
                  TestScores.score("big-persuadable", churn: 0.2, value: 5_000), TestScores.score("put-off", churn: 0.9, value: 9_000)]
    for (index, uplift) in [0.0, 0.3, 0.1, -0.2].enumerated() { scores[index].retentionUplift = uplift }
    var settings = TestScores.noFloors(capacity: 3, retentionShare: 1)
    settings.retentionByUplift = true
    let built = CallList.build(scores: scores, contacts: nil, settings: settings)
    #expect(built.entries.filter { $0.list == .retention }.map(\.customerID) == ["big-persuadable", "persuadable"])
    #expect(built.summary.retention.excluded(.belowFloor) == 2, "uplift 0 and below are not called")
    #expect(built.entries[0].valueAtStake == 500 && built.rules[0].rankedBy == .uplift && built.rules[0].floorSource == .upliftAboveZero)
    let json = String(decoding: try CallListWriter.jsonData(built), as: UTF8.self)
    #expect(json.contains("\"minRetentionUpliftExclusive\" : 0") && json.contains("retention uplift × net value"))
}

@Test func retentionValueAtStakeIsChurnTimesTheValueHadTheCustomerStayed() {
    // Historical value says A (0.9 × 100 = 90) before B (0.5 × 400 = 200)? No: B first. Expected value had they
    // stayed reverses it: A 0.9 × 500 = 450, B 0.5 × 40 = 20 (B is a past big spender who has slowed down).
    var a = TestScores.score("A", churn: 0.9, value: 100, daysSinceLastPurchase: 10)
    var b = TestScores.score("B", churn: 0.5, value: 400, daysSinceLastPurchase: 10)
    a.valueIfRetained = 500
    a.probabilityAlive = 0.8
    b.valueIfRetained = 40
    b.probabilityAlive = 0.3
    let c = TestScores.score("C", churn: 0.6, value: 50, daysSinceLastPurchase: 10)  // no expected value: its net value
    let built = CallList.build(scores: [a, b, c], contacts: nil, settings: TestScores.noFloors(capacity: 10, retentionShare: 1))
    #expect(ids(built.entries, .retention) == ["A", "C", "B"])
    #expect(built.entries.filter { $0.list == .retention }.map(\.valueAtStake) == [450, 30, 20])
    #expect(built.entries.filter { $0.list == .retention }.map(\.value) == [100, 50, 400], "the value column stays the net value")
    #expect(built.entries[0].probabilityAlive == 0.8 && built.entries[1].probabilityAlive.isNaN)
    #expect(built.rules[0].ranking.contains("expected value of the next horizon had the customer stayed"))
    let historical = CallList.build(scores: [c], contacts: nil, settings: TestScores.noFloors(capacity: 10, retentionShare: 1))
    #expect(historical.rules[0].ranking == "expected value lost: churn probability × net value")
}

@Test func aNewCustomerOnTheRetentionListGetsAWelcomeCall() {
    // Online Retail, 2011-12-09, rank 1: first purchase 38 days before, one reason about the short history.
    var new = TestScores.score("13868", churn: 0.46, value: 3192.54, rank: "S",
                               churnReasons: [TestScores.factor("sd_days_between_orders")])
    new.daysSinceFirstPurchase = 38
    var established = TestScores.score("13093", churn: 0.46, value: 7741.47, rank: "S",
                                       churnReasons: [TestScores.factor("spend_180d", 0, typical: 397.5)])
    established.daysSinceFirstPurchase = 373
    let entries = CallList.build(scores: [new, established], contacts: nil,
                                 settings: TestScores.noFloors(capacity: 2, retentionShare: 1)).entries
    #expect(entries.map(\.actionCode) == ["value_check_in", "onboard"])
    #expect(entries[1].customerID == "13868" && entries[1].reasonCodes == ["sd_days_between_orders"])
    #expect(entries[1].action == "Personal welcome call for a new customer: thank them for their first orders and help with the next purchase")
    #expect(entries[0].action.hasPrefix("Personal call: spending is down"))
}
