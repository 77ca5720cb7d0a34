import Testing
@testable import OrderHistory

@Test func dayRangeGrowsBothWays() {
    var summary = InputFileSummary(file: "x")
    summary.noteDay(10)
    summary.noteDay(5)
    summary.noteDay(12)
    #expect(summary.firstDay == 5 && summary.lastDay == 12)
}
