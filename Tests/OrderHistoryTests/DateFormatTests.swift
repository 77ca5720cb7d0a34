import Testing
@testable import OrderHistory

private func parse(_ format: DateFormat, _ text: String) -> Int32? {
    Array(text.utf8).withUnsafeBufferPointer { format.parse($0) }
}

@Test func isoDatesWithAndWithoutTime() {
    let expected = CalendarDay.dayNumber(year: 2011, month: 12, day: 9)
    #expect(parse(.isoDate, "2011-12-09") == expected)
    #expect(parse(.isoDate, "2011-12-09 08:26") == expected)
    #expect(parse(.isoDate, "2011-12-09 08:26:59") == expected)
    #expect(parse(.isoDate, "2011-12-09T08:26:59.123Z") == expected)
    #expect(parse(.isoDate, " 2011-1-9 ") == CalendarDay.dayNumber(year: 2011, month: 1, day: 9))
}

@Test func slashAndCompactDates() {
    let expected = CalendarDay.dayNumber(year: 2024, month: 2, day: 29)
    #expect(parse(.slashDate, "2024/02/29") == expected)
    #expect(parse(.slashDate, "2024/2/29 23:59:59") == expected)
    #expect(parse(.compactDate, "20240229") == expected)
}

@Test func invalidDatesAreRejected() {
    #expect(parse(.isoDate, "2023-02-29") == nil)
    #expect(parse(.isoDate, "2023-13-01") == nil)
    #expect(parse(.isoDate, "2023-12-01 25:00") == nil)
    #expect(parse(.isoDate, "2023/12/01") == nil)
    #expect(parse(.compactDate, "2023121") == nil)
    #expect(parse(.isoDate, "yesterday") == nil)
    #expect(parse(.isoDate, "") == nil)
}

@Test func detectionPicksTheMatchingLayout() {
    #expect(Array("2024/03/31".utf8).withUnsafeBufferPointer(DateFormat.detect) == .slashDate)
    #expect(Array("20240331".utf8).withUnsafeBufferPointer(DateFormat.detect) == .compactDate)
    #expect(Array("2024-03-31 10:00".utf8).withUnsafeBufferPointer(DateFormat.detect) == .isoDate)
}

@Test func formatOptionAcceptsTimeSuffix() {
    #expect(DateFormat(option: "yyyy-MM-dd HH:mm:ss") == .isoDate)
    #expect(DateFormat(option: "yyyyMMdd") == .compactDate)
    #expect(DateFormat(option: "dd/MM/yyyy") == nil)
}
