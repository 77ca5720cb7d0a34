import Features

/// The language of the words a call list shows: reasons and suggested actions.
public enum ReasonLanguage: String, CaseIterable, Codable, Sendable {
    /// English.
    case en
    /// Japanese.
    case ja
}

/// Turns one reason factor (a feature, the customer's value, the typical value, the push on the score)
/// into plain words with the customer's own numbers, in English or Japanese.
///
/// Every feature family of `Guides/Features.md` has its own wording (RFM, value, engagement for any event
/// type, surveys, customer attributes and their one-hot `name=level` columns); any other feature gets
/// `name: value (typical: t)`. A `NaN` value means "no data" and is said so ("no purchase yet",
/// "never answered a survey"). The typical value (the training median) is shown as `(typical: t)` unless
/// it is unknown (`NaN`) or reads the same as the customer's value.
///
/// Numbers: whole numbers with thousands separators (`12,300`), at most one decimal (`6.5`), ratios as
/// percentages (`60%`). Texts use only characters that CP932 can hold, so a call list in Japanese can be
/// written for Excel.
public enum ReasonText {
    /// The reason in plain words, e.g. `no purchase for 142 days (typical: 35)` or
    /// `最終購入から142日 (通常: 35日)`.
    ///
    /// The contribution's sign is not repeated in the words: the customer's numbers beside the typical
    /// ones say which way the factor pushes.
    public static func describe(_ factor: ReasonFactor, language: ReasonLanguage) -> String {
        // A reason read back from a scores file without its code keeps its words.
        if factor.feature.isEmpty { return factor.text }
        if factor.feature == ReasonFactor.nothingStandsOutCode {
            return language == .en ? "no single factor stands out (the overall pattern)" : "特に目立つ要因なし (全体的な傾向)"
        }
        let kind = FeatureKind(name: factor.feature)
        switch language {
        case .en: return english(kind, value: factor.value, typical: factor.typical)
        case .ja: return japanese(kind, value: factor.value, typical: factor.typical)
        }
    }

    // MARK: - English

    private static func english(_ kind: FeatureKind, value: Double, typical: Double) -> String {
        func typicalNote() -> String {
            showsTypical(value, typical, number) ? " (typical: \(number(typical)))" : ""
        }
        let noPurchase = "no purchase yet"
        let neverAnswered = "never answered a survey"
        switch kind {
        case .daysSinceLastPurchase:
            if value.isNaN { return noPurchase }
            if value == 0 { return "last purchase on the scoring day" }
            return "no purchase for \(days(value))" + typicalNote()
        case .daysSinceFirstPurchase:
            if value.isNaN { return noPurchase }
            if value <= SuggestedAction.newCustomerDays { return "first purchase \(ago(value)) (new customer)" }
            return "first purchase \(ago(value))" + typicalNote()
        case .orders(let window):
            if value.isNaN { return "no order data" }
            let orders = value == 0 ? "no orders" : counted(value, "order", "orders")
            return orders + (window.map { " in the last \($0) days" } ?? " in total") + typicalNote()
        case .spend(let window):
            if value.isNaN { return "no spending data" }
            let period = window.map { " in the last \($0) days" } ?? " in total"
            if value == 0 { return "nothing spent" + period + typicalNote() }
            return "spent \(number(value))" + period + typicalNote()
        case .meanOrderValue:
            if value.isNaN { return noPurchase }
            return "average order \(number(value))" + typicalNote()
        case .maxOrderValue:
            if value.isNaN { return noPurchase }
            return "largest order \(number(value))" + typicalNote()
        case .meanDaysBetweenOrders:
            if value.isNaN { return "fewer than two purchase days" }
            return "a purchase every \(days(value)) on average" + typicalNote()
        case .sdDaysBetweenOrders:
            if value.isNaN { return "too few purchases to judge their regularity" }
            return "gaps between purchases vary by \(days(value))" + typicalNote()
        case .returnsCount:
            if value.isNaN { return "no return data" }
            if value == 0 { return "no returns" + typicalNote() }
            return counted(value, "return", "returns") + typicalNote()
        case .returnsAmount:
            if value.isNaN { return "no return data" }
            if value == 0 { return "nothing returned" + typicalNote() }
            return "returned goods worth \(number(value))" + typicalNote()
        case .ordersTrend(let window):
            if value.isNaN { return "no orders in the \(window) days before the last \(window)" }
            // A typical ratio of −1 is a typical customer with no orders lately: said so, not "down 100%".
            let note = !showsTypical(value, typical, trendEnglish) ? ""
                : typical <= -1 ? " (typical: no orders in the last \(window) days)" : " (typical: \(trendEnglish(typical)))"
            if value == 0 { return "orders in the last \(window) days level with the \(window) before" + note }
            return "orders in the last \(window) days \(trendEnglish(value)) on the \(window) before" + note
        case .distinctPurchaseDays:
            if value.isNaN || value == 0 { return "no purchase days" }
            return "bought on \(counted(value, "day only", "different days"))" + typicalNote()
        case .lifetimeValue:
            if value.isNaN { return noPurchase }
            return "lifetime value \(number(value))" + typicalNote()
        case .annualMarginValue:
            if value.isNaN { return "no spending data" }
            return "projected margin \(number(value))" + typicalNote()
        case .eventCount(let type, let window):
            let label = EventLabel(type: type)
            if value.isNaN { return "no \(label.englishPlural) data" }
            let events = value == 0 ? "no \(label.englishPlural)" : counted(value, label.english, label.englishPlural)
            return events + " in the last \(window) days" + typicalNote()
        case .daysSinceLastEvent(let type):
            let label = EventLabel(type: type)
            if value.isNaN { return "no \(label.english) on record" }
            if value == 0 { return "last \(label.english) on the scoring day" }
            return "no \(label.english) for \(days(value))" + typicalNote()
        case .activeDays:
            if value.isNaN || value == 0 { return "no recorded activity" }
            return "active on \(counted(value, "day", "days"))" + typicalNote()
        case .lastNPS:
            if value.isNaN { return neverAnswered }
            let note = showsTypical(value, typical, number) ? "; typical: \(number(typical))" : ""
            return "NPS \(number(value)) (\(npsClassEnglish(forScore: value))\(note))"
        case .lastNPSClass:
            if value.isNaN { return neverAnswered }
            let note = showsTypical(value, typical, number) && npsClassEnglish(forClass: typical) != nil
                ? " (typical: \(npsClassEnglish(forClass: typical)!))" : ""
            return "last NPS answer: \(npsClassEnglish(forClass: value) ?? number(value))" + note
        case .meanNPS:
            if value.isNaN { return neverAnswered }
            return "average NPS \(number(value))" + typicalNote()
        case .npsAnswers:
            if value.isNaN || value == 0 { return neverAnswered }
            return "answered \(counted(value, "survey", "surveys"))" + typicalNote()
        case .daysSinceLastAnswer:
            if value.isNaN { return neverAnswered }
            return "last survey answer \(ago(value))" + typicalNote()
        case .lastCSAT:
            if value.isNaN { return "no satisfaction (CSAT) answer" }
            return "satisfaction (CSAT) \(number(value))" + typicalNote()
        case .lastCES:
            if value.isNaN { return "no effort (CES) answer" }
            return "effort score (CES) \(number(value))" + typicalNote()
        case .daysSinceSignup:
            if value.isNaN { return "sign-up date unknown" }
            return "signed up \(ago(value))" + typicalNote()
        case .daysSinceLastContact:
            if value.isNaN { return "no contact on record" }
            return "last contacted \(ago(value))" + typicalNote()
        case .spendToLoyalThreshold:
            if value.isNaN { return "no purchase in the last 365 days" }
            return "365-day spend at \(percent(value)) of the loyal threshold"
        case .spendPercentile:
            if value.isNaN { return "no purchase in the last 365 days" }
            // Below the middle, said from the other side: "spends less than 100% of ...", not "more than 0%".
            if value < 0.5 { return "spends less than \(percent(1 - value)) of active customers" }
            return "spends more than \(percent(value)) of active customers"
        case .level(let attribute, let level):
            if value.isNaN { return "\(attribute) unknown" }
            return value == 0 ? "\(attribute): not \(level)" : "\(attribute): \(level)"
        case .attribute(let name), .other(let name):
            if value.isNaN { return "\(name): no data" }
            return "\(name): \(number(value))" + typicalNote()
        }
    }

    /// `1 day`, `142 days`.
    private static func days(_ value: Double) -> String {
        counted(value, "day", "days")
    }

    /// `142 days ago`, or `on the scoring day` for 0.
    private static func ago(_ value: Double) -> String {
        value == 0 ? "on the scoring day" : "\(days(value)) ago"
    }

    /// `1 order`, `2 orders`: the plural unless the value reads as exactly 1.
    private static func counted(_ value: Double, _ singular: String, _ plural: String) -> String {
        let text = number(value)
        return "\(text) \(text == "1" ? singular : plural)"
    }

    /// `down 60%`, `up 25%`, `level` for a ratio of change.
    private static func trendEnglish(_ ratio: Double) -> String {
        if percent(ratio) == "0%" { return "level" }
        return (ratio < 0 ? "down " : "up ") + percent(ratio)
    }

    private static func npsClassEnglish(forScore score: Double) -> String {
        score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor"
    }

    private static func npsClassEnglish(forClass value: Double) -> String? {
        switch value {
        case -1: return "detractor"
        case 0: return "passive"
        case 1: return "promoter"
        default: return nil
        }
    }

    // MARK: - Japanese

    private static func japanese(_ kind: FeatureKind, value: Double, typical: Double) -> String {
        func typicalNote(_ unit: String = "") -> String {
            showsTypical(value, typical, number) ? " (通常: \(number(typical))\(unit))" : ""
        }
        let noPurchase = "購入なし"
        let neverAnswered = "アンケート未回答"
        switch kind {
        case .daysSinceLastPurchase:
            if value.isNaN { return noPurchase }
            if value == 0 { return "最終購入は当日" }
            return "最終購入から\(number(value))日" + typicalNote("日")
        case .daysSinceFirstPurchase:
            if value.isNaN { return noPurchase }
            if value <= SuggestedAction.newCustomerDays { return "初回購入から\(number(value))日 (新規顧客)" }
            return "初回購入から\(number(value))日" + typicalNote("日")
        case .orders(let window):
            if value.isNaN { return "注文データなし" }
            let period = window.map { "直近\($0)日の注文" } ?? "累計注文"
            if value == 0 { return period + "なし" + typicalNote("件") }
            return period + "\(number(value))件" + typicalNote("件")
        case .spend(let window):
            if value.isNaN { return "購入金額データなし" }
            let period = window.map { "直近\($0)日の購入金額" } ?? "累計購入金額"
            return period + number(value) + typicalNote()
        case .meanOrderValue:
            if value.isNaN { return noPurchase }
            return "平均注文金額\(number(value))" + typicalNote()
        case .maxOrderValue:
            if value.isNaN { return noPurchase }
            return "最大注文金額\(number(value))" + typicalNote()
        case .meanDaysBetweenOrders:
            if value.isNaN { return "購入日が2日未満" }
            return "平均購入間隔\(number(value))日" + typicalNote("日")
        case .sdDaysBetweenOrders:
            if value.isNaN { return "購入が少なく購入間隔のばらつきは不明" }
            return "購入間隔のばらつき\(number(value))日" + typicalNote("日")
        case .returnsCount:
            if value.isNaN { return "返品データなし" }
            if value == 0 { return "返品なし" + typicalNote("件") }
            return "返品\(number(value))件" + typicalNote("件")
        case .returnsAmount:
            if value.isNaN { return "返品データなし" }
            if value == 0 { return "返品なし" + typicalNote() }
            return "返品金額\(number(value))" + typicalNote()
        case .ordersTrend(let window):
            if value.isNaN { return "前の\(window)日間に注文なし" }
            let note = !showsTypical(value, typical, trendJapanese) ? ""
                : typical <= -1 ? " (通常: 直近\(window)日の注文なし)" : " (通常: \(trendJapanese(typical)))"
            if percent(value) == "0%" { return "直近\(window)日の注文は前の\(window)日と同水準" + note }
            return "直近\(window)日の注文が前の\(window)日より\(trendJapanese(value))" + note
        case .distinctPurchaseDays:
            if value.isNaN || value == 0 { return noPurchase }
            return "購入日数\(number(value))日" + typicalNote("日")
        case .lifetimeValue:
            if value.isNaN { return noPurchase }
            return "顧客生涯価値 (LTV) \(number(value))" + typicalNote()
        case .annualMarginValue:
            if value.isNaN { return "購入金額データなし" }
            return "見込み粗利\(number(value))" + typicalNote()
        case .eventCount(let type, let window):
            let label = EventLabel(type: type).japanese
            if value.isNaN { return "\(label)のデータなし" }
            if value == 0 { return "直近\(window)日の\(label)なし" + typicalNote("回") }
            return "直近\(window)日の\(label)\(number(value))回" + typicalNote("回")
        case .daysSinceLastEvent(let type):
            let label = EventLabel(type: type).japanese
            if value.isNaN { return "\(label)の記録なし" }
            if value == 0 { return "最終\(label)は当日" }
            return "最終\(label)から\(number(value))日" + typicalNote("日")
        case .activeDays:
            if value.isNaN || value == 0 { return "接点の記録なし" }
            return "接点のあった日数\(number(value))日" + typicalNote("日")
        case .lastNPS:
            if value.isNaN { return neverAnswered }
            let note = showsTypical(value, typical, number) ? "、通常: \(number(typical))" : ""
            return "NPS \(number(value)) (\(npsClassJapanese(forScore: value))\(note))"
        case .lastNPSClass:
            if value.isNaN { return neverAnswered }
            let note = showsTypical(value, typical, number) && npsClassJapanese(forClass: typical) != nil
                ? " (通常: \(npsClassJapanese(forClass: typical)!))" : ""
            return "直近のNPS回答: \(npsClassJapanese(forClass: value) ?? number(value))" + note
        case .meanNPS:
            if value.isNaN { return neverAnswered }
            return "NPS平均\(number(value))" + typicalNote()
        case .npsAnswers:
            if value.isNaN || value == 0 { return neverAnswered }
            return "アンケート回答\(number(value))回" + typicalNote("回")
        case .daysSinceLastAnswer:
            if value.isNaN { return neverAnswered }
            return "最終アンケート回答から\(number(value))日" + typicalNote("日")
        case .lastCSAT:
            if value.isNaN { return "満足度 (CSAT) 未回答" }
            return "満足度 (CSAT) \(number(value))" + typicalNote()
        case .lastCES:
            if value.isNaN { return "努力度 (CES) 未回答" }
            return "努力度 (CES) \(number(value))" + typicalNote()
        case .daysSinceSignup:
            if value.isNaN { return "登録日不明" }
            return "登録から\(number(value))日" + typicalNote("日")
        case .daysSinceLastContact:
            if value.isNaN { return "接触記録なし" }
            return "最終接触から\(number(value))日" + typicalNote("日")
        case .spendToLoyalThreshold:
            if value.isNaN { return "直近365日の購入なし" }
            return "直近365日の購入額がロイヤル基準の\(percent(value))"
        case .spendPercentile:
            if value.isNaN { return "直近365日の購入なし" }
            if value < 0.5 { return "購入額がアクティブ顧客の\(percent(1 - value))を下回る" }
            return "購入額がアクティブ顧客の\(percent(value))を上回る"
        case .level(let attribute, let level):
            if value.isNaN { return "\(attribute): 不明" }
            return value == 0 ? "\(attribute): \(level)以外" : "\(attribute): \(level)"
        case .attribute(let name), .other(let name):
            if value.isNaN { return "\(name): データなし" }
            return "\(name): \(number(value))" + typicalNote()
        }
    }

    /// `60%減少`, `25%増加`, `横ばい` for a ratio of change.
    private static func trendJapanese(_ ratio: Double) -> String {
        if percent(ratio) == "0%" { return "横ばい" }
        return percent(ratio) + (ratio < 0 ? "減少" : "増加")
    }

    private static func npsClassJapanese(forScore score: Double) -> String {
        score >= 9 ? "推奨者" : score >= 7 ? "中立者" : "批判者"
    }

    private static func npsClassJapanese(forClass value: Double) -> String? {
        switch value {
        case -1: return "批判者"
        case 0: return "中立者"
        case 1: return "推奨者"
        default: return nil
        }
    }

    // MARK: - Numbers

    /// Whether `(typical: t)` adds anything: the typical value is known and reads differently.
    private static func showsTypical(_ value: Double, _ typical: Double, _ text: (Double) -> String) -> Bool {
        !typical.isNaN && !value.isNaN && text(typical) != text(value)
    }

    /// `12,300`, `6.5`, `-1,234.6`: rounded to one decimal, `.0` dropped, thousands separated by commas,
    /// without locale (the same bytes on every machine).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "" : (value < 0 ? "-∞" : "∞") }
        let tenths = (value.magnitude * 10).rounded()
        guard tenths < 9e18 else { return String(value) }
        let scaled = UInt64(tenths)
        var text = grouped(scaled / 10)
        if scaled % 10 != 0 { text += ".\(scaled % 10)" }
        return value < 0 && scaled != 0 ? "-" + text : text
    }

    /// A ratio as a percentage of its magnitude: `-0.6` → `60%`.
    static func percent(_ ratio: Double) -> String {
        number((ratio * 100).magnitude) + "%"
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}

/// How an event type reads in words: `site_visit` → "site visit" / "サイト訪問".
struct EventLabel {
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
