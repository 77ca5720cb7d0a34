import CXlsxWriter
import Features
import Foundation
import OrderHistory

/// The call list as an Excel workbook (Office Open XML, `.xlsx`), written by libxlsxwriter.
///
/// A summary sheet first (rows, quota, candidates, value covered, the rule and the exclusions of each
/// list), then one sheet per list (retention, upgrade; their names in the list language) with the CSV's
/// columns and header (`--headers ja` for Japanese names). The header row is frozen and filters; column
/// widths follow the longest cell. Ids, phones, names and every other text are stored as text, so
/// `0003653` keeps its leading zeros; ranks, probabilities, values and P(alive) are numbers, rounded as
/// in the CSV (6 decimals for probabilities, 2 for money) so the two files hold the same values, and
/// shown with that many decimals. A `NaN` is an empty cell.
///
/// The same list gives the same bytes: the workbook's creation date is the list's contact date (the
/// scores' as-of day, midnight UTC; 1980-01-01 for an empty list) and libxlsxwriter dates every zip
/// entry 1980-01-01.
public struct ExcelCallListFormat: CallListFormat {
    /// An Excel writer.
    public init() {}
    /// `xlsx`.
    public var name: String { "xlsx" }
    /// `xlsx`.
    public var extensions: [String] { ["xlsx"] }

    /// The workbook's bytes (the CSV encoding does not apply: a workbook is Unicode).
    public func encode(_ list: BuiltCallList, options: CallListCSVOptions, warnings: [String],
                       fileName: String) throws -> (data: Data, replaced: [ReplacedCharacter]) {
        (try ExcelWorkbook.data(list, options: options, fileName: fileName), [])
    }
}

/// Builds the workbook in a temporary file (libxlsxwriter writes to a path) and returns its bytes.
enum ExcelWorkbook {
    /// A cell: text, a number (`NaN`: empty), or nothing.
    enum Cell {
        case text(String)
        case number(Double, format: NumberFormat)
        case empty
    }

    /// How a number is shown.
    enum NumberFormat: CaseIterable {
        case integer, money, probability

        /// Excel's format code.
        var code: String {
            switch self {
            case .integer: return "0"
            case .money: return "#,##0.00"
            case .probability: return "0.000000"
            }
        }
    }

    /// The creation date of an empty list's workbook: 1980-01-01, the zip format's first day.
    static let emptyListDate: time_t = 315_532_800

    static func data(_ list: BuiltCallList, options: CallListCSVOptions, fileName: String) throws -> Data {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("loyalty-\(getpid())-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        guard let workbook = workbook_new(temporary) else {
            throw OutreachError.cannotWriteWorkbook(file: fileName, problem: "libxlsxwriter could not start a workbook in \(temporary)")
        }
        var closed = false
        defer { if !closed { _ = workbook_close(workbook) } }
        let entries = CallListWriter.inListOrder(list.entries)
        var properties = lxw_doc_properties()
        let day = entries.first.flatMap { CalendarDay.parseISO($0.contactDate) }
        properties.created = day.map { time_t($0) * 86_400 } ?? emptyListDate
        workbook_set_properties(workbook, &properties)

        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        var numberFormats: [NumberFormat: UnsafeMutablePointer<lxw_format>] = [:]
        for kind in NumberFormat.allCases {
            let format = workbook_add_format(workbook)
            format_set_num_format(format, kind.code)
            numberFormats[kind] = format
        }
        let ja = options.language == .ja
        try addSheet(workbook, name: ja ? "概要" : "summary", rows: summaryRows(list, language: options.language),
                     bold: bold, numberFormats: numberFormats, fileName: fileName)
        let header = options.headers == .ja ? CallListWriter.japaneseColumnNames : CallListWriter.columnNames
        for name in CallListName.allCases {
            let rows = entries.filter { $0.list == name }.map { entryRow($0, language: options.language) }
            try addSheet(workbook, name: Wording.listName(name, language: options.language),
                         rows: [header.map(Cell.text)] + rows, bold: bold, numberFormats: numberFormats, fileName: fileName)
        }
        closed = true
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw OutreachError.cannotWriteWorkbook(file: fileName, problem: String(cString: lxw_strerror(status)))
        }
        return try Data(contentsOf: URL(fileURLWithPath: temporary))
    }

    /// Adds a sheet holding `rows` (the first is the header: bold, frozen, with filters).
    private static func addSheet(_ workbook: UnsafeMutablePointer<lxw_workbook>, name: String, rows: [[Cell]],
                                 bold: UnsafeMutablePointer<lxw_format>?,
                                 numberFormats: [NumberFormat: UnsafeMutablePointer<lxw_format>], fileName: String) throws {
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw OutreachError.cannotWriteWorkbook(file: fileName, problem: "libxlsxwriter refused the sheet name \"\(name)\"")
        }
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Double](repeating: 6, count: columns)
        for (rowIndex, row) in rows.enumerated() {
            for (column, cell) in row.enumerated() {
                let at = (lxw_row_t(rowIndex), lxw_col_t(column))
                switch cell {
                case .text(let text):
                    guard !text.isEmpty else { continue }
                    try check(worksheet_write_string(sheet, at.0, at.1, text, rowIndex == 0 ? bold : nil), fileName)
                    widths[column] = max(widths[column], displayWidth(text) + 2)
                case .number(let value, let kind):
                    guard value.isFinite else { continue }
                    try check(worksheet_write_number(sheet, at.0, at.1, value, numberFormats[kind]), fileName)
                    widths[column] = max(widths[column], Double(CallListWriter.fixedPoint(value, decimals: kind.decimals).count) + 2)
                case .empty:
                    continue
                }
            }
        }
        for (column, width) in widths.enumerated() {
            try check(worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), min(width, 60), nil), fileName)
        }
        worksheet_freeze_panes(sheet, 1, 0)
        if columns > 0 {
            try check(worksheet_autofilter(sheet, 0, 0, lxw_row_t(max(rows.count - 1, 0)), lxw_col_t(columns - 1)), fileName)
        }
    }

    private static func check(_ status: lxw_error, _ fileName: String) throws {
        guard status == LXW_NO_ERROR else {
            throw OutreachError.cannotWriteWorkbook(file: fileName, problem: String(cString: lxw_strerror(status)))
        }
    }

    /// The width of `text` in Excel's character units, roughly: 2 for a wide (CJK, full-width) character.
    static func displayWidth(_ text: String) -> Double {
        Double(text.unicodeScalars.reduce(0) { width, scalar in
            let wide = (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) || (0xFFE0...0xFFE6).contains(scalar.value)
            return width + (wide ? 2 : 1)
        })
    }

    /// One call-list row, column for column as `CallListWriter.csvData` writes it.
    static func entryRow(_ entry: CallListEntry, language: ReasonLanguage) -> [Cell] {
        func padded(_ values: [String]) -> [Cell] { (0..<3).map { .text($0 < values.count ? values[$0] : "") } }
        var row: [Cell] = [.text(Wording.listName(entry.list, language: language)), .number(Double(entry.rank), format: .integer),
                           .text(entry.customerID), .text(entry.name), .text(entry.phone),
                           rounded(entry.churnProbability, .probability), rounded(entry.loyalCandidateProbability, .probability),
                           .text(entry.risk), rounded(entry.value, .money), rounded(entry.valueAtStake, .money),
                           .text(entry.rfmRank), .text(entry.segment), .number(entry.isLoyal ? 1 : 0, format: .integer)]
        row += padded(entry.reasons) + padded(entry.reasonCodes)
        row += [.text(entry.action), .text(entry.actionCode), .text(entry.group.rawValue), .text(entry.contactDate), .empty,
                rounded(entry.probabilityAlive, .probability)]
        return row
    }

    /// `value` rounded as the CSV prints it, so the workbook and the CSV hold the same number.
    private static func rounded(_ value: Double, _ kind: NumberFormat) -> Cell {
        guard value.isFinite, let printed = Double(CallListWriter.fixedPoint(value, decimals: kind.decimals)) else {
            return .empty
        }
        return .number(printed, format: kind)
    }

    /// The summary sheet: one row per measure, a column per list.
    static func summaryRows(_ list: BuiltCallList, language: ReasonLanguage) -> [[Cell]] {
        let ja = language == .ja
        let summary = list.summary
        let states = [summary.retention, summary.upgrade]
        func counts(_ label: String, _ value: (CallListSummary.ListSummary) -> Int) -> [Cell] {
            [.text(label)] + states.map { .number(Double(value($0)), format: .integer) }
        }
        var rows: [[Cell]] = [[.text(ja ? "項目" : "measure")] + states.map { .text(Wording.listName($0.list, language: language)) }]
        let date = list.entries.first?.contactDate ?? ""
        rows.append([.text(ja ? "接触日" : "contact date"), .text(date), .text(date)])
        rows.append([.text(ja ? "架電可能数" : "capacity"), .number(Double(summary.capacity), format: .integer), .empty])
        rows.append(counts(ja ? "件数" : "rows", \.rows))
        rows.append(counts(ja ? "割当" : "quota", \.quota))
        rows.append(counts(ja ? "候補" : "candidates", \.candidates))
        rows.append([.text(ja ? "対象価値" : "value covered")] + states.map { rounded($0.valueCovered, .money) })
        rows.append([.text(ja ? "基準" : "rule")] + list.rules.map { .text(CallListWriter.ruleText($0, language: language)) })
        if summary.controlShare > 0 { rows.append(counts(ja ? "対照群" : "control rows", \.controlRows)) }
        if !summary.contactExclusionsApplied {
            rows.append([.text(ja ? "顧客ファイルなし: 連絡先による除外は未適用" : "no customer file: contact exclusions not applied"),
                         .empty, .empty])
        }
        for reason in CallListExclusion.allCases {
            let shown = states.map { CallListWriter.shownExclusions($0, summary).first { $0.reason == reason } }
            guard shown.contains(where: { $0 != nil }) else { continue }
            rows.append([.text((ja ? "除外: " : "excluded: ") + CallListWriter.label(reason, summary, language: language))]
                + shown.map { $0.map { .number(Double($0.count), format: .integer) } ?? .empty })
        }
        return rows
    }
}

extension ExcelWorkbook.NumberFormat {
    /// The decimals the CSV prints such a number with.
    var decimals: Int {
        switch self {
        case .integer: return 0
        case .money: return 2
        case .probability: return 6
        }
    }
}
