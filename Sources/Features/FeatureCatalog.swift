import Foundation

/// What a feature column is: its family of correlated features, its unit, which way means churn risk, how
/// a missing value reads, the input it comes from, and its wording in English and Japanese for reasons in
/// plain words.
///
/// Each feature family publishes the descriptors of the columns it makes
/// (`FeatureFamilyBuilder.descriptor(for:)`), so the wording of a feature lives beside the code that
/// computes it; `FeatureCatalog.descriptor(for:)` asks every family of `CustomerHistory.families`. A
/// name no family claims is described as unknown: a family of its own, no known direction, and the
/// wording `name: value (typical: t)`.
public struct FeatureDescriptor: Sendable, Equatable {
    /// The column name, e.g. `days_since_last_purchase`.
    public let name: String
    /// The family: features of one family are correlated, so a row's reasons name at most one of each.
    public let family: FeatureFamily
    /// What the numbers count or measure.
    public let unit: FeatureUnit
    /// Which way means more churn risk: +1 when a higher value means more risk (days since the last
    /// purchase), −1 when a lower value does (orders, spend, email opens), 0 when neither is known
    /// (tenure, attributes). For the loyal-candidate target the direction is the opposite.
    public let churnRiskDirection: Int
    /// What a missing value (`NaN`) stands for when a reason is weighed.
    public let missing: MissingValueMeaning
    /// Whether the value is a ratio of change (orders now against before), which argues for churn only
    /// when it fell and for loyalty only when it rose.
    public let isChangeRatio: Bool
    /// Whether the value is a survey score (NPS, its class, CSAT, CES) rather than a count or a date of
    /// answers: such a reason calls for a complaint to be resolved.
    public let isSatisfactionScore: Bool
    /// The input the feature is computed from; nil when not known.
    public let input: FeatureInput?
    /// Whether the value is a model's estimate made from other features of its family (P(alive) from
    /// recency and frequency): it adds to its family's push, but a reason names an observed fact of the
    /// family ("no purchase for 142 days"), never the estimate ("99.7% chance of still buying").
    public let isEstimate: Bool
    private let english: @Sendable (ReasonWords) -> String
    private let japanese: @Sendable (ReasonWords) -> String
    private var englishTitle: String?
    private var japaneseTitle: String?

    /// A descriptor with its wording: `english` and `japanese` turn the customer's value against the
    /// typical one into plain words (texts must use only characters CP932 can hold, so a call list in
    /// Japanese can be written for Excel).
    public init(name: String, family: FeatureFamily, unit: FeatureUnit, churnRiskDirection: Int,
                missing: MissingValueMeaning = .unknown, isChangeRatio: Bool = false, isSatisfactionScore: Bool = false,
                input: FeatureInput?, isEstimate: Bool = false, english: @escaping @Sendable (ReasonWords) -> String,
                japanese: @escaping @Sendable (ReasonWords) -> String) {
        self.name = name
        self.family = family
        self.unit = unit
        self.churnRiskDirection = churnRiskDirection
        self.missing = missing
        self.isChangeRatio = isChangeRatio
        self.isSatisfactionScore = isSatisfactionScore
        self.input = input
        self.isEstimate = isEstimate
        self.english = english
        self.japanese = japanese
    }

    /// The feature's name in plain words, for a chart or a table (`days since the last purchase`,
    /// `最終購入からの日数`): the family's title, else the column name with spaces for underscores.
    public func title(language: ReasonLanguage) -> String {
        (language == .ja ? japaneseTitle : englishTitle) ?? englishTitle
            ?? name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: ":", with: " ")
    }

    /// This descriptor with its name in plain words, in English and Japanese (`title(language:)`).
    public func titled(_ english: String, _ japanese: String) -> FeatureDescriptor {
        var titled = self
        titled.englishTitle = english
        titled.japaneseTitle = japanese
        return titled
    }

    /// The descriptor of the column `name`, from the family that makes it (`FeatureCatalog`).
    public init(name: String) {
        self = FeatureCatalog.descriptor(for: name)
    }

    /// The descriptor of a column no family claims: a family of its own, no direction,
    /// `name: value (typical: t)`.
    public static func unknown(_ name: String) -> FeatureDescriptor {
        FeatureDescriptor(name: name, family: .unknown(name: name), unit: .number, churnRiskDirection: 0, input: nil,
                          english: { $0.value.isNaN ? "\(name): no data" : "\(name): \(ReasonWords.number($0.value))" + $0.typicalNote },
                          japanese: { $0.value.isNaN ? "\(name): データなし" : "\(name): \(ReasonWords.number($0.value))" + $0.typicalNoteJapanese() })
    }

    /// The customer's `value` against the `typical` one in plain words, e.g. `no purchase for 142 days
    /// (typical: 35)` or `最終購入から142日 (通常: 35日)`.
    public func words(value: Double, typical: Double, language: ReasonLanguage) -> String {
        let words = ReasonWords(value: value, typical: typical)
        switch language {
        case .en: return english(words)
        case .ja: return japanese(words)
        }
    }

    /// Whether a `value` against the `typical` one argues for the outcome, given the model's push
    /// (`contribution` > 0 towards the outcome): the value must lie on the outcome's side of typical
    /// (`direction` +1: above, −1: below). Unknown directions and unknown typical values accept the
    /// model's word; a missing value reads as `missing` says; a ratio of change must also lie on the
    /// outcome's side of level.
    public func argues(value: Double, typical: Double, direction: Int) -> Bool {
        guard direction != 0 else { return true }
        if value.isNaN {
            switch missing {
            case .longAgo: return direction > 0
            case .none: return direction < 0
            case .unknown: return false
            }
        }
        // A change in orders argues for churn only when orders fell, for loyalty only when they rose:
        // "down 67%" is no reason to become loyal, even when the typical customer fell further.
        if isChangeRatio, direction > 0 ? value <= 0 : value >= 0 { return false }
        guard !typical.isNaN else { return true }
        return direction > 0 ? value > typical : value < typical
    }

    /// Descriptors are equal when they describe the same column the same way (the wording is a
    /// function of the name).
    public static func == (left: FeatureDescriptor, right: FeatureDescriptor) -> Bool {
        left.name == right.name && left.family == right.family && left.unit == right.unit
            && left.churnRiskDirection == right.churnRiskDirection && left.missing == right.missing
            && left.isChangeRatio == right.isChangeRatio && left.isSatisfactionScore == right.isSatisfactionScore
            && left.input == right.input
    }
}

/// What a feature's numbers count or measure.
public enum FeatureUnit: String, Sendable, Equatable {
    /// Days (since an event, between purchases).
    case days
    /// A count (orders, events, answers).
    case count
    /// An amount of money in the orders' currency.
    case money
    /// A ratio or share (a change, a percentile).
    case ratio
    /// A survey score (NPS 0-10, its class −1/0/1, CSAT, CES).
    case score
    /// A 0/1 indicator (one level of a categorical attribute).
    case indicator
    /// A number of no known unit.
    case number
}

/// What a missing value (`NaN`) stands for when a reason is weighed against typical.
public enum MissingValueMeaning: Sendable, Equatable {
    /// Never happened: reads as "long ago", above any typical value (days since the last purchase).
    case longAgo
    /// Nothing: reads as none, below any typical value (orders, spend, event counts).
    case none
    /// Not known: a missing value argues for nothing.
    case unknown
}

/// The input a feature is computed from, for saying which input a model needs ("this model was trained
/// with --events").
public enum FeatureInput: String, Sendable, Equatable {
    /// The orders file.
    case orders
    /// The engagement events file.
    case events
    /// The survey answers file.
    case surveys
    /// The customer file.
    case customers
}

/// Finds a column's descriptor in the family that makes it.
public enum FeatureCatalog {
    /// The descriptor of the column `name`: the first family of `CustomerHistory.families` that claims
    /// it, or `FeatureDescriptor.unknown(name)`. Descriptors are remembered, so describing every reason of
    /// a million rows looks each name up once.
    public static func descriptor(for name: String) -> FeatureDescriptor {
        if let known = cache.descriptor(for: name) { return known }
        let descriptor = CustomerHistory.families.lazy.compactMap { $0.descriptor(for: name) }.first
            ?? FeatureDescriptor.unknown(name)
        cache.remember(descriptor)
        return descriptor
    }

    private static let cache = DescriptorCache()
}

/// Descriptors already looked up, shared by threads (a lock around a dictionary, bounded in size).
private final class DescriptorCache: @unchecked Sendable {
    private let lock = NSLock()
    private var descriptors: [String: FeatureDescriptor] = [:]
    private let limit = 65_536

    func descriptor(for name: String) -> FeatureDescriptor? {
        lock.lock()
        defer { lock.unlock() }
        return descriptors[name]
    }

    func remember(_ descriptor: FeatureDescriptor) {
        lock.lock()
        defer { lock.unlock() }
        if descriptors.count < limit { descriptors[descriptor.name] = descriptor }
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

