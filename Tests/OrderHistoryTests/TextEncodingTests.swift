import Foundation
import Testing
@testable import OrderHistory

private func decode(_ decoder: inout FieldDecoder, _ bytes: [UInt8]) -> String? {
    bytes.withUnsafeBufferPointer { decoder.decode($0) }
}

@Test func autoSettlesOnUTF8() {
    var decoder = FieldDecoder(encoding: .auto)
    #expect(decode(&decoder, Array("abc".utf8)) == "abc")
    #expect(decoder.encoding == .auto)
    #expect(decode(&decoder, Array("顧客".utf8)) == "顧客")
    #expect(decoder.encoding == .utf8)
}

@Test func autoSettlesOnCP932IncludingMicrosoftExtensions() {
    var decoder = FieldDecoder(encoding: .auto)
    let bytes = Array("顧客①～".data(using: .shiftJIS)!)
    #expect(decode(&decoder, bytes) == "顧客①～")
    #expect(decoder.encoding == .cp932)
}

@Test func forcedUTF8RejectsShiftJIS() {
    var decoder = FieldDecoder(encoding: .utf8)
    #expect(decode(&decoder, [0x8C, 0xDA]) == nil)
    #expect(decoder.problemDescription.contains("--encoding cp932"))
}
