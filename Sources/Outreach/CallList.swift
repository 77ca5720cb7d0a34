import LoyaltyModels
import OrderHistory

/// What the user asked of a call list: how many calls, how they are split between the lists, and whom
/// not to call.
public struct CallListSettings: Sendable, Equatable {
    /// The number of calls the team can make (both lists together), 0 or more.
    public var capacity: Int
    /// The share of `capacity` meant for the retention list (0-1); the rest is for the upgrade list.
    public var retentionShare: Double
    /// Customers contacted fewer than this many days before the scores' as-of day are not called
    /// (30: contacted on day T − 29 is excluded, on T − 30 is callable). 0 turns the cool-off off.
    public var cooloffDays: Int
    /// Customers whose last purchase is more than this many days before the as-of day (or who never
    /// bought) are treated as lost and not called.
    public var lostAfterDays: Int
    /// The language of the suggested actions.
    public var language: ReasonLanguage

    /// Settings with the defaults of `loyalty calllist`: 60% retention, 30 cool-off days, lost after 365.
    public init(capacity: Int, retentionShare: Double = 0.6, cooloffDays: Int = 30, lostAfterDays: Int = 365,
                language: ReasonLanguage = .en) {
        self.capacity = capacity
        self.retentionShare = retentionShare
        self.cooloffDays = cooloffDays
        self.lostAfterDays = lostAfterDays
        self.language = language
    }

    /// The retention list's quota: `capacity × retentionShare` rounded to the nearest call (halves up).
    public var retentionQuota: Int {
        min(capacity, max(0, Int((Double(capacity) * retentionShare).rounded(.toNearestOrAwayFromZero))))
    }

    /// The upgrade list's quota: the rest of the capacity.
    public var upgradeQuota: Int { capacity - retentionQuota }

    /// The retention share of a `--mix` value such as `retention=0.6,upgrade=0.4`.
    ///
    /// Each list at most once, shares of 0 or more that sum to 1 (within 1e-9); a list left out has share 0
    /// (`retention=1` is all retention). Throws `OutreachError.invalidMix` saying what is wrong.
    public static func retentionShare(mix: String) throws -> Double {
        let form = "retention=SHARE,upgrade=SHARE, e.g. retention=0.6,upgrade=0.4"
        var shares: [CallListName: Double] = [:]
        for part in mix.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "=", omittingEmptySubsequences: false)
            guard pieces.count == 2 else { throw OutreachError.invalidMix(value: mix, expected: form) }
            let name = String(pieces[0]).trimmingBlanks().lowercased()
            guard let list = CallListName(rawValue: name) else {
                throw OutreachError.invalidMix(value: mix,
                    expected: "the list names retention and upgrade (\"\(name)\" is not one): \(form)")
            }
            guard shares[list] == nil else {
                throw OutreachError.invalidMix(value: mix, expected: "each list once (\(name) is given twice): \(form)")
            }
            guard let share = Double(String(pieces[1]).trimmingBlanks()), share.isFinite else {
                throw OutreachError.invalidMix(value: mix,
                    expected: "a number for the share of \(name) such as 0.6: \(form)")
            }
            guard share >= 0 else {
                throw OutreachError.invalidMix(value: mix, expected: "shares of 0 or more (\(name) is \(share))")
            }
            shares[list] = share
        }
        let total = shares.values.reduce(0, +)
        guard (total - 1).magnitude <= 1e-9 else {
            throw OutreachError.invalidMix(value: mix, expected: "shares that sum to 1 (these sum to \(total)): \(form)")
        }
        return min(1, shares[.retention] ?? 0)
    }
}

/// How to reach each customer of the customer file: name, phone, do-not-call flag, last contact.
public struct CustomerContacts: Sendable {
    /// One customer's contact details.
    public struct Contact: Sendable, Equatable {
        /// Name, or empty.
        public var name: String
        /// Phone number as written in the customer file, or empty.
        public var phone: String
        /// Whether the customer asked not to be called.
        public var doNotCall: Bool
        /// Day of the last call or contact (days since 1970-01-01), when known.
        public var lastContactedDay: Int32?

        /// A contact.
        public init(name: String, phone: String, doNotCall: Bool = false, lastContactedDay: Int32? = nil) {
            self.name = name
            self.phone = phone
            self.doNotCall = doNotCall
            self.lastContactedDay = lastContactedDay
        }
    }

    private var contactByCustomerID: [String: Contact]

    /// The contacts of a customer file read by `CustomerReader` (ids from the registry it filled).
    public init(table: CustomerTable, registry: CustomerRegistry) {
        var contacts: [String: Contact] = [:]
        contacts.reserveCapacity(table.count)
        for row in 0..<table.count {
            contacts[registry.ids[Int(table.customerIndex[row])]] = Contact(
                name: table.name[row], phone: table.phone[row], doNotCall: table.doNotCall[row],
                lastContactedDay: table.lastContactedDay[row])
        }
        contactByCustomerID = contacts
    }

    /// Contacts given directly, by customer id.
    public init(_ contactByCustomerID: [String: Contact]) {
        self.contactByCustomerID = contactByCustomerID
    }

    /// The number of customers.
    public var count: Int { contactByCustomerID.count }

    /// The contact of `customerID`, nil when the customer is not in the file.
    public subscript(customerID: String) -> Contact? {
        contactByCustomerID[customerID]
    }

    /// Whether `phone` can be dialled: after removing spaces, hyphens, parentheses and a leading `+`, only
    /// ASCII digits, 10 to 15 of them (`090-1234-5678`, `+81 90 1234 5678`; not `090-12`, `090-1234-567X`).
    public static func isValidPhone(_ phone: String) -> Bool {
        var digits = 0
        for (offset, byte) in phone.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"): continue
            case UInt8(ascii: "+") where digits == 0 && !phone.utf8.prefix(offset).contains(UInt8(ascii: "+")):
                continue
            default: return false
            }
        }
        return (10...15).contains(digits)
    }
}

/// Why a candidate is not on a list. Each excluded candidate is counted once per list, under the first
/// reason that applies, in the order of `allCases`.
public enum CallListExclusion: String, CaseIterable, Codable, Sendable {
    /// A customer file was given and the customer is not in it (no way to reach them).
    case notInCustomerFile = "not_in_customer_file"
    /// The customer asked not to be called.
    case doNotCall = "do_not_call"
    /// No phone number that can be dialled (`CustomerContacts.isValidPhone`).
    case noValidPhone = "no_valid_phone"
    /// Contacted within the cool-off days before the as-of day.
    case contactedRecently = "contacted_recently"
    /// No purchase for longer than `lostAfterDays`, or never bought.
    case inactive = "inactive"
    /// Upgrade list only: the customer is loyal already.
    case alreadyLoyal = "already_loyal"
    /// Upgrade list only: the customer is on the retention list (one call per customer).
    case onRetentionList = "on_retention_list"

    /// Whether this reason can exclude a candidate of `list`.
    public func applies(to list: CallListName) -> Bool {
        switch self {
        case .alreadyLoyal, .onRetentionList: return list == .upgrade
        default: return true
        }
    }

    /// Whether the reason comes from the customer file (skipped without one).
    public var needsCustomerFile: Bool {
        switch self {
        case .notInCustomerFile, .doNotCall, .noValidPhone, .contactedRecently: return true
        default: return false
        }
    }
}

/// One row of the call list: whom to call, why, and what to do.
///
/// Encodes to JSON with its property names as keys and `null` for a `NaN` probability.
public struct CallListEntry: Sendable, Equatable, Encodable {
    /// The list the row is on.
    public var list: CallListName
    /// 1-based position within its list (1 = call first).
    public var rank: Int
    /// The customer's id.
    public var customerID: String
    /// Name from the customer file, or empty.
    public var name: String
    /// Phone as written in the customer file, or empty.
    public var phone: String
    /// Probability of no purchase within the horizon (`NaN` where the model does not apply).
    public var churnProbability: Double
    /// Probability of becoming loyal within the horizon (`NaN` where the model does not apply).
    public var loyalCandidateProbability: Double
    /// What the call is worth: retention, churn probability × value; upgrade, loyal-candidate
    /// probability × value (value in the currency of the orders; a missing value counts as 0).
    public var valueAtStake: Double
    /// RFM rank (loyal, A, B, C).
    public var rfmRank: String
    /// The LTV × NPS cell.
    public var segment: String
    /// Up to three reasons in plain words, strongest first: the churn reasons on the retention list, the
    /// loyal-candidate reasons on the upgrade list.
    public var reasons: [String]
    /// The suggested action for the segment and list.
    public var action: String

    /// A call-list row.
    public init(list: CallListName, rank: Int, customerID: String, name: String, phone: String,
                churnProbability: Double, loyalCandidateProbability: Double, valueAtStake: Double, rfmRank: String,
                segment: String, reasons: [String], action: String) {
        self.list = list
        self.rank = rank
        self.customerID = customerID
        self.name = name
        self.phone = phone
        self.churnProbability = churnProbability
        self.loyalCandidateProbability = loyalCandidateProbability
        self.valueAtStake = valueAtStake
        self.rfmRank = rfmRank
        self.segment = segment
        self.reasons = reasons
        self.action = action
    }

    private enum CodingKeys: String, CodingKey {
        case list, rank, customerID, name, phone, churnProbability, loyalCandidateProbability, valueAtStake, rfmRank,
             segment, reasons, action
    }

    /// Encodes the row; a `NaN` number becomes `null` (JSON has no `NaN`).
    public func encode(to encoder: any Encoder) throws {
        func number(_ value: Double) -> Double? { value.isNaN ? nil : value }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(list, forKey: .list)
        try container.encode(rank, forKey: .rank)
        try container.encode(customerID, forKey: .customerID)
        try container.encode(name, forKey: .name)
        try container.encode(phone, forKey: .phone)
        try container.encode(number(churnProbability), forKey: .churnProbability)
        try container.encode(number(loyalCandidateProbability), forKey: .loyalCandidateProbability)
        try container.encode(number(valueAtStake), forKey: .valueAtStake)
        try container.encode(rfmRank, forKey: .rfmRank)
        try container.encode(segment, forKey: .segment)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(action, forKey: .action)
    }

    /// Equal field by field, with `NaN` equal to `NaN` (a missing probability is the same on both sides).
    public static func == (left: CallListEntry, right: CallListEntry) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return left.list == right.list && left.rank == right.rank && left.customerID == right.customerID
            && left.name == right.name && left.phone == right.phone
            && same(left.churnProbability, right.churnProbability)
            && same(left.loyalCandidateProbability, right.loyalCandidateProbability)
            && same(left.valueAtStake, right.valueAtStake) && left.rfmRank == right.rfmRank
            && left.segment == right.segment && left.reasons == right.reasons && left.action == right.action
    }
}

/// What a call list holds and what it left out: rows, exclusions per reason and value covered, per list.
///
/// Encodes to JSON with its property names as keys; exclusion reasons by their raw values
/// (`do_not_call`, ...), in the fixed order of `CallListExclusion.allCases`.
public struct CallListSummary: Sendable, Equatable, Encodable {
    /// The number of candidates one exclusion reason removed from a list.
    public struct ExclusionCount: Sendable, Equatable, Encodable {
        /// The reason.
        public var reason: CallListExclusion
        /// Candidates removed for it (each counted under its first reason only).
        public var count: Int
    }

    /// One list's numbers.
    public struct ListSummary: Sendable, Equatable, Encodable {
        /// Which list.
        public var list: CallListName
        /// Customers the list's model applies to (probability not `NaN`).
        public var candidates: Int
        /// Exclusions per reason, in the order of `CallListExclusion.allCases` (reasons that apply to the list).
        public var exclusions: [ExclusionCount]
        /// The quota from capacity and mix, before unused calls moved between the lists.
        public var quota: Int
        /// Rows on the list.
        public var rows: Int
        /// Sum of the value at stake of its rows.
        public var valueCovered: Double

        /// The candidates `reason` removed (0 for a reason that does not apply to this list).
        public func excluded(_ reason: CallListExclusion) -> Int {
            exclusions.first { $0.reason == reason }?.count ?? 0
        }
    }

    /// The calls available.
    public var capacity: Int
    /// The cool-off days used.
    public var cooloffDays: Int
    /// The days without purchase after which a customer counted as lost.
    public var lostAfterDays: Int
    /// Whether a customer file was given, so the contact exclusions (not in the file, do-not-call, phone,
    /// cool-off) were applied.
    public var contactExclusionsApplied: Bool
    /// The retention list's numbers.
    public var retention: ListSummary
    /// The upgrade list's numbers.
    public var upgrade: ListSummary

    /// The numbers of `list`.
    public subscript(list: CallListName) -> ListSummary {
        list == .retention ? retention : upgrade
    }
}

/// Builds the call list from scores and the customer file: who is called first on each list, within the
/// team's capacity, and who is left out and why.
///
/// - Retention candidates: churn probability known; ranked by value at stake (churn probability × value)
///   descending, ties by customer id ascending.
/// - Upgrade candidates: loyal-candidate probability known; ranked by that probability descending (the
///   near-loyal first), then value descending, then customer id.
/// - Exclusions, the first that applies counted per list: not in the customer file, do-not-call, no valid
///   phone, contacted within the cool-off days, inactive longer than `lostAfterDays` (or never bought);
///   upgrade only: already loyal, already on the retention list. Without a customer file the first four
///   are skipped.
/// - Capacity: retention gets `round(capacity × share)` calls and is filled first, upgrade the rest; calls
///   one list cannot use go to the other.
public enum CallList {
    /// The call list for `scores` (entries: retention rows by rank, then upgrade rows) and its summary.
    ///
    /// - Precondition: `settings.capacity >= 0` and `settings.retentionShare` in 0...1 (the command line
    ///   checks what the user typed).
    /// - Complexity: O(n log n) for n scores.
    public static func build(scores: [CustomerScore], contacts: CustomerContacts?,
                             settings: CallListSettings) -> (entries: [CallListEntry], summary: CallListSummary) {
        precondition(settings.capacity >= 0, "call-list capacity must be 0 or more")
        precondition(settings.retentionShare >= 0 && settings.retentionShare <= 1, "retention share must be in 0...1")

        var retentionExclusions: [CallListExclusion: Int] = [:]
        var retentionCandidates = 0
        var retentionEligible: [Candidate] = []
        var upgradeExclusions: [CallListExclusion: Int] = [:]
        var upgradeCandidates = 0
        var upgradeEligible: [Candidate] = []
        for (index, score) in scores.enumerated() {
            let contact = contacts?[score.customerID]
            let value = score.value.isNaN ? 0 : score.value
            if !score.churnProbability.isNaN {
                retentionCandidates += 1
                if let reason = exclusion(score, contact: contact, hasContacts: contacts != nil, settings: settings,
                                          list: .retention) {
                    retentionExclusions[reason, default: 0] += 1
                } else {
                    retentionEligible.append(Candidate(scoreIndex: index, valueAtStake: score.churnProbability * value))
                }
            }
            if !score.loyalCandidateProbability.isNaN {
                upgradeCandidates += 1
                if let reason = exclusion(score, contact: contact, hasContacts: contacts != nil, settings: settings,
                                          list: .upgrade) {
                    upgradeExclusions[reason, default: 0] += 1
                } else {
                    upgradeEligible.append(Candidate(scoreIndex: index,
                                                     valueAtStake: score.loyalCandidateProbability * value))
                }
            }
        }
        retentionEligible.sort { left, right in
            if left.valueAtStake != right.valueAtStake { return left.valueAtStake > right.valueAtStake }
            return scores[left.scoreIndex].customerID < scores[right.scoreIndex].customerID
        }
        upgradeEligible.sort { left, right in
            let a = scores[left.scoreIndex], b = scores[right.scoreIndex]
            if a.loyalCandidateProbability != b.loyalCandidateProbability {
                return a.loyalCandidateProbability > b.loyalCandidateProbability
            }
            let valueA = a.value.isNaN ? 0 : a.value, valueB = b.value.isNaN ? 0 : b.value
            if valueA != valueB { return valueA > valueB }
            return a.customerID < b.customerID
        }

        // Retention first, up to its quota; upgrade gets its quota plus whatever retention left unused;
        // then retention takes the calls upgrade could not use.
        var retentionRows = Array(retentionEligible.prefix(settings.retentionQuota))
        let onRetention = Set(retentionRows.map { scores[$0.scoreIndex].customerID })
        let upgradeAvailable = upgradeEligible.filter { !onRetention.contains(scores[$0.scoreIndex].customerID) }
        upgradeExclusions[.onRetentionList] = upgradeEligible.count - upgradeAvailable.count
        let upgradeRows = Array(upgradeAvailable.prefix(settings.capacity - retentionRows.count))
        var spare = settings.capacity - retentionRows.count - upgradeRows.count
        if spare > 0 {
            let onUpgrade = Set(upgradeRows.map { scores[$0.scoreIndex].customerID })
            for candidate in retentionEligible.dropFirst(retentionRows.count) where spare > 0 {
                guard !onUpgrade.contains(scores[candidate.scoreIndex].customerID) else { continue }
                retentionRows.append(candidate)
                spare -= 1
            }
        }

        let entries = makeEntries(retentionRows, list: .retention, scores: scores, contacts: contacts,
                                  language: settings.language)
            + makeEntries(upgradeRows, list: .upgrade, scores: scores, contacts: contacts, language: settings.language)
        func listSummary(_ list: CallListName, candidates: Int, exclusions: [CallListExclusion: Int], quota: Int,
                         rows: [Candidate]) -> CallListSummary.ListSummary {
            CallListSummary.ListSummary(
                list: list, candidates: candidates,
                exclusions: CallListExclusion.allCases.filter { $0.applies(to: list) }
                    .map { CallListSummary.ExclusionCount(reason: $0, count: exclusions[$0] ?? 0) },
                quota: quota, rows: rows.count, valueCovered: rows.reduce(0) { $0 + $1.valueAtStake })
        }
        let summary = CallListSummary(
            capacity: settings.capacity, cooloffDays: settings.cooloffDays, lostAfterDays: settings.lostAfterDays,
            contactExclusionsApplied: contacts != nil,
            retention: listSummary(.retention, candidates: retentionCandidates, exclusions: retentionExclusions,
                                   quota: settings.retentionQuota, rows: retentionRows),
            upgrade: listSummary(.upgrade, candidates: upgradeCandidates, exclusions: upgradeExclusions,
                                 quota: settings.upgradeQuota, rows: upgradeRows))
        return (entries, summary)
    }

    /// A score that passed a list's exclusions, with its value at stake on that list.
    private struct Candidate {
        var scoreIndex: Int
        var valueAtStake: Double
    }

    /// The first exclusion reason that applies to `score` on `list` (before the one-call-per-customer rule).
    private static func exclusion(_ score: CustomerScore, contact: CustomerContacts.Contact?, hasContacts: Bool,
                                  settings: CallListSettings, list: CallListName) -> CallListExclusion? {
        if hasContacts {
            guard let contact else { return .notInCustomerFile }
            if contact.doNotCall { return .doNotCall }
            if !CustomerContacts.isValidPhone(contact.phone) { return .noValidPhone }
            if let lastContacted = contact.lastContactedDay, settings.cooloffDays > 0,
               Int(score.asOfDay) - Int(lastContacted) < settings.cooloffDays {
                return .contactedRecently
            }
        }
        let days = score.daysSinceLastPurchase
        if days.isNaN || days > Double(settings.lostAfterDays) { return .inactive }
        if list == .upgrade && score.isLoyal { return .alreadyLoyal }
        return nil
    }

    private static func makeEntries(_ rows: [Candidate], list: CallListName, scores: [CustomerScore],
                                    contacts: CustomerContacts?, language: ReasonLanguage) -> [CallListEntry] {
        rows.enumerated().map { offset, candidate in
            let score = scores[candidate.scoreIndex]
            let contact = contacts?[score.customerID]
            let reasons = list == .retention ? score.churnReasons : score.loyalCandidateReasons
            return CallListEntry(
                list: list, rank: offset + 1, customerID: score.customerID, name: contact?.name ?? "",
                phone: contact?.phone ?? "", churnProbability: score.churnProbability,
                loyalCandidateProbability: score.loyalCandidateProbability, valueAtStake: candidate.valueAtStake,
                rfmRank: score.rfmRank, segment: score.ltvNPSCell, reasons: Array(reasons.prefix(3)),
                action: SuggestedAction.action(cell: score.ltvNPSCell, list: list, language: language))
        }
    }
}
