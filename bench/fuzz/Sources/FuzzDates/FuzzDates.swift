// libFuzzer target: the date parsers (DateFormat, all four layouts with times, layout detection,
// `--date-format` and `--as-of` parsing) and CalendarDay's day-number arithmetic.
//
// The input is one field's bytes, as TableCursor hands them over. Oracles (LOYALTY_FUZZ_ORACLES=0 turns
// them off):
//   - a parsed day is a real date of a 4-digit year, and CalendarDay round-trips it (civil, isoString,
//     parseISO);
//   - yyyy-MM-dd and yyyy/MM/dd are one parser with another separator: swapping `-` and `/` in the input
//     swaps which of the two layouts reads it, with the same day;
//   - the Japanese layout reads full-width digits and colons as their ASCII forms;
//   - detect picks the first layout that parses;
//   - dayNumber(civil(n)) == n for any Int32 n taken from the input.
// Bytes that are not UTF-8 are also decoded as CP932 and parsed again, as TableCursor does for CP932 files.
import FuzzSupport
@testable import OrderHistory

@_cdecl("FuzzDates_main")
public func fuzzDatesMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzDates(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    // As it is, and decoded from CP932 when it is not UTF-8 (as a CP932 file's column is read).
    checkAsReadFromEitherEncoding(input, checkField)

    // The command-line spellings.
    let text = String(decoding: input, as: UTF8.self)
    if let day = CalendarDay.parseISO(text) { checkDay(day, input) }
    if let format = DateFormat(option: text) {
        oracle(DateFormat.allCases.contains(format), "DateFormat(option:) gave an unknown layout", id: "date-option")
    }

    // Day-number arithmetic on the whole Int32 range.
    if size >= 4 {
        let number = Int32(bitPattern: UInt32(input[0]) | UInt32(input[1]) << 8 | UInt32(input[2]) << 16 | UInt32(input[3]) << 24)
        let (year, month, day) = CalendarDay.civil(number)
        oracle((1...12).contains(month) && day >= 1 && day <= CalendarDay.daysInMonth(year: year, month: month),
               "civil(\(number)) = \(year)-\(month)-\(day) is not a date", id: "civil")
        oracle(CalendarDay.dayNumber(year: year, month: month, day: day) == number,
               "dayNumber(civil(\(number))) = \(CalendarDay.dayNumber(year: year, month: month, day: day))", id: "civil")
        _ = CalendarDay.isoString(number)
    }
    return 0
}

func parse(_ format: DateFormat, _ bytes: [UInt8]) -> Int32? {
    bytes.withUnsafeBufferPointer { format.parse($0) }
}

func checkField(_ input: UnsafeBufferPointer<UInt8>) {
    var days: [DateFormat: Int32] = [:]
    for format in DateFormat.allCases {
        if let day = format.parse(input) {
            days[format] = day
            checkDay(day, input)
        }
    }
    let detected = DateFormat.detect(input)
    let firstParsing = DateFormat.allCases.first { days[$0] != nil }
    oracle(detected == firstParsing, "detect gave \(String(describing: detected)), the first layout to parse is \(String(describing: firstParsing))", id: "date-detect")
    _ = detected?.example

    let bytes = Array(input)
    // `-` and `/` swapped: the ISO and slash layouts trade places.
    let swapped = bytes.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "/") : $0 == UInt8(ascii: "/") ? UInt8(ascii: "-") : $0 }
    let isoOfSwapped = parse(.isoDate, swapped)
    let slashOfSwapped = parse(.slashDate, swapped)
    oracle(isoOfSwapped == days[.slashDate] && slashOfSwapped == days[.isoDate],
           "\"\(escaped(bytes))\": iso \(days[.isoDate] as Any) slash \(days[.slashDate] as Any); with - and / swapped: "
           + "iso \(isoOfSwapped as Any) slash \(slashOfSwapped as Any)", id: "iso-slash-swap")

    // Full-width digits (U+FF10-FF19) and colons (U+FF1A) folded to ASCII: the Japanese layout reads the same.
    let folded = foldFullWidth(bytes)
    if folded != bytes {
        let foldedDay = parse(.japaneseDate, folded)
        oracle(foldedDay == days[.japaneseDate],
               "\"\(escaped(bytes))\" reads \(days[.japaneseDate] as Any) as yyyy年M月d日, with full-width folded \(foldedDay as Any)", id: "fullwidth-fold")
    }
}

/// A parsed day must be a date of a 4-digit year that CalendarDay round-trips.
func checkDay(_ day: Int32, _ input: UnsafeBufferPointer<UInt8>) {
    let (year, month, dayOfMonth) = CalendarDay.civil(day)
    oracle((0...9999).contains(year) && (1...12).contains(month)
           && dayOfMonth >= 1 && dayOfMonth <= CalendarDay.daysInMonth(year: year, month: month),
           "\"\(escaped(input))\" parsed to day \(day) = \(year)-\(month)-\(dayOfMonth)", id: "day-valid")
    let iso = CalendarDay.isoString(day)
    oracle(CalendarDay.parseISO(iso) == day, "\"\(escaped(input))\": day \(day) prints as \(iso), which parses as \(CalendarDay.parseISO(iso) as Any)", id: "day-round-trip")
    oracle(CalendarDay.dayNumber(year: year, month: month, day: dayOfMonth) == day, "day \(day) does not round-trip", id: "day-round-trip")
}

func foldFullWidth(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
        if index + 2 < bytes.count, bytes[index] == 0xEF, bytes[index + 1] == 0xBC,
           (0x90...0x9A).contains(bytes[index + 2]) {
            out.append(bytes[index + 2] == 0x9A ? UInt8(ascii: ":") : 0x30 + bytes[index + 2] - 0x90)
            index += 3
        } else {
            out.append(bytes[index])
            index += 1
        }
    }
    return out
}
