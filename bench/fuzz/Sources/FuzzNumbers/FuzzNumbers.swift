// libFuzzer target: the number parsers. NumberParsing.parseDouble (the plain fast path every reader uses),
// parseJapaneseDouble (`¥3,000`, `3,000円`, `￥１２，５００`, `−500`), NumberFormat.parse for the three
// `--number-format` settings, the error-message hint, and NumericTableReader's missing-value markers.
//
// The input is one field's bytes. Oracles (LOYALTY_FUZZ_ORACLES=0 turns them off):
//   - parseDouble accepts only its documented form (blanks, an optional sign, digits with an optional
//     point, an optional exponent), gives a finite value, and that value is what Double(String) reads;
//   - parseJapaneseDouble's value is what Double(String) reads from the digits, point and minus it kept
//     (full-width folded, separators, yen signs, 円 and blanks dropped), so it is correctly rounded;
//   - NumberFormat.plain reads exactly what parseDouble reads, auto and japanese read the same, and a
//     value plain reads is read the same by auto.
// Bytes that are not UTF-8 are also decoded as CP932 and parsed again, as TableCursor does.
import FuzzSupport
@testable import OrderHistory

@_cdecl("FuzzNumbers_main")
public func fuzzNumbersMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzNumbers(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumbers(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    // As it is, and decoded from CP932 when it is not UTF-8 (as a CP932 file's column is read).
    checkAsReadFromEitherEncoding(input, checkField)
    // The String entry point (invalid UTF-8 becomes U+FFFD).
    let text = String(decoding: input, as: UTF8.self)
    for format in NumberFormat.allCases { _ = format.parse(text) }
    _ = NumericTableReader.isMissingMarker(trimmed(input))
    return 0
}

func checkField(_ input: UnsafeBufferPointer<UInt8>) {
    let body = trimmed(input)
    let plain = NumberParsing.parseDouble(input)
    if let plain {
        oracle(plain.isFinite, "parseDouble(\"\(escaped(input))\") = \(plain)", id: "plain-finite")
        oracle(isPlainNumberForm(body), "parseDouble accepted \"\(escaped(input))\" = \(plain), which is not a plain number",
               id: body.contains(0) ? "plain-form-nul" : "plain-form")
        let reference = Double(String(decoding: body, as: UTF8.self))
        oracle(reference == plain,
               "parseDouble(\"\(escaped(input))\") = \(plain), Double(String) = \(reference as Any)", id: "plain-exact")
    }

    let japanese = NumberParsing.parseJapaneseDouble(input)
    if let japanese {
        oracle(japanese.isFinite, "parseJapaneseDouble(\"\(escaped(input))\") = \(japanese)", id: "japanese-finite")
        let kept = keptCharacters(body)
        let reference = Double(kept)
        oracle(reference.map { $0 == japanese || ($0 == 0 && japanese == 0) } ?? false,
               "parseJapaneseDouble(\"\(escaped(input))\") = \(japanese), Double(\"\(kept)\") = \(reference as Any)", id: "japanese-exact")
    }

    let byFormat = NumberFormat.allCases.map { ($0, $0.parse(input)) }
    for (format, value) in byFormat {
        _ = format.hint(for: body)
        switch format {
        case .plain:
            oracle(same(value, plain), "NumberFormat.plain read \(value as Any), parseDouble \(plain as Any)", id: "number-format")
        case .auto, .japanese:
            oracle(same(value, plain ?? japanese),
                   "NumberFormat.\(format) read \(value as Any) from \"\(escaped(input))\"; plain \(plain as Any), japanese \(japanese as Any)", id: "number-format")
        }
    }
    _ = NumberParsing.looksLikeJapaneseNumber(body)
}

func same(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (a?, b?): return a.bitPattern == b.bitPattern
    default: return false
    }
}

/// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, the form parseDouble documents.
func isPlainNumberForm(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let end = bytes.count
    func isDigit(_ i: Int) -> Bool { i < end && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
    if index < end && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
    var mantissaDigits = 0
    while isDigit(index) { index += 1; mantissaDigits += 1 }
    if index < end && bytes[index] == UInt8(ascii: ".") {
        index += 1
        while isDigit(index) { index += 1; mantissaDigits += 1 }
    }
    guard mantissaDigits > 0 else { return false }
    if index < end && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
        index += 1
        if index < end && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
        var exponentDigits = 0
        while isDigit(index) { index += 1; exponentDigits += 1 }
        guard exponentDigits > 0 else { return false }
    }
    return index == end
}

/// The characters of a Japanese-form number that carry its value, in ASCII: digits (full-width folded), the
/// point and a minus. Separators, yen signs, 円, plus signs and blanks are dropped.
func keptCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var out = ""
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte >= 0x30 && byte <= 0x39 {
            out.append(Character(Unicode.Scalar(byte)))
        } else if byte == UInt8(ascii: ".") {
            out.append(".")
        } else if byte == UInt8(ascii: "-") {
            out.append("-")
        } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBC {
            let third = bytes[index + 2]
            switch third {
            case 0x90...0x99: out.append(Character(Unicode.Scalar(0x30 + third - 0x90)))
            case 0x8E: out.append(".")
            case 0x8D: out.append("-")
            default: break
            }
            index += 2
        } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x88, bytes[index + 2] == 0x92 {
            out.append("-")
            index += 2
        }
        index += 1
    }
    return out
}
