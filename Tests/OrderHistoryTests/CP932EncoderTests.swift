import Foundation
import Testing
@testable import OrderHistory

@Test func cp932EncodesKanjiToKnownBytes() {
    let result = CP932Encoder.encode("田中")
    #expect(result.bytes == [0x93, 0x63, 0x92, 0x86])
    #expect(result.unmappable.isEmpty)
}

@Test func cp932ReplacesACharacterItLacksAndListsIt() {
    let result = CP932Encoder.encode("𠮷田")
    #expect(result.bytes == [0x81, 0xAC, 0x93, 0x63])  // 〓田
    #expect(result.unmappable == ["𠮷"])
    #expect(CP932Encoder.encode("〓田").bytes == result.bytes)
}

@Test func cp932WithoutReplacementKeepsOnlyTheMappablePart() {
    let result = CP932Encoder.encode("𠮷田", replacement: nil)
    #expect(result.bytes == [0x93, 0x63])
    #expect(result.unmappable == ["𠮷"])
}

@Test func cp932PassesASCIIThrough() {
    let text = "C001,Tanaka \"Taro\"\r\n~\\0"
    #expect(CP932Encoder.encode(text).bytes == Array(text.utf8))
    #expect(CP932Encoder.encode(text).unmappable.isEmpty)
    #expect(CP932Encoder.encode("").bytes.isEmpty)
    #expect(CP932Encoder.encode("a\r\nあ").bytes == [0x61, 0x0D, 0x0A, 0x82, 0xA0])
}

@Test func cp932EmojiIsUnmappable() {
    let result = CP932Encoder.encode("佐藤🙂")
    #expect(result.bytes == [0x8D, 0xB2, 0x93, 0xA1, 0x81, 0xAC])
    #expect(result.unmappable == ["🙂"])
}

@Test func cp932ListsEveryOccurrenceInOrder() {
    let result = CP932Encoder.encode("🙂a😀🙂")
    #expect(result.bytes == [0x81, 0xAC, 0x61, 0x81, 0xAC, 0x81, 0xAC])
    #expect(result.unmappable == ["🙂", "😀", "🙂"])
}

@Test func cp932HoldsMicrosoftExtensions() {
    #expect(CP932Encoder.encode("①").bytes == [0x87, 0x40])   // NEC special character
    #expect(CP932Encoder.encode("髙").bytes == [0xFB, 0xFC])   // IBM extension
    #expect(CP932Encoder.encode("～").bytes == [0x81, 0x60])   // FULLWIDTH TILDE
    #expect(CP932Encoder.encode("ｱ").bytes == [0xB1])         // half-width katakana
    #expect(CP932Encoder.encode("〜").unmappable == ["〜"])     // WAVE DASH is Shift_JIS, not CP932
}

@Test func cp932JudgesAClusterOfScalarsAsAWhole() {
    let decomposed = CP932Encoder.encode("Jose\u{301}")  // é as e + COMBINING ACUTE ACCENT
    #expect(decomposed.bytes == [0x4A, 0x6F, 0x73, 0x81, 0xAC])
    #expect(decomposed.unmappable == ["e\u{301}"])
    let family = CP932Encoder.encode("👨‍👩‍👧")
    #expect(family.bytes == [0x81, 0xAC])
    #expect(family.unmappable.count == 1)
}

@Test func cp932ReplacementItLacksBecomesAQuestionMark() {
    let result = CP932Encoder.encode("a🙂", replacement: "🙂")
    #expect(result.bytes == [0x61, 0x3F])
    #expect(result.unmappable == ["🙂"])
}

@Test func cp932MatchesFoundationForMappableText() {
    let text = "山田 太郎、東京都千代田区①－３　ﾃｽﾄ髙橋"
    let result = CP932Encoder.encode(text)
    #expect(result.unmappable.isEmpty)
    #expect(result.bytes == Array(text.data(using: .shiftJIS, allowLossyConversion: false)!))
}

@Test func cp932IsSafeFromManyThreads() {
    let names = ["田中", "𠮷田", "佐藤🙂", "髙橋①", "abc"]
    let expected = names.map { CP932Encoder.encode($0).bytes }
    let mismatches = MismatchCounter()
    DispatchQueue.concurrentPerform(iterations: 200) { iteration in
        let index = iteration % names.count
        if CP932Encoder.encode(names[index]).bytes != expected[index] { mismatches.increment() }
    }
    #expect(mismatches.value == 0)
}

/// A lock-protected counter for the thread test.
private final class MismatchCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
