/// The language of the words a call list shows: reasons and suggested actions.
public enum ReasonLanguage: String, CaseIterable, Codable, Sendable {
    /// English.
    case en
    /// Japanese.
    case ja
}

/// One reason's numbers on their way into words: the customer's value and the typical value (the
/// training median), with the number formats every family's wording shares.
///
/// Numbers: whole numbers with thousands separators (`12,300`), at most one decimal (`6.5`), ratios as
/// percentages (`60%`), without locale (the same bytes on every machine). A `NaN` value means "no data";
/// the typical value is shown only when it is known and reads differently from the customer's.
public struct ReasonWords: Sendable {
    /// The customer's value (`NaN`: no data).
    public let value: Double
    /// The typical value (`NaN`: unknown).
    public let typical: Double

    /// The words for `value` against `typical`.
    public init(value: Double, typical: Double) {
        self.value = value
        self.typical = typical
    }

    /// Whether the typical value adds anything: it is known and reads differently from the value, as
    /// written by `text`.
    public func showsTypical(_ text: (Double) -> String = ReasonWords.number) -> Bool {
        !typical.isNaN && !value.isNaN && text(typical) != text(value)
    }

    /// ` (typical: t)`, or nothing when the typical value adds nothing.
    public var typicalNote: String {
        showsTypical() ? " (typical: \(Self.number(typical)))" : ""
    }

    /// ` (通常: t<unit>)`, or nothing when the typical value adds nothing.
    public func typicalNoteJapanese(_ unit: String = "") -> String {
        showsTypical() ? " (通常: \(Self.number(typical))\(unit))" : ""
    }

    /// `12,300`, `6.5`, `-1,234.6`: rounded to one decimal, `.0` dropped, thousands separated by commas.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "" : (value < 0 ? "-∞" : "∞") }
        let tenths = (value.magnitude * 10).rounded()
        guard tenths < 9e18 else { return String(value) }
        let scaled = UInt64(tenths)
        var text = grouped(scaled / 10)
        if scaled % 10 != 0 { text += ".\(scaled % 10)" }
        return value < 0 && scaled != 0 ? "-" + text : text
    }

    /// A ratio as a percentage of its magnitude: `-0.6` → `60%`.
    public static func percent(_ ratio: Double) -> String {
        number((ratio * 100).magnitude) + "%"
    }

    /// `1234567` → `1,234,567`.
    public static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    /// `1 order`, `2 orders`: the plural unless the value reads as exactly 1.
    public static func counted(_ value: Double, _ singular: String, _ plural: String) -> String {
        let text = number(value)
        return "\(text) \(text == "1" ? singular : plural)"
    }

    /// `1 day`, `142 days`.
    public static func days(_ value: Double) -> String {
        counted(value, "day", "days")
    }

    /// `142 days ago`, or `on the scoring day` for 0.
    public static func ago(_ value: Double) -> String {
        value == 0 ? "on the scoring day" : "\(days(value)) ago"
    }
}
