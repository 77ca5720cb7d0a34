/// The date layouts the readers understand, each optionally followed by a time of day.
///
/// A time (`HH:mm`, `HH:mm:ss`, with optional fractional seconds and a trailing `Z`) after a space or `T`
/// is validated and then dropped: the order log keeps calendar days. A column's layout is detected from
/// its first non-empty value, or forced with `--date-format`.
public enum DateFormat: String, CaseIterable, Sendable {
    /// `yyyy-MM-dd` (month and day may have one digit).
    case isoDate = "yyyy-MM-dd"
    /// `yyyy/MM/dd` (month and day may have one digit), as Excel in Japan writes dates.
    case slashDate = "yyyy/MM/dd"
    /// `yyyyMMdd`, eight digits.
    case compactDate = "yyyyMMdd"

    /// Parses a `--date-format` value: one of the layouts, optionally followed by ` HH:mm[:ss]`.
    public init?(option: String) {
        var text = Substring(option)
        for suffix in [" HH:mm:ss", "'T'HH:mm:ss", "THH:mm:ss", " HH:mm"] where text.hasSuffix(suffix) {
            text = text.dropLast(suffix.count)
            break
        }
        guard let format = DateFormat(rawValue: String(text)) else { return nil }
        self = format
    }

    /// The first layout that reads `bytes`, if any.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> DateFormat? {
        allCases.first { $0.parse(bytes) != nil }
    }

    /// The day number of the date in `bytes` (surrounding blanks allowed), or nil when it is not a valid
    /// date in this layout.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var start = 0
        var end = bytes.count
        while start < end && isBlank(bytes[start]) { start += 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        var cursor = start

        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0
            var count = 0
            while cursor < end && count < maximum, bytes[cursor] >= 0x30 && bytes[cursor] <= 0x39 {
                value = value * 10 + Int(bytes[cursor] - 0x30)
                cursor += 1
                count += 1
            }
            return count >= minimum ? value : nil
        }
        func expect(_ character: UInt8) -> Bool {
            guard cursor < end && bytes[cursor] == character else { return false }
            cursor += 1
            return true
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
        }
        guard month >= 1 && month <= 12, day >= 1, day <= CalendarDay.daysInMonth(year: year, month: month) else {
            return nil
        }
        if cursor < end {
            guard bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "T") else { return nil }
            cursor += 1
            guard let hour = digits(1, 2), hour < 24, expect(UInt8(ascii: ":")),
                  let minute = digits(2, 2), minute < 60 else { return nil }
            if expect(UInt8(ascii: ":")) {
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
        }
    }
}

@inline(__always)
func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
}
