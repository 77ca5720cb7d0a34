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
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
