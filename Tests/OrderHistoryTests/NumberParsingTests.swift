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
    #expect(parse("1.5E-2") == 0.015)
    #expect(parse("12345678901234567.5") == 12345678901234567.5)
}

@Test func nonNumbersAreRejected() {
    for text in ["", "  ", "abc", "1.2.3", "12a", "-", ".", "1,000", "nan", "inf"] {
        #expect(parse(text) == nil, "\(text)")
    }
}
