/// Parsing of decimal numbers from field bytes without creating strings.
enum NumberParsing {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The number in `bytes` (surrounding blanks allowed): an optional sign, digits with an optional
    /// decimal point, and an optional exponent. Nil for anything else, including an empty field.
    ///
    /// Up to 15 significant digits and 22 decimals are parsed exactly (an integer mantissa divided by an
    /// exact power of ten is correctly rounded); longer forms fall back to the standard library.
    static func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var start = 0
        var end = bytes.count
        while start < end && isBlank(bytes[start]) { start += 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        var cursor = start
        var negative = false
        if bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+") {
            negative = bytes[cursor] == UInt8(ascii: "-")
            cursor += 1
        }
        var mantissa: Int64 = 0
        var digitCount = 0
        var decimals = 0
        var sawPoint = false
        var sawDigit = false
        while cursor < end {
            let byte = bytes[cursor]
            if byte >= 0x30 && byte <= 0x39 {
                sawDigit = true
                if mantissa == 0 && byte == 0x30 && !sawPoint {
                    cursor += 1
                    continue
                }
                if mantissa != 0 || byte != 0x30 { digitCount += 1 }
                mantissa = mantissa &* 10 &+ Int64(byte - 0x30)
                if sawPoint { decimals += 1 }
            } else if byte == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            cursor += 1
        }
        guard sawDigit else { return nil }
        if cursor == end && digitCount <= 15 && decimals <= 22 {
            let magnitude = Double(mantissa) / powersOfTen[decimals]
            return negative ? -magnitude : magnitude
        }
        // Exponents, long mantissas: let the standard library do it, after checking the form.
        guard cursor == end || bytes[cursor] == UInt8(ascii: "e") || bytes[cursor] == UInt8(ascii: "E") else {
            return nil
        }
        // The exponent: an optional sign and digits to the end. `Double(String)` would stop at a NUL and
        // read `1e5\0x` as 100000 (found by bench/fuzz).
        if cursor < end {
            var exponent = cursor + 1
            if exponent < end && (bytes[exponent] == UInt8(ascii: "+") || bytes[exponent] == UInt8(ascii: "-")) { exponent += 1 }
            guard exponent < end, bytes[exponent..<end].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

// MARK: - Japanese number forms

extension NumberParsing {
    /// One character of a Japanese-formatted number, ASCII or full-width.
    private enum NumberSymbol: Equatable {
        /// A digit `0`-`9` or `０`-`９` (U+FF10-FF19), with its value.
        case digit(UInt8)
        /// `,` or full-width `，` (U+FF0C): a thousands separator.
        case comma
        /// `.` or full-width `．` (U+FF0E): the decimal point.
        case point
        /// `-`, full-width `－` (U+FF0D) or the minus sign `−` (U+2212).
        case minus
        /// `+` or full-width `＋` (U+FF0B).
        case plus
        /// A yen sign before the number: `¥` (U+00A5), full-width `￥` (U+FFE5), or `\` (the byte CP932
        /// files hold where Japanese Windows shows a yen sign).
        case yenSign
        /// `円` (U+5186) after the number.
        case yenWord
        /// A space or a tab.
        case blank
        /// Anything else.
        case other
    }

    /// The symbol starting at `index` of the UTF-8 `bytes` (which must be before `end`), and its length in bytes.
    @inline(__always)
    private static func symbol(at index: Int, end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (NumberSymbol, Int) {
        let byte = bytes[index]
        switch byte {
        case 0x30...0x39: return (.digit(byte - 0x30), 1)
        case UInt8(ascii: ","): return (.comma, 1)
        case UInt8(ascii: "."): return (.point, 1)
        case UInt8(ascii: "-"): return (.minus, 1)
        case UInt8(ascii: "+"): return (.plus, 1)
        case UInt8(ascii: "\\"): return (.yenSign, 1)
        case UInt8(ascii: " "), UInt8(ascii: "\t"): return (.blank, 1)
        case 0xC2:
            if index + 1 < end && bytes[index + 1] == 0xA5 { return (.yenSign, 2) }
        case 0xEF:
            guard index + 2 < end else { break }
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            if second == 0xBC {
                switch third {
                case 0x90...0x99: return (.digit(third - 0x90), 3)
                case 0x8C: return (.comma, 3)
                case 0x8E: return (.point, 3)
                case 0x8D: return (.minus, 3)
                case 0x8B: return (.plus, 3)
                default: break
                }
            } else if second == 0xBF && third == 0xA5 {
                return (.yenSign, 3)
            }
        case 0xE2:
            if index + 2 < end && bytes[index + 1] == 0x88 && bytes[index + 2] == 0x92 { return (.minus, 3) }
        case 0xE5:
            if index + 2 < end && bytes[index + 1] == 0x86 && bytes[index + 2] == 0x86 { return (.yenWord, 3) }
        default:
            break
        }
        return (.other, 1)
    }

    /// Whether `bytes` hold a character only Japanese number forms use (a comma, a yen sign, `円`, or any
    /// non-ASCII byte), so that an error message can say which forms are read.
    static func looksLikeJapaneseNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { $0 >= 0x80 || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\\") }
    }

    /// The number in the UTF-8 `bytes` written as Japanese exports write amounts, or nil when it is not one.
    ///
    /// Accepted, surrounded by optional blanks: an optional sign, then an optional yen sign (`¥`, `￥` or
    /// `\`, optionally followed by blanks), then the sign if it did not come first; digits with optional
    /// thousands separators; an optional decimal point and decimals; and, without a yen sign, an optional
    /// `円` (optionally after blanks). Digits, separators, the point and the sign may be full-width, and
    /// `−` (U+2212) is a minus. Separators must group the integer digits correctly: a first group of 1-3
    /// digits not starting with 0, then groups of exactly 3 (`1,23`, `12,5000` and `0,500` are rejected);
    /// none may appear among the decimals. A decimal comma is not read (`1,5` is rejected). Exponents are
    /// not accepted here.
    ///
    /// The digits are copied without separators into ASCII and handed to `parseDouble`, so the result is
    /// correctly rounded exactly as for a plain number.
    static func parseJapaneseDouble(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        let bytes = trimmed(field)
        let start = 0, end = bytes.count
        guard start < end else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end - start + 1) { ascii -> Double? in
            var length = 0
            var cursor = start
            func peek() -> (NumberSymbol, Int)? {
                cursor < end ? symbol(at: cursor, end: end, in: bytes) : nil
            }
            func skipBlanks() {
                while case let (next, size)? = peek(), next == .blank { cursor += size }
            }

            // Sign and yen sign, in either order: -¥500, ¥-500, ¥500, -500.
            var sawSign = false
            var sawYenSign = false
            func takeSign() {
                guard !sawSign, case let (next, size)? = peek(), next == .minus || next == .plus else { return }
                if next == .minus {
                    ascii[length] = UInt8(ascii: "-")
                    length += 1
                }
                sawSign = true
                cursor += size
            }
            takeSign()
            if case let (next, size)? = peek(), next == .yenSign {
                sawYenSign = true
                cursor += size
                skipBlanks()
                takeSign()
            }

            // Integer digits, grouped by thousands separators.
            var integerDigits = 0
            var digitsInGroup = 0
            var separators = 0
            var firstDigit: UInt8 = 0
            integerLoop: while case let (next, size)? = peek() {
                switch next {
                case .digit(let value):
                    if integerDigits == 0 { firstDigit = value }
                    integerDigits += 1
                    digitsInGroup += 1
                    if separators > 0 && digitsInGroup > 3 { return nil }
                    ascii[length] = 0x30 + value
                    length += 1
                case .comma:
                    if separators == 0 {
                        guard (1...3).contains(digitsInGroup), firstDigit != 0 else { return nil }
                    } else {
                        guard digitsInGroup == 3 else { return nil }
                    }
                    separators += 1
                    digitsInGroup = 0
                default:
                    break integerLoop
                }
                cursor += size
            }
            if separators > 0 && digitsInGroup != 3 { return nil }

            // Decimals.
            var decimalDigits = 0
            if case let (next, size)? = peek(), next == .point {
                cursor += size
                ascii[length] = UInt8(ascii: ".")
                length += 1
                while case let (.digit(value), size)? = peek() {
                    ascii[length] = 0x30 + value
                    length += 1
                    decimalDigits += 1
                    cursor += size
                }
            }
            guard integerDigits + decimalDigits > 0 else { return nil }

            // 円 after the number, unless a yen sign came before it.
            if !sawYenSign {
                let beforeSuffix = cursor
                skipBlanks()
                if case let (next, size)? = peek(), next == .yenWord {
                    cursor += size
                } else {
                    cursor = beforeSuffix
                }
            }
            guard cursor == end else { return nil }
            return parseDouble(UnsafeBufferPointer(rebasing: ascii[0..<length]))
        }
    }
}

extension NumberFormat {
    /// The number in the UTF-8 `bytes`: the plain fast path first, then, unless this is `.plain`, the
    /// Japanese forms (`NumberParsing.parseJapaneseDouble`). Nil when neither reads it.
    @inline(__always)
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if let value = NumberParsing.parseDouble(bytes) { return value }
        return self == .plain ? nil : NumberParsing.parseJapaneseDouble(bytes)
    }

    /// The number in `text` as the readers would read it under this setting, or nil when it is not one
    /// (for values kept as text, such as customer attributes, that are later used as numbers).
    public func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// What a bad value could have looked like, appended to a reader's "expected ..." text when the value
    /// uses a character of the Japanese forms, so that the message says why it was not read.
    func hint(for bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard NumberParsing.looksLikeJapaneseNumber(bytes) else { return "" }
        switch self {
        case .plain:
            return " (--number-format plain reads plain numbers only)"
        case .auto, .japanese:
            return " (thousands separators must group 3 digits as in 12,500; ¥ may come before the number or 円 after it)"
        }
    }
}
