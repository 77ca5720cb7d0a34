import OrderHistory

/// The engagement family: touches that are not purchases (email opens and clicks, visits, app
/// sessions, support contacts, reviews ...), per event type, up to the cutoff T.
///
/// For each type `t` of the events file: `event:t:30d`, `event:t:90d`, `event:t:365d` (counts in the
/// windows) and `event:t:days_since_last` (`NaN` when never); then `active_days_all` (distinct days with
/// any event). The `event:` namespace keeps an event type such as `purchase` or `orders` apart from the
/// built-in features, for any event type (`a:b` included: the window or `days_since_last` follows the
/// last colon).
public enum EngagementFeatures {
    /// Window lengths in days.
    public static let windows = [30, 90, 365]
    /// The prefix of the features made from event types.
    public static let prefix = "event:"
    /// `active_days_all`: distinct days with any event.
    public static let activeDays = "active_days_all"
    private static let daysSinceLastSuffix = "days_since_last"

    /// `event:<type>:<w>d`: events of `type` in the last `window` days.
    public static func countName(type: String, window: Int) -> String { "\(prefix)\(type):\(window)d" }

    /// `event:<type>:days_since_last`: days since the last event of `type`.
    public static func daysSinceLastName(type: String) -> String { "\(prefix)\(type):\(daysSinceLastSuffix)" }

    /// The feature names for the event types of `events`, in column order.
    public static func names(for events: EventLog) -> [String] {
        events.typeNames.flatMap { type in
            windows.map { countName(type: type, window: $0) } + [daysSinceLastName(type: type)]
        } + [activeDays]
    }

    /// Adds the engagement columns as of `table.asOfDay`.
    public static func add(to table: inout FeatureTable, events: EventLog, timeline: CustomerTimeline) {
        let asOf = table.asOfDay
        let typeCount = events.typeNames.count
        let perType = windows.count + 1
        let count = timeline.customerCount
        var columns = [[Double]](repeating: [Double](repeating: 0, count: count), count: typeCount * perType + 1)
        for customer in 0..<count {
            var lastDay = [Int32?](repeating: nil, count: typeCount)
            var activeDays = 0.0
            var previousDay: Int32?
            for record in timeline.records(of: customer) {
                let index = Int(record)
                let day = events.day[index]
                if day > asOf { break }
                let type = Int(events.typeCode[index]) - 1
                let age = Int(asOf - day)
                for (offset, window) in windows.enumerated() where age < window {
                    columns[type * perType + offset][customer] += 1
                }
                lastDay[type] = day
                if previousDay != day { activeDays += 1 }
                previousDay = day
            }
            for type in 0..<typeCount {
                columns[type * perType + windows.count][customer] = lastDay[type].map { Double(asOf - $0) } ?? .nan
            }
            columns[typeCount * perType][customer] = activeDays
        }
        for (name, values) in zip(names(for: events), columns) { table.add(name, values) }
    }
}

extension EngagementFeatures: FeatureFamilyBuilder {
    /// The engagement columns per event type (nothing without an events file).
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        guard let events = history.events, let timeline = history.eventTimeline else { return }
        add(to: &table, events: events, timeline: timeline)
    }

    /// `event:<type>:<w>d` and `event:<type>:days_since_last` for any event type, and `active_days_all`.
    public static func descriptor(for name: String) -> FeatureDescriptor? {
        guard let descriptor = untitledDescriptor(for: name) else { return nil }
        guard let (english, japanese) = title(of: name) else { return descriptor }
        return descriptor.titled(english, japanese)
    }

    /// The column's name in plain words, in English and Japanese.
    static func title(of name: String) -> (String, String)? {
        if name == activeDays { return ("active days", "接点のあった日数") }
        guard name.hasPrefix(prefix), let colon = name.lastIndex(of: ":"),
              colon >= name.index(name.startIndex, offsetBy: prefix.count) else { return nil }
        let label = EventLabel(type: String(name[name.index(name.startIndex, offsetBy: prefix.count)..<colon]))
        let suffix = name[name.index(after: colon)...]
        if suffix == daysSinceLastSuffix { return ("days since the last \(label.english)", "最終\(label.japanese)からの日数") }
        guard suffix.hasSuffix("d"), let window = Int(suffix.dropLast()) else { return nil }
        return ("\(label.englishPlural), last \(window) days", "直近\(window)日の\(label.japanese)回数")
    }

    private static func untitledDescriptor(for name: String) -> FeatureDescriptor? {
        if name == activeDays {
            return FeatureDescriptor(name: name, family: .activity, unit: .count, churnRiskDirection: -1, missing: .none,
                                     input: .events, english: { w in
                if w.value.isNaN || w.value == 0 { return "no recorded activity" }
                return "active on \(ReasonWords.counted(w.value, "day", "days"))" + w.typicalNote
            }, japanese: { w in
                if w.value.isNaN || w.value == 0 { return "接点の記録なし" }
                return "接点のあった日数\(ReasonWords.number(w.value))日" + w.typicalNoteJapanese("日")
            })
        }
        guard name.hasPrefix(prefix), let colon = name.lastIndex(of: ":"),
              colon >= name.index(name.startIndex, offsetBy: prefix.count) else { return nil }
        let type = String(name[name.index(name.startIndex, offsetBy: prefix.count)..<colon])
        let suffix = name[name.index(after: colon)...]
        let label = EventLabel(type: type)
        if suffix == daysSinceLastSuffix {
            return FeatureDescriptor(name: name, family: .engagement(type: type), unit: .days, churnRiskDirection: 1,
                                     missing: .longAgo, input: .events, english: { w in
                if w.value.isNaN { return "no \(label.english) on record" }
                if w.value == 0 { return "last \(label.english) on the scoring day" }
                return "no \(label.english) for \(ReasonWords.days(w.value))" + w.typicalNote
            }, japanese: { w in
                if w.value.isNaN { return "\(label.japanese)の記録なし" }
                if w.value == 0 { return "最終\(label.japanese)は当日" }
                return "最終\(label.japanese)から\(ReasonWords.number(w.value))日" + w.typicalNoteJapanese("日")
            })
        }
        guard suffix.hasSuffix("d"), suffix.dropLast().allSatisfy(\.isASCII), let window = Int(suffix.dropLast()) else {
            return nil
        }
        return FeatureDescriptor(name: name, family: .engagement(type: type), unit: .count, churnRiskDirection: -1,
                                 missing: .none, input: .events, english: { w in
            if w.value.isNaN { return "no \(label.englishPlural) data" }
            let events = w.value == 0 ? "no \(label.englishPlural)" : ReasonWords.counted(w.value, label.english, label.englishPlural)
            return events + " in the last \(window) days" + w.typicalNote
        }, japanese: { w in
            if w.value.isNaN { return "\(label.japanese)のデータなし" }
            if w.value == 0 { return "直近\(window)日の\(label.japanese)なし" + w.typicalNoteJapanese("回") }
            return "直近\(window)日の\(label.japanese)\(ReasonWords.number(w.value))回" + w.typicalNoteJapanese("回")
        })
    }
}

/// How an event type reads in words: `site_visit` → "site visit" / "サイト訪問"; an unknown type reads
/// as itself with spaces for underscores.
struct EventLabel: Sendable {
    let english: String
    let englishPlural: String
    let japanese: String

    init(type: String) {
        switch type {
        case "site_visit": (english, englishPlural, japanese) = ("site visit", "site visits", "サイト訪問")
        case "store_visit": (english, englishPlural, japanese) = ("store visit", "store visits", "来店")
        case "email_open": (english, englishPlural, japanese) = ("email open", "email opens", "メール開封")
        case "email_click": (english, englishPlural, japanese) = ("email click", "email clicks", "メールクリック")
        case "app_session": (english, englishPlural, japanese) = ("app session", "app sessions", "アプリ利用")
        case "support_contact":
            (english, englishPlural, japanese) = ("support contact", "support contacts", "サポート問い合わせ")
        case "review": (english, englishPlural, japanese) = ("review", "reviews", "レビュー")
        default:
            let words = String(type.map { $0 == "_" ? " " : $0 })
            (english, englishPlural, japanese) = (words, words.hasSuffix("s") ? words : words + "s", type)
        }
    }
}
