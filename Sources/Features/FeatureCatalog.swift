/// What a feature column is, read from its name: the family of correlated features it belongs to, which
/// way means churn risk, and the kind of quantity (for reasons in plain words).
///
/// Every feature family of `Guides/Features.md` is covered: RFM, value, distance to loyal, engagement for
/// any event type (`event:<type>:…`), surveys, customer attributes (`customer:<name>`) and their one-hot
/// `customer:<name>=<level>` columns. A name the catalog does not know is `.other` in a family of its
/// own, with no known direction.
public struct FeatureDescriptor: Sendable, Equatable {
    /// The column name, e.g. `days_since_last_purchase`.
    public let name: String
    /// The kind of quantity.
    public let kind: FeatureKind
    /// The family: features of one family are correlated, so a row's reasons name at most one of each.
    public let family: FeatureFamily

    /// The descriptor of the column `name`.
    public init(name: String) {
        self.name = name
        kind = FeatureKind(name: name)
        family = kind.family
    }

    /// Which way means more churn risk: +1 when a higher value means more risk (days since the last
    /// purchase), −1 when a lower value does (orders, spend, email opens), 0 when neither is known
    /// (tenure, attributes). For the loyal-candidate target the direction is the opposite.
    public var churnRiskDirection: Int { kind.churnRiskDirection }

    /// Whether a `value` against the `typical` one argues for the outcome, given the model's push
    /// (`contribution` > 0 towards the outcome): the value must lie on the outcome's side of typical
    /// (`direction` +1: above, −1: below). Unknown directions and unknown typical values accept the
    /// model's word; a missing value counts as "none" (below typical) for counts and spend and as "long
    /// ago" (above) for days-since features; an orders trend must also lie on the outcome's side of level.
    public static func argues(value: Double, typical: Double, direction: Int, kind: FeatureKind) -> Bool {
        guard direction != 0 else { return true }
        if value.isNaN {
            switch kind {
            case .daysSinceLastPurchase, .daysSinceLastEvent, .daysSinceLastAnswer: return direction > 0
            case .eventCount, .orders, .spend, .activeDays, .npsAnswers: return direction < 0
            default: return false
            }
        }
        // A change in orders argues for churn only when orders fell, for loyalty only when they rose:
        // "down 67%" is no reason to become loyal, even when the typical customer fell further.
        if case .ordersTrend = kind, direction > 0 ? value <= 0 : value >= 0 { return false }
        guard !typical.isNaN else { return true }
        return direction > 0 ? value > typical : value < typical
    }
}

/// A family of correlated features: a row's reasons never name two features of one family ("60 orders
/// in total" beside "56 orders in the last 365 days" says one thing twice).
public enum FeatureFamily: Hashable, Sendable, Comparable {
    /// Days since the last purchase.
    case recency
    /// How long the customer has been with the company (first purchase, sign-up).
    case tenure
    /// How often the customer buys (orders in windows, purchase days, gaps).
    case frequency
    /// Orders now against before.
    case trend
    /// How much the customer spends (spend, order values, LTV, distance to loyal).
    case monetary
    /// Returns and cancellations.
    case returns
    /// Survey answers (NPS, CSAT, CES).
    case satisfaction
    /// Contacts by the company.
    case contact
    /// One event type's counts and recency.
    case engagement(type: String)
    /// Days with any event.
    case activity
    /// One customer-file attribute (all levels of a categorical one).
    case attribute(name: String)
    /// A feature the catalog does not know, in a family of its own.
    case unknown(name: String)

    /// The family's code as in `bench/calllist-check`: `recency`, `engagement:email_open`, `attribute:age_band`,
    /// `unknown:<name>`.
    public var code: String {
        switch self {
        case .recency: return "recency"
        case .tenure: return "tenure"
        case .frequency: return "frequency"
        case .trend: return "trend"
        case .monetary: return "monetary"
        case .returns: return "returns"
        case .satisfaction: return "satisfaction"
        case .contact: return "contact"
        case .engagement(let type): return "engagement:\(type)"
        case .activity: return "engagement:activity"
        case .attribute(let name): return "attribute:\(name)"
        case .unknown(let name): return "unknown:\(name)"
        }
    }

    /// Orders families by code, so sets of families sort the same on every run.
    public static func < (left: FeatureFamily, right: FeatureFamily) -> Bool { left.code < right.code }
}

/// The kind of quantity a feature column holds, read from its name (`Guides/Features.md`).
public enum FeatureKind: Equatable, Sendable {
    /// `days_since_last_purchase`.
    case daysSinceLastPurchase
    /// `days_since_first_purchase`.
    case daysSinceFirstPurchase
    /// `orders_<w>d`, or `orders_all` (nil window).
    case orders(windowDays: Int?)
    /// `spend_<w>d`, or `spend_all` (nil window): net of returns.
    case spend(windowDays: Int?)
    /// `mean_order_value` (net).
    case meanOrderValue
    /// `max_order_value`.
    case maxOrderValue
    /// `mean_days_between_orders`.
    case meanDaysBetweenOrders
    /// `sd_days_between_orders`.
    case sdDaysBetweenOrders
    /// `returns_count`.
    case returnsCount
    /// `returns_amount`.
    case returnsAmount
    /// `distinct_purchase_days`.
    case distinctPurchaseDays
    /// `orders_trend_<w>d`: (purchases in the last w days − the w before) / the w before.
    case ordersTrend(windowDays: Int)
    /// `ltv_order_value_times_orders` (net).
    case lifetimeValue
    /// `ltv_annual_margin`.
    case annualMarginValue
    /// `event:<type>:<w>d` for an event type: events in the last w days. Names made from the data are
    /// namespaced (`event:`, `customer:`), so an event type `purchase` or a customer column `spend_365d`
    /// never collides with a built-in feature.
    case eventCount(type: String, windowDays: Int)
    /// `event:<type>:days_since_last` for an event type.
    case daysSinceLastEvent(type: String)
    /// `active_days_all`.
    case activeDays
    /// `last_nps`.
    case lastNPS
    /// `last_nps_class`.
    case lastNPSClass
    /// `mean_nps`.
    case meanNPS
    /// `nps_answers`.
    case npsAnswers
    /// `days_since_last_answer`.
    case daysSinceLastAnswer
    /// `last_csat`.
    case lastCSAT
    /// `last_ces`.
    case lastCES
    /// `days_since_signup`.
    case daysSinceSignup
    /// `days_since_last_contact`.
    case daysSinceLastContact
    /// `spend_to_loyal_threshold` (distance to loyal).
    case spendToLoyalThreshold
    /// `spend_percentile_among_active` (distance to loyal).
    case spendPercentile
    /// A one-hot column `customer:<attribute>=<level>` of a categorical customer-file column.
    case level(attribute: String, level: String)
    /// A numeric customer-file column, `customer:<name>`.
    case attribute(name: String)
    /// Anything else: a feature this catalog does not know.
    case other(name: String)

    /// The prefix of the features made from event types.
    public static let eventPrefix = "event:"
    /// The prefix of the features made from customer-file columns.
    public static let customerPrefix = "customer:"
    private static let daysSinceLastSuffix = "days_since_last"

    /// The kind of the column `name`.
    public init(name: String) {
        if let known = Self.exact[name] {
            self = known
        } else if name.hasPrefix(Self.eventPrefix), let colon = name.lastIndex(of: ":"),
                  colon >= name.index(name.startIndex, offsetBy: Self.eventPrefix.count) {
            let type = String(name[name.index(name.startIndex, offsetBy: Self.eventPrefix.count)..<colon])
            let suffix = name[name.index(after: colon)...]
            if suffix == Self.daysSinceLastSuffix {
                self = .daysSinceLastEvent(type: type)
            } else if suffix.hasSuffix("d"), let window = Int(suffix.dropLast()), suffix.dropLast().allSatisfy(\.isASCII) {
                self = .eventCount(type: type, windowDays: window)
            } else {
                self = .other(name: name)
            }
        } else if name.hasPrefix(Self.customerPrefix) {
            let attribute = name.dropFirst(Self.customerPrefix.count)
            if let equals = attribute.firstIndex(of: "=") {
                self = .level(attribute: String(attribute[..<equals]), level: String(attribute[attribute.index(after: equals)...]))
            } else {
                self = .attribute(name: String(attribute))
            }
        } else if let (stem, window) = Self.splitWindow(name) {
            switch stem {
            case "orders_trend": self = .ordersTrend(windowDays: window)
            case "orders": self = .orders(windowDays: window)
            case "spend": self = .spend(windowDays: window)
            default: self = .other(name: name)
            }
        } else {
            self = .other(name: name)
        }
    }

    /// The column name of a kind made from the data (`init(name:)` read backwards): `event:<type>:<w>d`,
    /// `event:<type>:days_since_last`, `customer:<name>`, `customer:<name>=<level>`; nil for the
    /// built-in kinds, whose names the families define.
    public var dataDerivedName: String? {
        switch self {
        case .eventCount(let type, let window): return "\(Self.eventPrefix)\(type):\(window)d"
        case .daysSinceLastEvent(let type): return "\(Self.eventPrefix)\(type):\(Self.daysSinceLastSuffix)"
        case .attribute(let name): return Self.customerPrefix + name
        case .level(let attribute, let level): return "\(Self.customerPrefix)\(attribute)=\(level)"
        default: return nil
        }
    }

    private static let exact: [String: FeatureKind] = [
        "days_since_last_purchase": .daysSinceLastPurchase, "days_since_first_purchase": .daysSinceFirstPurchase,
        "orders_all": .orders(windowDays: nil), "spend_all": .spend(windowDays: nil),
        "mean_order_value": .meanOrderValue, "max_order_value": .maxOrderValue,
        "mean_days_between_orders": .meanDaysBetweenOrders, "sd_days_between_orders": .sdDaysBetweenOrders,
        "returns_count": .returnsCount, "returns_amount": .returnsAmount,
        "distinct_purchase_days": .distinctPurchaseDays,
        "ltv_order_value_times_orders": .lifetimeValue, "ltv_annual_margin": .annualMarginValue,
        "active_days_all": .activeDays,
        "last_nps": .lastNPS, "last_nps_class": .lastNPSClass, "mean_nps": .meanNPS, "nps_answers": .npsAnswers,
        "days_since_last_answer": .daysSinceLastAnswer, "last_csat": .lastCSAT, "last_ces": .lastCES,
        "days_since_signup": .daysSinceSignup, "days_since_last_contact": .daysSinceLastContact,
        "spend_to_loyal_threshold": .spendToLoyalThreshold, "spend_percentile_among_active": .spendPercentile,
    ]

    /// `site_visit_90d` → (`site_visit`, 90); nil when the name does not end in `_<digits>d`.
    private static func splitWindow(_ name: String) -> (String, Int)? {
        guard name.hasSuffix("d"), let underscore = name.lastIndex(of: "_"), underscore != name.startIndex else {
            return nil
        }
        let digits = name[name.index(after: underscore)..<name.index(before: name.endIndex)]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let window = Int(digits) else {
            return nil
        }
        return (String(name[..<underscore]), window)
    }

    /// The family of correlated features the kind belongs to.
    public var family: FeatureFamily {
        switch self {
        case .daysSinceLastPurchase: return .recency
        case .daysSinceFirstPurchase, .daysSinceSignup: return .tenure
        case .orders, .distinctPurchaseDays, .meanDaysBetweenOrders, .sdDaysBetweenOrders: return .frequency
        case .ordersTrend: return .trend
        case .spend, .meanOrderValue, .maxOrderValue, .lifetimeValue, .annualMarginValue, .spendToLoyalThreshold,
             .spendPercentile: return .monetary
        case .returnsCount, .returnsAmount: return .returns
        case .lastNPS, .lastNPSClass, .meanNPS, .npsAnswers, .daysSinceLastAnswer, .lastCSAT, .lastCES:
            return .satisfaction
        case .daysSinceLastContact: return .contact
        case .eventCount(let type, _), .daysSinceLastEvent(let type): return .engagement(type: type)
        case .activeDays: return .activity
        case .level(let attribute, _): return .attribute(name: attribute)
        case .attribute(let name): return .attribute(name: name)
        case .other(let name): return .unknown(name: name)
        }
    }

    /// Whether the kind is a survey score (NPS, its class, CSAT, CES) rather than a count or a date of answers.
    public var isSatisfactionScore: Bool {
        switch self {
        case .lastNPS, .lastNPSClass, .meanNPS, .lastCSAT, .lastCES: return true
        default: return false
        }
    }

    /// +1: a higher value means more churn risk; −1: a lower value does; 0: not known.
    public var churnRiskDirection: Int {
        switch self {
        case .daysSinceLastPurchase, .daysSinceLastEvent, .returnsCount, .returnsAmount, .meanDaysBetweenOrders:
            return 1
        case .orders, .spend, .meanOrderValue, .maxOrderValue, .lifetimeValue, .annualMarginValue, .distinctPurchaseDays,
             .ordersTrend, .eventCount, .activeDays, .lastNPS, .lastNPSClass, .meanNPS, .lastCSAT, .spendToLoyalThreshold,
             .spendPercentile:
            return -1
        case .daysSinceFirstPurchase, .sdDaysBetweenOrders, .npsAnswers, .daysSinceLastAnswer, .lastCES, .daysSinceSignup,
             .daysSinceLastContact, .level, .attribute, .other:
            return 0
        }
    }
}
