import Testing
@testable import loyalty

@Test func horizonsAreDaysOrWeeks() throws {
    #expect(try parseHorizonDays("90d") == 90 && parseHorizonDays("90") == 90 && parseHorizonDays("13w") == 91)
    #expect(throws: UsageError.self) { try parseHorizonDays("0d") }
    #expect(throws: UsageError.self) { try parseHorizonDays("three months") }
}
