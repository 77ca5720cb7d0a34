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

@Test func japaneseDatesWithAndWithoutTime() {
    let expected = CalendarDay.dayNumber(year: 2024, month: 1, day: 8)
    #expect(parse(.japaneseDate, "2024年1月8日") == expected)
    #expect(parse(.japaneseDate, "2024年01月08日") == expected)
    #expect(parse(.japaneseDate, " 2024年1月8日 ") == expected)
    #expect(parse(.japaneseDate, "2024年1月8日 9:05") == expected)
    #expect(parse(.japaneseDate, "2024年1月8日 09:05:30") == expected)
    #expect(parse(.japaneseDate, "2024年1月8日\u{3000}09:05") == expected)
    #expect(parse(.japaneseDate, "2024年2月29日") == CalendarDay.dayNumber(year: 2024, month: 2, day: 29))
    #expect(parse(.japaneseDate, "2024年12月31日") == CalendarDay.dayNumber(year: 2024, month: 12, day: 31))
}

@Test func japaneseDatesWithFullWidthDigits() {
    let expected = CalendarDay.dayNumber(year: 2024, month: 1, day: 8)
    #expect(parse(.japaneseDate, "２０２４年１月８日") == expected)
    #expect(parse(.japaneseDate, "２０２４年０１月０８日") == expected)
    #expect(parse(.japaneseDate, "２０２４年１月８日 ９：０５") == expected)
    #expect(parse(.japaneseDate, "2024年１月8日") == expected)
}

@Test func invalidJapaneseDatesAreRejected() {
    for text in ["2024年13月1日", "2024年2月30日", "2023年2月29日", "2024年0月1日", "2024年1月0日", "2024年1月8",
                 "2024年1月", "24年1月8日", "2024年1月8日 25:00", "2024年1月8日 9:5", "2024年1月8日T09:05",
                 "2024年1月8日9:05", "2024年123月1日", "2024-01-08", "2024年1月8日日", "年月日", ""] {
        #expect(parse(.japaneseDate, text) == nil, "\(text)")
    }
    // The other layouts keep ASCII digits only.
    #expect(parse(.isoDate, "２０２４-01-08") == nil)
}

@Test func japaneseLayoutIsDetectedAndNamed() {
    #expect(Array("2024年1月8日".utf8).withUnsafeBufferPointer(DateFormat.detect) == .japaneseDate)
    #expect(Array("２０２４年１月８日 10:00".utf8).withUnsafeBufferPointer(DateFormat.detect) == .japaneseDate)
    #expect(Array("2024-01-08".utf8).withUnsafeBufferPointer(DateFormat.detect) == .isoDate)
    #expect(DateFormat(option: "yyyy年M月d日") == .japaneseDate)
    #expect(DateFormat(option: "yyyy年M月d日 HH:mm") == .japaneseDate)
    #expect(DateFormat(option: "yyyy年MM月dd日 HH:mm:ss") == .japaneseDate)
    #expect(DateFormat.japaneseDate.rawValue == "yyyy年M月d日")
    #expect(DateFormat.japaneseDate.example == "a date like 2024年3月31日 (yyyy年M月d日, optionally with HH:mm:ss)")
    #expect(DateFormat.layoutList == "yyyy-MM-dd, yyyy/MM/dd, yyyyMMdd or yyyy年M月d日")
}
