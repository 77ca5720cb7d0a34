import Campaigns
import Features
import OrderHistory

/// What the user asked of a call list: how many calls, how they are split between the lists, the floors
/// below which nobody is called, and whom not to call.
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
    /// The language of the words on the list: reasons, actions, list names, segments, risk.
    public var language: ReasonLanguage
    /// Retention floor: nobody with a lower churn probability is called. Nil: the mean churn probability
    /// over the scores that have one (`--min-churn-probability` overrides).
    public var minChurnProbability: Double?
    /// Upgrade floor: likewise with the loyal-candidate probability (`--min-loyal-candidate-probability`).
    public var minLoyalCandidateProbability: Double?
    /// Customer ids never to call (a suppression file).
    public var suppressedIDs: Set<String>
    /// Phone numbers never to call, as `CustomerContacts.normalizedPhone` writes them (e.g. a national
    /// do-not-call list).
    public var suppressedPhones: Set<String>
    /// The share of each list's pool held out as its control group (0 ≤ share < 1; 0: none). The
    /// capacity counts the calls only, so a list's pool is its calls / (1 − share).
    public var controlShare: Double
    /// The seed of the control-group draw.
    public var seed: UInt64
    /// What the contact history says (open control groups, last calls), when one was given.
    public var contactStatus: ContactStatus?
    /// Rank the retention list by retention uplift × value (the floor: uplift above zero) instead of
    /// churn probability × value (`calllist --rank-by uplift`); the scores must have a retention uplift.
    public var retentionByUplift: Bool = false

    /// Settings with the defaults of `loyalty calllist`: 60% retention, 30 cool-off days, lost after 365,
    /// floors at the mean probabilities, nobody suppressed.
    public init(capacity: Int, retentionShare: Double = 0.6, cooloffDays: Int = 30, lostAfterDays: Int = 365,
                language: ReasonLanguage = .en, minChurnProbability: Double? = nil,
                minLoyalCandidateProbability: Double? = nil, suppressedIDs: Set<String> = [],
                suppressedPhones: Set<String> = [], controlShare: Double = 0, seed: UInt64 = 1,
                contactStatus: ContactStatus? = nil) {
        self.capacity = capacity
        self.retentionShare = retentionShare
        self.cooloffDays = cooloffDays
        self.lostAfterDays = lostAfterDays
        self.language = language
        self.minChurnProbability = minChurnProbability
        self.minLoyalCandidateProbability = minLoyalCandidateProbability
        self.suppressedIDs = suppressedIDs
        self.suppressedPhones = suppressedPhones
        self.controlShare = controlShare
        self.seed = seed
        self.contactStatus = contactStatus
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
        public var phone: String {
            didSet { hasValidPhone = CustomerContacts.isValidPhone(phone) }
        }
        /// Whether `phone` can be dialled (`CustomerContacts.isValidPhone`), worked out once per contact
        /// rather than once per list. (The normalized number is worked out only where it is needed: for
        /// the calls taken, and against a suppression list of phones.)
        public private(set) var hasValidPhone: Bool
        /// Whether the customer asked not to be called.
        public var doNotCall: Bool
        /// Day of the last call or contact (days since 1970-01-01), when known.
        public var lastContactedDay: Int32?
        /// The customer file's line the contact was read from, when known.
        public var line: Int?

        /// A contact.
        public init(name: String, phone: String, doNotCall: Bool = false, lastContactedDay: Int32? = nil, line: Int? = nil) {
            self.line = line
            self.name = name
            self.phone = phone
            hasValidPhone = CustomerContacts.isValidPhone(phone)
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
                lastContactedDay: table.lastContactedDay[row], line: row < table.line.count ? table.line[row] : nil)
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

    /// `phone` as one key per line to call, so that `090-1234-5678`, `09012345678`, `+81 90-1234-5678`
    /// and `０９０（１２３４）５６７８` are one number (one call per phone; suppression lists): full-width
    /// characters folded, every character but the digits dropped, and Japan's country code written the
    /// national way (`+81 90…` and `+81 (0)90…` become `090…`). Another country code keeps its `+`
    /// (`+44 20 7946 0000` is `+442079460000`), since its national prefix is not known.
    public static func normalizedPhone(_ phone: String) -> String {
        let folded = foldedPhone(phone)
        let digits = String(String.UnicodeScalarView(folded.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }))
        guard folded.drop(while: { $0 == " " }).first == "+" else { return digits }
        if digits.hasPrefix("81") && digits.count > 2 {
            let national = digits.dropFirst(2)
            return national.hasPrefix("0") ? String(national) : "0" + national
        }
        return "+" + digits
    }

    /// Whether `phone` can be dialled: after folding full-width characters and removing spaces, hyphens,
    /// parentheses and a leading `+`, only ASCII digits, 10 to 15 of them (`090-1234-5678`,
    /// `+81 90 1234 5678`, `０９０-１２３４-５６７８`; not `090-12`, `090-1234-567X`).
    public static func isValidPhone(_ phone: String) -> Bool {
        var digits = 0
        let folded = foldedPhone(phone)
        for (offset, byte) in folded.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"): continue
            case UInt8(ascii: "+") where digits == 0 && !folded.utf8.prefix(offset).contains(UInt8(ascii: "+")):
                continue
            default: return false
            }
        }
        return (10...15).contains(digits)
    }

    /// Full-width digits, `＋`, `－`, `（`, `）`, the ideographic space and the dashes Japanese
    /// spreadsheets use (`‐`, `−`, `ー`) written as their ASCII counterparts.
    static func foldedPhone(_ phone: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in phone.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF0B, 0xFF0D, 0xFF08, 0xFF09: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            case 0x2010...0x2015, 0x2212, 0x30FC: scalars.append("-")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}

/// Why a candidate is not on a list. Each excluded candidate is counted once per list, under the first
/// reason that applies, in the order of `allCases`.
public enum CallListExclusion: String, CaseIterable, Codable, Sendable {
    /// A customer file was given and the customer is not in it (no way to reach them).
    case notInCustomerFile = "not_in_customer_file"
    /// The customer id or phone number is in the suppression file (`--suppress`).
    case suppressed = "suppressed"
    /// In a control group of an earlier list whose window is still open (`--contacts`): neither called nor
    /// drawn into another control group until it closes.
    case inControlGroup = "in_control_group"
    /// The customer asked not to be called.
    case doNotCall = "do_not_call"
    /// No phone number that can be dialled (`CustomerContacts.isValidPhone`).
    case noValidPhone = "no_valid_phone"
    /// Contacted within the cool-off days before the as-of day.
    case contactedRecently = "contacted_recently"
    /// No purchase for longer than `lostAfterDays`, or never bought.
    case inactive = "inactive"
    /// Net spend (purchases minus returns and cancellations) of 0 or less: nothing to keep or grow.
    case noNetSpend = "no_net_spend"
    /// The probability is below the list's floor (the mean, or the flag's value).
    case belowFloor = "below_floor"
    /// Upgrade list only: the customer is loyal already.
    case alreadyLoyal = "already_loyal"
    /// Upgrade list only: the customer is on the retention list (one call per customer).
    case onRetentionList = "on_retention_list"
    /// Retention list only: the customer is on the upgrade list already (a spare retention call skipped
    /// them; one call per customer).
    case onUpgradeList = "on_upgrade_list"
    /// Another customer with the same phone number is called already (one call per phone).
    case duplicatePhone = "duplicate_phone"
    /// Eligible, but ranked below the calls the capacity allows.
    case overCapacity = "over_capacity"

    /// Whether this reason can exclude a candidate of `list`.
    public func applies(to list: CallListName) -> Bool {
        switch self {
        case .alreadyLoyal, .onRetentionList: return list == .upgrade
        case .onUpgradeList: return list == .retention
        default: return true
        }
    }

    /// Whether the reason comes from the customer file (skipped without one).
    public var needsCustomerFile: Bool {
        switch self {
        case .notInCustomerFile, .doNotCall, .noValidPhone, .contactedRecently, .duplicatePhone: return true
        default: return false
        }
    }
}

/// One customer left off a list, with the reason: what `--excluded-out` writes, so a supervisor can say
/// why a customer was not called.
public struct ExcludedCustomer: Sendable, Equatable, Encodable {
    /// The list the customer was a candidate for.
    public var list: CallListName
    /// The customer's id.
    public var customerID: String
    /// The first reason that applied.
    public var reason: CallListExclusion
    /// The list's probability for the customer.
    public var probability: Double
    /// The customer's net value.
    public var value: Double
}

/// Where a list's probability floor came from, as the call list's JSON writes it.
public enum FloorSource: String, Encodable, Sendable {
    /// The mean probability over the scored customers (the default).
    case mean
    /// Set on the command line (`--min-churn-probability`, `--min-loyal-candidate-probability`).
    case flag
    /// Ranked by uplift: only customers whose retention uplift is above zero (a call is expected to help).
    case upliftAboveZero = "uplift_above_zero"
}

/// The rule a list was built by, as the call list's JSON states it.
public struct CallListRule: Sendable, Equatable, Encodable {
    /// Which list.
    public var list: CallListName
    /// The probability a customer needs to be called (`minChurnProbability` or
    /// `minLoyalCandidateProbability` in the JSON).
    public var floor: Double
    /// Where the floor came from.
    public var floorSource: FloorSource
    /// `model`, `baseline` when the model did not beat its baseline out of time, or `uplift`.
    public var rankedBy: ListRanking
    /// The ranking in words.
    public var ranking: String

    /// Encodes with the floor under the list's own key.
    public func encode(to encoder: any Encoder) throws {
        enum Keys: String, CodingKey {
            case minChurnProbability, minLoyalCandidateProbability, minRetentionUpliftExclusive, floorSource, rankedBy, ranking
        }
        var container = encoder.container(keyedBy: Keys.self)
        let key: Keys = floorSource == .upliftAboveZero ? .minRetentionUpliftExclusive
            : list == .retention ? .minChurnProbability : .minLoyalCandidateProbability
        try container.encode(floor, forKey: key)
        try container.encode(floorSource, forKey: .floorSource)
        try container.encode(rankedBy, forKey: .rankedBy)
        try container.encode(ranking, forKey: .ranking)
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
    /// The list's probability in words: `high risk (82%)` (retention), `good chance (45%)` (upgrade).
    public var risk: String
    /// The customer's net value (LTV net of returns).
    public var value: Double
    /// What the call is worth: retention, churn probability × the expected value had the customer stayed
    /// (the historical value where the scores have none); upgrade, loyal-candidate probability × value.
    public var valueAtStake: Double
    /// RFM rank (S, A, B, C).
    public var rfmRank: String
    /// The LTV × NPS cell.
    public var segment: String
    /// Whether the customer is loyal (the loyal flag).
    public var isLoyal: Bool
    /// Up to three reasons in plain words, strongest first, each from its own family and pushing towards
    /// the list's outcome.
    public var reasons: [String]
    /// The reasons' codes (feature names, or `none`), in the same order.
    public var reasonCodes: [String]
    /// The suggested action in words, chosen with the reasons.
    public var action: String
    /// The action's code (`win_back`, `recover_complaint`, ...).
    public var actionCode: String
    /// The line of the customer file the name and phone come from, when known (for messages).
    public var customerFileLine: Int?
    /// `call`, or `control` for a row held out (never given to agents).
    public var group: ContactGroup
    /// The list's date (the scores' as-of day), yyyy-MM-dd: the contact date of its contact history.
    public var contactDate: String
    /// Probability that the customer is still an active buyer (from the scores file); `NaN` when unknown.
    public var probabilityAlive: Double = .nan

    /// A call-list row.
    public init(list: CallListName, rank: Int, customerID: String, name: String, phone: String,
                churnProbability: Double, loyalCandidateProbability: Double, risk: String, value: Double,
                valueAtStake: Double, rfmRank: String, segment: String, isLoyal: Bool, reasons: [String],
                reasonCodes: [String], action: String, actionCode: String, customerFileLine: Int? = nil,
                group: ContactGroup = .call, contactDate: String = "") {
        self.customerFileLine = customerFileLine
        self.group = group
        self.contactDate = contactDate
        self.list = list
        self.rank = rank
        self.customerID = customerID
        self.name = name
        self.phone = phone
        self.churnProbability = churnProbability
        self.loyalCandidateProbability = loyalCandidateProbability
        self.risk = risk
        self.value = value
        self.valueAtStake = valueAtStake
        self.rfmRank = rfmRank
        self.segment = segment
        self.isLoyal = isLoyal
        self.reasons = reasons
        self.reasonCodes = reasonCodes
        self.action = action
        self.actionCode = actionCode
    }

    private enum CodingKeys: String, CodingKey {
        case list, rank, customerID, name, phone, churnProbability, loyalCandidateProbability, risk, value, valueAtStake,
             rfmRank, segment, isLoyal, reasons, reasonCodes, action, actionCode, group, contactDate, probabilityAlive
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
        try container.encode(risk, forKey: .risk)
        try container.encode(number(value), forKey: .value)
        try container.encode(number(valueAtStake), forKey: .valueAtStake)
        try container.encode(number(probabilityAlive), forKey: .probabilityAlive)
        try container.encode(rfmRank, forKey: .rfmRank)
        try container.encode(segment, forKey: .segment)
        try container.encode(isLoyal, forKey: .isLoyal)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(reasonCodes, forKey: .reasonCodes)
        try container.encode(action, forKey: .action)
        try container.encode(actionCode, forKey: .actionCode)
        try container.encode(group, forKey: .group)
        try container.encode(contactDate, forKey: .contactDate)
    }

    /// Equal field by field, with `NaN` equal to `NaN` (a missing probability is the same on both sides).
    public static func == (left: CallListEntry, right: CallListEntry) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return left.list == right.list && left.rank == right.rank && left.customerID == right.customerID
            && left.name == right.name && left.phone == right.phone
            && same(left.churnProbability, right.churnProbability)
            && same(left.loyalCandidateProbability, right.loyalCandidateProbability) && left.risk == right.risk
            && same(left.value, right.value) && same(left.valueAtStake, right.valueAtStake) && left.rfmRank == right.rfmRank
            && left.segment == right.segment && left.isLoyal == right.isLoyal && left.reasons == right.reasons
            && left.reasonCodes == right.reasonCodes && left.action == right.action && left.actionCode == right.actionCode
            && left.group == right.group && left.contactDate == right.contactDate
    }
}

/// What a call list holds and what it left out: rows, exclusions per reason and value covered, per list.
///
/// Encodes to JSON with its property names as keys; exclusion reasons by their raw values
/// (`do_not_call`, ...), in the fixed order of `CallListExclusion.allCases`.
public struct CallListSummary: Sendable, Equatable, Codable {
    /// The number of candidates one exclusion reason removed from a list.
    public struct ExclusionCount: Sendable, Equatable, Codable {
        /// The reason.
        public var reason: CallListExclusion
        /// Candidates removed for it (each counted under its first reason only).
        public var count: Int
    }

    /// One list's numbers.
    public struct ListSummary: Sendable, Equatable, Codable {
        /// Which list.
        public var list: CallListName
        /// Customers the list's model applies to (probability not `NaN`).
        public var candidates: Int
        /// Exclusions per reason, in the order of `CallListExclusion.allCases` (reasons that apply to the list).
        public var exclusions: [ExclusionCount]
        /// The quota from capacity and mix, before unused calls moved between the lists.
        public var quota: Int
        /// Rows on the list (calls).
        public var rows: Int
        /// Rows held out as its control group.
        public var controlRows: Int
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
    /// Whether a contact history was given, so open control groups and its calls' cool-off were applied.
    public var contactHistoryApplied: Bool
    /// The share of each pool held out as control.
    public var controlShare: Double
    /// The sample-ratio check: the p-value of the control rows of both lists against the share (a value
    /// below 0.001 means the split went wrong); nil without a control group.
    public var sampleRatioPValue: Double?
    /// The retention list's numbers.
    public var retention: ListSummary
    /// The upgrade list's numbers.
    public var upgrade: ListSummary

    /// The numbers of `list`.
    public subscript(list: CallListName) -> ListSummary {
        list == .retention ? retention : upgrade
    }
}

/// A built call list: its rows, its summary, the rules it was built by, and every excluded candidate.
public struct BuiltCallList: Sendable, Equatable {
    /// Retention rows by rank, then upgrade rows by rank: the calls.
    public var entries: [CallListEntry]
    /// The control rows, in the same order (empty without a control share); never given to agents.
    public var controls: [CallListEntry]
    /// Rows, exclusions and value covered per list.
    public var summary: CallListSummary
    /// The floor and ranking of each list.
    public var rules: [CallListRule]
    /// Every candidate left off, with the first reason, retention first, each list in score order.
    public var excluded: [ExcludedCustomer]

    /// A built list from its parts.
    public init(entries: [CallListEntry], controls: [CallListEntry] = [], summary: CallListSummary, rules: [CallListRule],
                excluded: [ExcludedCustomer]) {
        self.entries = entries
        self.controls = controls
        self.summary = summary
        self.rules = rules
        self.excluded = excluded
    }
}

/// Builds the call list from scores and the customer file: who is called first on each list, within the
/// team's capacity, and who is left out and why.
///
/// - Retention candidates: churn probability known and at least the floor (by default the mean churn
///   probability over the scores that have one); ranked by expected value lost (churn probability ×
///   the value had the customer stayed, `CustomerScore.valueIfRetained`, or × net value where that is
///   unknown) descending, ties by customer id. When the churn model did not beat its baseline out of
///   time, ranked by days since the last purchase × value instead (the baseline), and the rule says so.
/// - Upgrade candidates: loyal-candidate probability at least its floor (the mean by default), not loyal;
///   ranked by that probability descending (the near-loyal first), then value, then customer id; by
///   365-day net spend when the model lost to its baseline.
/// - Exclusions, the first that applies counted per list: not in the customer file, suppressed, do-not-
///   call, no valid phone, contacted within the cool-off days, inactive longer than `lostAfterDays` (or
///   never bought), net spend 0 or less, below the floor; upgrade only: already loyal, already on the
///   retention list; retention only: on the upgrade list (a spare call); then one call per phone number;
///   then capacity. Without a customer file the contact
///   exclusions are skipped.
/// - Capacity: retention gets `round(capacity × share)` calls and is filled first, upgrade the rest; calls
///   one list cannot use go to the other.
public enum CallList {
    /// The call list for `scores` and its summary (see the type's rules).
    ///
    /// - Precondition: `settings.capacity >= 0` and `settings.retentionShare` in 0...1 (the command line
    ///   checks what the user typed).
    /// - Complexity: O(n log n) for n scores.
    public static func build(scores: [CustomerScore], contacts: CustomerContacts?, settings: CallListSettings) -> BuiltCallList {
        precondition(settings.capacity >= 0, "call-list capacity must be 0 or more")
        precondition(settings.retentionShare >= 0 && settings.retentionShare <= 1, "retention share must be in 0...1")

        let churnFloor = settings.retentionByUplift ? 0 : settings.minChurnProbability ?? mean(scores.map(\.churnProbability))
        let loyalFloor = settings.minLoyalCandidateProbability ?? mean(scores.map(\.loyalCandidateProbability))
        let retentionByBaseline = !settings.retentionByUplift && scores.contains { $0.churnRankedBy == .baseline && !$0.churnProbability.isNaN }
        let upgradeByBaseline = scores.contains { $0.loyalCandidateRankedBy == .baseline && !$0.loyalCandidateProbability.isNaN }
        let retentionValue = scores.contains { !$0.valueIfRetained.isNaN }
            ? "the expected value of the next horizon had the customer stayed (BG/NBD × Gamma-Gamma; historical net value where unknown)"
            : "net value"
        var lists = [ListState(list: .retention), ListState(list: .upgrade)]
        for (index, score) in scores.enumerated() {
            let contact = contacts?[score.customerID]
            for offset in 0..<2 {
                let list = lists[offset].list
                let probability = list == .retention && settings.retentionByUplift ? score.retentionUplift : score.probability(on: list)
                let candidate = Candidate(scoreIndex: index, probability: probability, value: listValue(score, list: list))
                guard !candidate.probability.isNaN else { continue }
                lists[offset].candidates += 1
                let floor = list == .retention ? churnFloor : loyalFloor
                if let reason = exclusion(score, probability: candidate.probability, floor: floor, contact: contact,
                                          hasContacts: contacts != nil, settings: settings, list: list) {
                    lists[offset].exclude(candidate, reason)
                } else {
                    lists[offset].eligible.append(candidate)
                }
            }
        }
        lists[0].eligible.sort { left, right in
            let a = scores[left.scoreIndex], b = scores[right.scoreIndex]
            if retentionByBaseline {
                let keyA = (a.daysSinceLastPurchase.isNaN ? 0 : a.daysSinceLastPurchase) * max(0, a.value)
                let keyB = (b.daysSinceLastPurchase.isNaN ? 0 : b.daysSinceLastPurchase) * max(0, b.value)
                if keyA != keyB { return keyA > keyB }
            } else if left.valueAtStake != right.valueAtStake {
                return left.valueAtStake > right.valueAtStake
            }
            return a.customerID < b.customerID
        }
        lists[1].eligible.sort { left, right in
            let a = scores[left.scoreIndex], b = scores[right.scoreIndex]
            if upgradeByBaseline {
                let spendA = a.spend365.isNaN ? 0 : a.spend365, spendB = b.spend365.isNaN ? 0 : b.spend365
                if spendA != spendB { return spendA > spendB }
            } else if a.loyalCandidateProbability != b.loyalCandidateProbability {
                return a.loyalCandidateProbability > b.loyalCandidateProbability
            }
            let valueA = a.value.isNaN ? 0 : a.value, valueB = b.value.isNaN ? 0 : b.value
            if valueA != valueB { return valueA > valueB }
            return a.customerID < b.customerID
        }

        // Retention first, up to its quota; upgrade gets its quota plus whatever retention left unused;
        // then retention takes the calls upgrade could not use. One call per customer and per phone.
        var calledPhones: Set<String> = []
        var calledCustomers: Set<String> = []
        func take(_ offset: Int, upTo limit: Int) {
            var position = lists[offset].next
            while position < lists[offset].eligible.count && lists[offset].rows.count < limit {
                let candidate = lists[offset].eligible[position]
                position += 1
                let score = scores[candidate.scoreIndex]
                if calledCustomers.contains(score.customerID) {
                    lists[offset].exclude(candidate, lists[offset].list == .retention ? .onUpgradeList : .onRetentionList)
                    continue
                }
                if let phone = contacts?[score.customerID].map({ CustomerContacts.normalizedPhone($0.phone) }) {
                    if calledPhones.contains(phone) {
                        lists[offset].exclude(candidate, .duplicatePhone)
                        continue
                    }
                    calledPhones.insert(phone)
                }
                calledCustomers.insert(score.customerID)
                lists[offset].rows.append(candidate)
            }
            lists[offset].next = position
        }
        // With a control share, each list takes a pool whose calls (pool − control) fill its calls.
        let share = settings.controlShare
        func pool(_ calls: Int) -> Int { ControlGroupAssignment.poolSize(calls: max(0, calls), share: share) }
        func calls(_ offset: Int) -> Int {
            lists[offset].rows.count - ControlGroupAssignment.controlCount(poolSize: lists[offset].rows.count, share: share)
        }
        take(0, upTo: pool(settings.retentionQuota))
        // Upgrade candidates already on the retention list are counted as such even beyond the capacity.
        take(1, upTo: pool(settings.capacity - calls(0)))
        take(0, upTo: pool(settings.capacity - calls(1)))
        for offset in 0..<2 {
            for candidate in lists[offset].eligible.dropFirst(lists[offset].next) {
                let onRetention = lists[offset].list == .upgrade && calledCustomers.contains(scores[candidate.scoreIndex].customerID)
                lists[offset].exclude(candidate, onRetention ? .onRetentionList : .overCapacity)
            }
        }

        var entries: [CallListEntry] = [], controls: [CallListEntry] = []
        var controlCounts = [0, 0]
        for offset in 0..<2 {
            let isControl = ControlGroupAssignment.assign(poolSize: lists[offset].rows.count, share: share, seed: settings.seed,
                                                          list: lists[offset].list.rawValue)
            let pooled = makeEntries(lists[offset].rows, list: lists[offset].list, scores: scores, contacts: contacts,
                                     language: settings.language)
            var called = pooled.indices.filter { !isControl[$0] }.map { pooled[$0] }
            var held = pooled.indices.filter { isControl[$0] }.map { pooled[$0] }
            for index in called.indices { called[index].rank = index + 1 }
            for index in held.indices {
                held[index].rank = index + 1
                held[index].group = .control
            }
            controlCounts[offset] = held.count
            lists[offset].rows = lists[offset].rows.indices.filter { !isControl[$0] }.map { lists[offset].rows[$0] }
            entries += called
            controls += held
        }
        func listSummary(_ state: ListState, quota: Int) -> CallListSummary.ListSummary {
            CallListSummary.ListSummary(
                list: state.list, candidates: state.candidates,
                exclusions: CallListExclusion.allCases.filter { $0.applies(to: state.list) }
                    .map { CallListSummary.ExclusionCount(reason: $0, count: state.counts[$0] ?? 0) },
                quota: quota, rows: state.rows.count, controlRows: controlCounts[state.list == .retention ? 0 : 1],
                valueCovered: state.rows.reduce(0) { $0 + $1.valueAtStake })
        }
        let summary = CallListSummary(
            capacity: settings.capacity, cooloffDays: settings.cooloffDays, lostAfterDays: settings.lostAfterDays,
            contactExclusionsApplied: contacts != nil, contactHistoryApplied: settings.contactStatus != nil,
            controlShare: share,
            sampleRatioPValue: share > 0 ? ControlGroupAssignment.sampleRatioPValue(
                control: controlCounts[0] + controlCounts[1],
                total: lists[0].rows.count + lists[1].rows.count + controlCounts[0] + controlCounts[1], share: share) : nil,
            retention: listSummary(lists[0], quota: settings.retentionQuota),
            upgrade: listSummary(lists[1], quota: settings.upgradeQuota))
        let rules = [
            CallListRule(list: .retention, floor: churnFloor,
                         floorSource: settings.retentionByUplift ? .upliftAboveZero : settings.minChurnProbability == nil ? .mean : .flag,
                         rankedBy: settings.retentionByUplift ? .uplift : retentionByBaseline ? .baseline : .model,
                         ranking: settings.retentionByUplift
                            ? "expected incremental value: retention uplift × \(retentionValue) (whom a call helps, learned from past campaigns)"
                            : retentionByBaseline
                            ? "days since the last purchase × net value (the churn model did not beat this baseline out of time)"
                            : "expected value lost: churn probability × \(retentionValue)"),
            CallListRule(list: .upgrade, floor: loyalFloor,
                         floorSource: settings.minLoyalCandidateProbability == nil ? .mean : .flag,
                         rankedBy: upgradeByBaseline ? .baseline : .model,
                         ranking: upgradeByBaseline
                            ? "365-day net spend (the loyal-candidate model did not beat this baseline out of time)"
                            : "loyal-candidate probability, then net value"),
        ]
        let excluded = lists.flatMap { state in
            state.excluded.sorted { $0.candidate.scoreIndex < $1.candidate.scoreIndex }.map { item in
                ExcludedCustomer(list: state.list, customerID: scores[item.candidate.scoreIndex].customerID, reason: item.reason,
                                 probability: item.candidate.probability, value: item.candidate.value)
            }
        }
        return BuiltCallList(entries: entries, controls: controls, summary: summary, rules: rules, excluded: excluded)
    }

    /// The mean of the values that are not `NaN`; 0 when there are none.
    static func mean(_ values: [Double]) -> Double {
        var sum = 0.0, count = 0.0
        for value in values where !value.isNaN {
            sum += value
            count += 1
        }
        return count > 0 ? sum / count : 0
    }

    /// The value a call on `list` is about: on retention, what a churn loses (the expected value had the
    /// customer stayed, `valueIfRetained`, or the historical net value where that is unknown); on upgrade,
    /// the net value. 0 when unknown.
    static func listValue(_ score: CustomerScore, list: CallListName) -> Double {
        if list == .retention, !score.valueIfRetained.isNaN { return max(0, score.valueIfRetained) }
        return score.value.isNaN ? 0 : score.value
    }

    /// A score on one list: its probability there and its value there (`listValue`); the value at stake
    /// is their product.
    private struct Candidate {
        let scoreIndex: Int
        let probability: Double
        let value: Double
        var valueAtStake: Double { probability * value }
    }

    /// One list while it is built.
    private struct ListState {
        let list: CallListName
        var candidates = 0
        var eligible: [Candidate] = []
        var rows: [Candidate] = []
        var next = 0
        var counts: [CallListExclusion: Int] = [:]
        var excluded: [(candidate: Candidate, reason: CallListExclusion)] = []

        init(list: CallListName) { self.list = list }

        mutating func exclude(_ candidate: Candidate, _ reason: CallListExclusion) {
            counts[reason, default: 0] += 1
            excluded.append((candidate, reason))
        }
    }

    /// The first exclusion reason that applies to `score` on `list` (before one call per customer and
    /// per phone, and the capacity).
    private static func exclusion(_ score: CustomerScore, probability: Double, floor: Double,
                                  contact: CustomerContacts.Contact?, hasContacts: Bool,
                                  settings: CallListSettings, list: CallListName) -> CallListExclusion? {
        if hasContacts && contact == nil { return .notInCustomerFile }
        if settings.suppressedIDs.contains(score.customerID) { return .suppressed }
        if settings.contactStatus?.heldOut.contains(score.customerID) == true { return .inControlGroup }
        if let contact {
            if !settings.suppressedPhones.isEmpty && settings.suppressedPhones.contains(CustomerContacts.normalizedPhone(contact.phone)) {
                return .suppressed
            }
            if contact.doNotCall { return .doNotCall }
            if !contact.hasValidPhone { return .noValidPhone }
        }
        // The cool-off: the later of the customer file's last contact and the contact history's last call.
        let lastContact = [contact?.lastContactedDay, settings.contactStatus?.lastCallDay[score.customerID]].compactMap { $0 }.max()
        if let lastContact, settings.cooloffDays > 0, Int(score.asOfDay) - Int(lastContact) < settings.cooloffDays {
            return .contactedRecently
        }
        let days = score.daysSinceLastPurchase
        if days.isNaN || days > Double(settings.lostAfterDays) { return .inactive }
        if score.value.isNaN || score.value <= 0 { return .noNetSpend }
        // Ranked by uplift, the floor is strict: an uplift of zero is no reason to call.
        let strictFloor = list == .retention && settings.retentionByUplift
        if strictFloor ? probability <= floor : probability < floor { return .belowFloor }
        if list == .upgrade && score.isLoyal { return .alreadyLoyal }
        return nil
    }

    private static func makeEntries(_ rows: [Candidate], list: CallListName, scores: [CustomerScore],
                                    contacts: CustomerContacts?, language: ReasonLanguage) -> [CallListEntry] {
        rows.enumerated().map { offset, candidate in
            let score = scores[candidate.scoreIndex]
            let contact = contacts?[score.customerID]
            let factors = Array(score.reasons(on: list).prefix(3))
            let probability = score.probability(on: list)
            let action = SuggestedAction.choose(list: list, reasons: factors, rfmRank: score.rfmRank,
                                                daysSinceFirstPurchase: score.daysSinceFirstPurchase)
            return CallListEntry(
                list: list, rank: offset + 1, customerID: score.customerID, name: contact?.name ?? "",
                phone: contact?.phone ?? "", churnProbability: score.churnProbability,
                loyalCandidateProbability: score.loyalCandidateProbability,
                risk: Wording.risk(probability, list: list, language: language), value: score.value,
                valueAtStake: candidate.valueAtStake, rfmRank: score.rfmRank,
                segment: Wording.segment(score.ltvNPSCell, language: language), isLoyal: score.isLoyal,
                reasons: factors.map { ReasonText.describe($0, language: language) },
                reasonCodes: factors.map(\.feature), action: action.text(rfmRank: score.rfmRank, language: language),
                actionCode: action.rawValue, customerFileLine: contact?.line, contactDate: CalendarDay.isoString(score.asOfDay))
        }.map { entry in
            var entry = entry
            entry.probabilityAlive = scores[rows[entry.rank - 1].scoreIndex].probabilityAlive
            return entry
        }
    }
}

extension CustomerScore {
    /// The probability that ranks the customer on `list`: churn on retention, loyal candidate on upgrade.
    func probability(on list: CallListName) -> Double {
        list == .retention ? churnProbability : loyalCandidateProbability
    }

    /// The reasons behind that probability.
    func reasons(on list: CallListName) -> [ReasonFactor] {
        list == .retention ? churnReasons : loyalCandidateReasons
    }
}
