import Features
import Foundation
import Testing
@testable import Outreach

/// A small list: an id with leading zeros, a Japanese name, a probability with more than 6 decimals.
private func sampleList(language: ReasonLanguage = .en) -> BuiltCallList {
    let scores = [
        TestScores.score("0003653", churn: 0.4586621234, value: 3192.544, rank: "S",
                         churnReasons: [TestScores.factor("days_since_last_purchase", 142, typical: 35)]),
        TestScores.score("0000017", loyalCandidate: 0.82, value: 50, rank: "A",
                         loyalCandidateReasons: [TestScores.factor("orders_365d", 12, typical: 9)]),
    ]
    return CallList.build(scores: scores, contacts: nil,
                          settings: TestScores.noFloors(capacity: 2, retentionShare: 0.5, language: language))
}

private func text(_ cell: ExcelWorkbook.Cell) -> String? {
    if case .text(let value) = cell { return value }
    return nil
}

private func number(_ cell: ExcelWorkbook.Cell) -> Double? {
    if case .number(let value, _) = cell { return value }
    return nil
}

@Test func theXLSXFormatIsChosenByItsExtensionAndName() {
    #expect(CallListFormats.forPath("calls.xlsx")?.name == "xlsx")
    #expect(CallListFormats.forPath("CALLS.XLSX")?.name == "xlsx")
    #expect(CallListFormats.named("xlsx") is ExcelCallListFormat)
    #expect(CallListFormats.forPath("calls.csv")?.name == "csv", "CSV stays the default")
}

@Test func rowsHoldIdsAsTextAndNumbersRoundedAsTheCSVPrintsThem() throws {
    let list = sampleList()
    let retention = list.entries.first { $0.list == .retention }!
    let row = ExcelWorkbook.entryRow(retention, language: .en)
    #expect(row.count == CallListWriter.columnNames.count)
    let column = { (name: String) in row[CallListWriter.columnNames.firstIndex(of: name)!] }
    #expect(text(column("customer_id")) == "0003653", "leading zeros kept: stored as text")
    #expect(text(column("phone")) == "")
    #expect(number(column("rank")) == 1)
    #expect(number(column("churn_probability")) == 0.458662, "6 decimals, as in the CSV")
    #expect(number(column("value")) == 3192.54, "2 decimals, as in the CSV")
    #expect(number(column("loyal_candidate_probability")) == nil, "NaN is an empty cell")
    #expect(text(column("reason_code_1")) == "days_since_last_purchase")
    #expect(text(column("contact_date")) == "2024-12-31")
    // Each cell equals the CSV's field: the CSV and the workbook are the same list.
    let (csv, _) = try CallListWriter.csvData([retention], options: CallListCSVOptions())
    let fields = String(decoding: csv, as: UTF8.self).split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
    for (index, cell) in row.enumerated() where !String(fields[index]).contains("\"") {
        switch cell {
        case .text(let value): #expect(value == String(fields[index]), "\(CallListWriter.columnNames[index])")
        case .number(let value, _): #expect(value == Double(String(fields[index])), "\(CallListWriter.columnNames[index])")
        case .empty: #expect(fields[index].isEmpty, "\(CallListWriter.columnNames[index])")
        }
    }
}

@Test func theSummarySheetHoldsEachListsNumbersRuleAndExclusions() {
    let list = sampleList()
    let rows = ExcelWorkbook.summaryRows(list, language: .en)
    #expect(rows[0].compactMap(text) == ["measure", "retention", "upgrade"])
    let byLabel = Dictionary(rows.map { (text($0[0]) ?? "", Array($0.dropFirst())) }, uniquingKeysWith: { first, _ in first })
    #expect(byLabel["rows"]?.compactMap(number) == [1, 1])
    #expect(byLabel["capacity"]?.compactMap(number) == [2])
    #expect(byLabel["value covered"]?.compactMap(number) == [Double(CallListWriter.fixedPoint(list.summary.retention.valueCovered, decimals: 2))!,
                                                            Double(CallListWriter.fixedPoint(list.summary.upgrade.valueCovered, decimals: 2))!])
    #expect(byLabel["rule"]?.compactMap(text).first?.hasPrefix("churn probability at least 0.0000 (set by flag)") == true)
    #expect(byLabel["excluded: below the floor"]?.compactMap(number) == [0, 0])
    #expect(byLabel["excluded: do-not-call"] == nil, "no customer file: the contact exclusions did not apply")
    let japanese = ExcelWorkbook.summaryRows(sampleList(language: .ja), language: .ja)
    #expect(japanese[0].compactMap(text) == ["項目", "離反防止", "ロイヤル化"])
}

@Test func theWorkbookIsTheSameBytesForTheSameListAndDatedByTheList() throws {
    let format = ExcelCallListFormat()
    let first = try format.encode(sampleList(), options: CallListCSVOptions(), warnings: [], fileName: "a.xlsx").data
    let second = try format.encode(sampleList(), options: CallListCSVOptions(), warnings: [], fileName: "a.xlsx").data
    #expect(first == second)
    #expect(first.prefix(2) == Data("PK".utf8), "a zip container")
    let japanese = try format.encode(sampleList(language: .ja), options: CallListCSVOptions(language: .ja, headers: .ja),
                                     warnings: [], fileName: "a.xlsx").data
    #expect(japanese != first)
    // An empty list is still a workbook (a summary and two empty sheets with their headers).
    var empty = sampleList()
    empty.entries = []
    let emptyBook = try format.encode(empty, options: CallListCSVOptions(), warnings: [], fileName: "a.xlsx").data
    #expect(emptyBook.prefix(2) == Data("PK".utf8))
}

@Test func widthsCountWideCharactersTwice() {
    #expect(ExcelWorkbook.displayWidth("0003653") == 7)
    #expect(ExcelWorkbook.displayWidth("離反防止") == 8)
    #expect(ExcelWorkbook.displayWidth("ＡＢ") == 4)
}
