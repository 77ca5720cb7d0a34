import Testing
@testable import OrderHistory

@Test func detectsMostFrequentDelimiterOutsideQuotes() {
    #expect(Delimiter.detect(headerLine: Array("a,b,c".utf8)) == .comma)
    #expect(Delimiter.detect(headerLine: Array("a\tb\tc".utf8)) == .tab)
    #expect(Delimiter.detect(headerLine: Array("a;b;\"c,d\"".utf8)) == .semicolon)
    #expect(Delimiter.detect(headerLine: Array("  a  b c".utf8)) == .whitespace)
    #expect(Delimiter.detect(headerLine: Array("single".utf8)) == .comma)
}

@Test func delimiterBytes() {
    #expect(Delimiter.comma.byte == UInt8(ascii: ","))
    #expect(Delimiter.whitespace.byte == nil)
}
