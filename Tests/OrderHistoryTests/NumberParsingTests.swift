import Testing
@testable import OrderHistory

private func parse(_ text: String) -> Double? {
    Array(text.utf8).withUnsafeBufferPointer(NumberParsing.parseDouble)
}

@Test func decimalsParseExactly() {
    #expect(parse("2.55") == 2.55)
    #expect(parse("-12.50") == -12.5)
    #expect(parse("+3") == 3)
    #expect(parse(" 0.05 ") == 0.05)
    #expect(parse("007") == 7)
    #expect(parse("1.") == 1)
    #expect(parse("38970.00") == 38970)
}

@Test func longFormsAndExponentsFallBack() {
    #expect(parse("1e3") == 1000)
    #expect(parse("1.5E-2") == 0.015 && parse("2e+2") == 200)
    #expect(parse("12345678901234567.5") == 12345678901234567.5)
}

@Test func nonNumbersAreRejected() {
    // "1e5\0x": a NUL after the exponent (bench/fuzz found it read as 100000).
    for text in ["", "  ", "abc", "1.2.3", "12a", "-", ".", "1,000", "nan", "inf", "1e5\0x", "1e", "1e+", "1e5x", "1e-3.5"] {
        #expect(parse(text) == nil, "\(text)")
    }
}

private func parseJapanese(_ text: String) -> Double? {
    Array(text.utf8).withUnsafeBufferPointer(NumberParsing.parseJapaneseDouble)
}

@Test func thousandsSeparatorsAreRead() {
    #expect(parseJapanese("12,500") == 12500)
    #expect(parseJapanese("1,234,567.5") == 1234567.5)
    #expect(parseJapanese("-3,000") == -3000)
    #expect(parseJapanese("+1,000") == 1000)
    #expect(parseJapanese(" 999,999.25 ") == 999999.25)
    #expect(parseJapanese("1,000.") == 1000)
}

@Test func yenSignsAndYenSuffixAreRead() {
    #expect(parseJapanese("¥3,000") == 3000)                  // U+00A5
    #expect(parseJapanese("\u{FFE5}3,000") == 3000)            // ￥ full-width
    #expect(parseJapanese("\\3,000") == 3000)                  // the CP932 yen byte, shown as ¥ in Japan
    #expect(parseJapanese("¥ 3,000") == 3000)
    #expect(parseJapanese("-¥500") == -500)
    #expect(parseJapanese("¥-500") == -500)
    #expect(parseJapanese("3,000円") == 3000)
    #expect(parseJapanese("3000 円") == 3000)
    #expect(parseJapanese("-1,200.5円") == -1200.5)
}

@Test func fullWidthDigitsAndSymbolsAreRead() {
    #expect(parseJapanese("１２３") == 123)
    #expect(parseJapanese("￥１２，５００") == 12500)
    #expect(parseJapanese("１２,５００円") == 12500)
    #expect(parseJapanese("１，２３４．５") == 1234.5)
    #expect(parseJapanese("－３，０００") == -3000)          // U+FF0D
    #expect(parseJapanese("\u{2212}3,000") == -3000)          // − minus sign
    #expect(parseJapanese("￥－５００") == -500)
    #expect(parseJapanese("＋７") == 7)
}

@Test func japaneseFormsAreCorrectlyRounded() {
    // The digits after removing separators go through the exact path: the same Double as the plain text.
    #expect(parseJapanese("1,234.56") == 1234.56)
    #expect(parseJapanese("０．１") == 0.1)
    #expect(parseJapanese("12,345,678,901,234,567.5") == 12345678901234567.5)
    #expect(parseJapanese("9,007,199,254,740,993") == 9007199254740993.0)
}

@Test func badGroupingAndStrayMarksAreRejected() {
    for text in ["1,23", "12,5000", "1,2345", ",500", "1,000,", "1,,000", "0,500", "1,5", "1.000,5", "1,000.000,1",
                 "¥", "￥", "円", "円円", "3,000円円", "¥¥3,000", "¥3,000円", "-¥-500", "--500", "¥3,000-", "3,000¥",
                 "1e3円", "abc", "", " ", "１２a", "1 000", "¥,", "-", "."] {
        #expect(parseJapanese(text) == nil, "\(text)")
    }
}

@Test func numberFormatSettingDecidesWhichFormsAreRead() {
    #expect(NumberFormat.auto.parse("12.5") == 12.5)
    #expect(NumberFormat.auto.parse("1e3") == 1000)
    #expect(NumberFormat.auto.parse("¥12,500") == 12500)
    #expect(NumberFormat.japanese.parse("１２,５００円") == 12500)
    #expect(NumberFormat.japanese.parse("-2.5") == -2.5)
    #expect(NumberFormat.plain.parse("12.5") == 12.5)
    #expect(NumberFormat.plain.parse("12,500") == nil)
    #expect(NumberFormat.plain.parse("¥3,000") == nil)
    #expect(NumberFormat.plain.parse("１２") == nil)
    #expect(NumberFormat(rawValue: "japanese") == .japanese)
    #expect(ReadOptions().numberFormat == .auto)
}
