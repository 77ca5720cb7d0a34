import Testing
@testable import loyalty

@Test func horizonsAreDaysOrWeeks() throws {
    #expect(try parseDays("90d", flag: "--horizon") == 90 && parseDays("90", flag: "--horizon") == 90 && parseDays("13w", flag: "--horizon") == 91)
    #expect(throws: UsageError.self) { try parseDays("0d", flag: "--horizon") }
    #expect { try parseDays("soon", flag: "--retrain-after") } throws: { ($0 as! UsageError).message.hasPrefix("--retrain-after soon:") }
    #expect(throws: UsageError.self) { try parseDays("three months", flag: "--horizon") }
}
