import Testing
@testable import Features

@Test func numbersReadTheSameOnEveryMachine() {
    #expect(ReasonWords.number(0) == "0")
    #expect(ReasonWords.number(12_300) == "12,300")
    #expect(ReasonWords.number(1_234_567.89) == "1,234,567.9")
    #expect(ReasonWords.number(-0.04) == "0")
    #expect(ReasonWords.number(.nan) == "" && ReasonWords.number(-.infinity) == "-∞")
    #expect(ReasonWords.percent(-0.6) == "60%")
    #expect(ReasonWords.grouped(1_234_567) == "1,234,567")
    #expect(ReasonWords.counted(1, "order", "orders") == "1 order" && ReasonWords.counted(1.04, "order", "orders") == "1 order")
    #expect(ReasonWords.counted(2, "order", "orders") == "2 orders")
    #expect(ReasonWords.ago(0) == "on the scoring day" && ReasonWords.ago(3) == "3 days ago")
}

@Test func theTypicalValueIsShownOnlyWhenItAddsSomething() {
    #expect(ReasonWords(value: 142, typical: 35).typicalNote == " (typical: 35)")
    #expect(ReasonWords(value: 142, typical: 35).typicalNoteJapanese("日") == " (通常: 35日)")
    #expect(ReasonWords(value: 35.04, typical: 35).typicalNote == "", "reads the same")
    #expect(ReasonWords(value: 142, typical: .nan).typicalNote == "", "unknown")
    #expect(ReasonWords(value: .nan, typical: 35).typicalNoteJapanese() == "", "no data")
}
