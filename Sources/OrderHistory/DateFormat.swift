/// The date layouts the readers understand, each optionally followed by a time of day.
///
/// A time (`HH:mm`, `HH:mm:ss`, with optional fractional seconds and a trailing `Z`) after a space or `T`
/// is validated and then dropped: the order log keeps calendar days. A column's layout is detected from
/// its first non-empty value (the first layout, in declaration order, that reads it), or forced with
/// `--date-format`.
public enum DateFormat: String, CaseIterable, Sendable {
    /// `yyyy-MM-dd` (month and day may have one digit).
    case isoDate = "yyyy-MM-dd"
    /// `yyyy/MM/dd` (month and day may have one digit), as Excel in Japan writes dates.
    case slashDate = "yyyy/MM/dd"
    /// `yyyyMMdd`, eight digits.
    case compactDate = "yyyyMMdd"
    /// `yyyy年M月d日` (month and day may have two digits: `2024年01月08日`), as Japanese exports write
    /// dates. Digits may be full-width (`２０２４年１月８日`); a time after it may follow a space or an
    /// ideographic space (U+3000), with full-width digits and colons too.
    case japaneseDate = "yyyy年M月d日"

    /// The layouts as a list for messages: `yyyy-MM-dd, yyyy/MM/dd, yyyyMMdd or yyyy年M月d日`.
    static var layoutList: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// Other spellings `--date-format` accepts for a layout.
    private static let optionAliases: [String: DateFormat] = ["yyyy年MM月dd日": .japaneseDate]

    /// Parses a `--date-format` value: one of the layouts, optionally followed by ` HH:mm[:ss]`.
    public init?(option: String) {
        var text = Substring(option)
        for suffix in [" HH:mm:ss", "'T'HH:mm:ss", "THH:mm:ss", " HH:mm"] where text.hasSuffix(suffix) {
            text = text.dropLast(suffix.count)
            break
        }
        guard let format = DateFormat(rawValue: String(text)) ?? Self.optionAliases[String(text)] else { return nil }
        self = format
    }

    /// The first layout that reads `bytes`, if any.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> DateFormat? {
        allCases.first { $0.parse(bytes) != nil }
    }

    /// The day number of the date in the UTF-8 `bytes` (surrounding blanks allowed), or nil when it is not
    /// a valid date in this layout.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var start = 0
        var end = bytes.count
        while start < end && isBlank(bytes[start]) { start += 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        var cursor = start
        let isJapanese = self == .japaneseDate

        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0
            var count = 0
            while cursor < end && count < maximum {
                let byte = bytes[cursor]
                if byte >= 0x30 && byte <= 0x39 {
                    value = value * 10 + Int(byte - 0x30)
                    cursor += 1
                } else if isJapanese, let digit = fullWidthDigit(at: cursor) {
                    value = value * 10 + digit
                    cursor += 3
                } else {
                    break
                }
                count += 1
            }
            return count >= minimum ? value : nil
        }
        /// `０`-`９` (U+FF10-FF19, UTF-8 `EF BC 90`-`EF BC 99`) at `index`.
        func fullWidthDigit(at index: Int) -> Int? {
            guard index + 2 < end, bytes[index] == 0xEF, bytes[index + 1] == 0xBC,
                  bytes[index + 2] >= 0x90, bytes[index + 2] <= 0x99 else { return nil }
            return Int(bytes[index + 2] - 0x90)
        }
        func expect(_ character: UInt8) -> Bool {
            guard cursor < end && bytes[cursor] == character else { return false }
            cursor += 1
            return true
        }
        /// Consumes the UTF-8 `sequence` (a kanji, a full-width symbol) if it comes next.
        func expect(_ sequence: [UInt8]) -> Bool {
            guard end - cursor >= sequence.count else { return false }
            for (offset, byte) in sequence.enumerated() where bytes[cursor + offset] != byte { return false }
            cursor += sequence.count
            return true
        }
        /// The `:` of a time, or in the Japanese layout also a full-width `：`.
        func expectColon() -> Bool {
            expect(UInt8(ascii: ":")) || (isJapanese && expect(Self.fullWidthColon))
        }

        let year: Int, month: Int, day: Int
        switch self {
        case .isoDate, .slashDate:
            let separator = self == .isoDate ? UInt8(ascii: "-") : UInt8(ascii: "/")
            guard let y = digits(4, 4), expect(separator), let m = digits(1, 2), expect(separator),
                  let d = digits(1, 2) else { return nil }
            (year, month, day) = (y, m, d)
        case .compactDate:
            guard let y = digits(4, 4), let m = digits(2, 2), let d = digits(2, 2) else { return nil }
            (year, month, day) = (y, m, d)
        case .japaneseDate:
            guard let y = digits(4, 4), expect(Self.yearMark), let m = digits(1, 2), expect(Self.monthMark),
                  let d = digits(1, 2), expect(Self.dayMark) else { return nil }
            (year, month, day) = (y, m, d)
        }
        guard month >= 1 && month <= 12, day >= 1, day <= CalendarDay.daysInMonth(year: year, month: month) else {
            return nil
        }
        if cursor < end {
            if isJapanese {
                guard expect(UInt8(ascii: " ")) || expect(Self.ideographicSpace) else { return nil }
            } else {
                guard expect(UInt8(ascii: " ")) || expect(UInt8(ascii: "T")) else { return nil }
            }
            guard let hour = digits(1, 2), hour < 24, expectColon(),
                  let minute = digits(2, 2), minute < 60 else { return nil }
            if expectColon() {
                guard let second = digits(2, 2), second <= 60 else { return nil }
                if expect(UInt8(ascii: ".")) {
                    guard digits(1, 9) != nil else { return nil }
                }
            }
            _ = expect(UInt8(ascii: "Z"))
            guard cursor == end else { return nil }
        }
        return CalendarDay.dayNumber(year: year, month: month, day: day)
    }

    /// What a value of this layout looks like, for error messages.
    var example: String {
        switch self {
        case .isoDate: return "a date like 2024-03-31 (yyyy-MM-dd, optionally with HH:mm:ss)"
        case .slashDate: return "a date like 2024/03/31 (yyyy/MM/dd, optionally with HH:mm:ss)"
        case .compactDate: return "a date like 20240331 (yyyyMMdd)"
        case .japaneseDate: return "a date like 2024年3月31日 (yyyy年M月d日, optionally with HH:mm:ss)"
        }
    }

    /// `年`, `月`, `日` in UTF-8: the marks after the year, month and day of the Japanese layout.
    private static let yearMark = Array("年".utf8)
    private static let monthMark = Array("月".utf8)
    private static let dayMark = Array("日".utf8)
    /// The ideographic space U+3000, and the full-width colon U+FF1A, in UTF-8.
    private static let ideographicSpace = Array("\u{3000}".utf8)
    private static let fullWidthColon = Array("\u{FF1A}".utf8)
}

@inline(__always)
func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
}
