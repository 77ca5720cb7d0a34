import Testing
@testable import OrderHistory

@Test func epochAndKnownDays() {
    #expect(CalendarDay.dayNumber(year: 1970, month: 1, day: 1) == 0)
    #expect(CalendarDay.dayNumber(year: 2000, month: 3, day: 1) == 11017)
    #expect(CalendarDay.dayNumber(year: 1969, month: 12, day: 31) == -1)
}

@Test func civilRoundTripsOverCenturies() {
    for day in stride(from: Int32(-800_000), to: 800_000, by: 97) {
        let (year, month, dayOfMonth) = CalendarDay.civil(day)
        #expect(CalendarDay.dayNumber(year: year, month: month, day: dayOfMonth) == day)
    }
}

@Test func isoStringAndParse() {
    #expect(CalendarDay.isoString(CalendarDay.dayNumber(year: 2011, month: 9, day: 1)) == "2011-09-01")
    #expect(CalendarDay.parseISO("2011-09-01") == CalendarDay.dayNumber(year: 2011, month: 9, day: 1))
    #expect(CalendarDay.daysInMonth(year: 1900, month: 2) == 28)
    #expect(CalendarDay.daysInMonth(year: 2000, month: 2) == 29)
}
