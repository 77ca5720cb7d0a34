import ArgumentParser
import Foundation
import OrderHistory
import ScoringCore

/// `loyalty inspect`: validates an input file and prints what it holds.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate input files and summarise each.",
        discussion: """
            Reads each file given (orders, customers, events, surveys, in that order) with the same readers \
            the pipeline uses, so an error here is an error there. With --json: one object for one file, an \
            array of them for several (so `inspect --config loyalty.toml` checks every file of [data]).

            Examples:
              loyalty inspect --orders notebooks-data/orders.csv
              loyalty inspect --orders export.txt --delimiter whitespace --date-format yyyyMMdd \\
                  --customer-column KOKYAKU --date-column HIDUKE --amount-column KINGAKU
              loyalty inspect --orders online-retail.csv.gz --on-bad-rows skip --json
            """
    )

    @Option(help: "An orders file (CSV, optionally gzip-compressed).")
    var orders: String?

    @Option(help: "A customer file.")
    var customers: String?

    @Option(help: "An events file.")
    var events: String?

    @Option(help: "A surveys file.")
    var surveys: String?

    @OptionGroup var input: InputOptions

    @Flag(help: "Print JSON on stdout instead of a table: one object per file (an array for several).")
    var json = false

    @OptionGroup var settingsFile: ConfigOption

    func validate() throws {
        guard [orders, customers, events, surveys].contains(where: { $0 != nil }) else {
            throw ValidationError("give a file to inspect: --orders, --customers, --events or --surveys")
        }
    }

    func run() throws {
        let options = try input.readOptions()
        var registry = CustomerRegistry()
        // Each file's report as JSON and as a table, in the order orders, customers, events, surveys.
        var reports: [(json: String, table: String)] = []
        if let orders {
            let (_, summary) = try OrderReader.read(path: orders, options: options, registry: &registry)
            let report = OrderInspectReport(summary: summary, quarantine: try quarantine(summary.badRows, orders))
            reports.append((try jsonText(report), report.table()))
        }
        for (kind, path) in [("customers", customers), ("events", events), ("surveys", surveys)] {
            guard let path else { continue }
            let summary: InputFileSummary
            switch kind {
            case "customers": summary = try CustomerReader.read(path: path, options: options, registry: &registry).summary
            case "events": summary = try EventReader.read(path: path, options: options, registry: &registry).summary
            default: summary = try SurveyReader.read(path: path, options: options, registry: &registry).summary
            }
            let report = InputInspectReport(kind: kind, summary: summary, quarantine: try quarantine(summary.badRows, summary.file))
            reports.append((try jsonText(report), report.table()))
        }
        if json {
            print(reports.count == 1 ? reports[0].json : "[" + reports.map(\.json).joined(separator: ",") + "]")
        } else {
            print(reports.map(\.table).joined(separator: "\n\n"))
        }
    }

    /// Writes bad rows to the quarantine file, if any; returns its path.
    private func quarantine(_ rows: [BadRow], _ inputPath: String) throws -> String? {
        guard !rows.isEmpty else { return nil }
        let path = input.quarantinePath(for: inputPath)
        try QuarantineFile.write(rows, to: path)
        return path
    }
}

/// The numbers `loyalty inspect --orders` prints, in a form that encodes to the `--json` object.
struct OrderInspectReport: Codable {
    var file: String
    var kind = "orders"
    var rows: Int
    var blankLines: Int
    var orders: Int
    var customerOrders: Int
    var customers: Int
    var guestRows: Int
    var guestOrders: Int
    var returnRows: Int
    var returnOrders: Int
    var badRows: Int
    var quarantine: String?
    var firstDate: String?
    var lastDate: String?
    var totalAmount: Double
    var guestAmount: Double
    var delimiter: String
    var encoding: String
    var byteOrderMark: Bool
    var amountSource: String

    init(summary: OrderFileSummary, quarantine: String?) {
        file = summary.file
        rows = summary.rows
        blankLines = summary.blankLines
        orders = summary.orders
        customerOrders = summary.customerOrders
        customers = summary.customers
        guestRows = summary.guestRows
        guestOrders = summary.guestOrders
        returnRows = summary.returnRows
        returnOrders = summary.returnOrders
        badRows = summary.badRows.count
        self.quarantine = quarantine
        firstDate = summary.firstDay.map(CalendarDay.isoString)
        lastDate = summary.lastDay.map(CalendarDay.isoString)
        totalAmount = summary.totalAmount
        guestAmount = summary.guestAmount
        delimiter = summary.delimiter.rawValue
        encoding = summary.encoding == .auto ? "ascii" : summary.encoding.rawValue
        byteOrderMark = summary.hadByteOrderMark
        amountSource = summary.amountSource
    }

    func table() -> String {
        var table = SummaryTable(file: file, kind: kind, delimiter: delimiter, encoding: encoding, byteOrderMark: byteOrderMark)
        func add(_ label: String, _ value: String, _ note: String = "") { table.add(label, value, note) }
        add("rows", grouped(rows), blankLines > 0 ? "\(grouped(blankLines)) blank lines skipped" : "")
        add("orders", grouped(orders), "\(grouped(customerOrders)) of known customers, \(grouped(guestOrders)) guest")
        add("customers", grouped(customers))
        add("guest rows", grouped(guestRows), "no customer id: counted, set aside")
        add("returns", "\(grouped(returnRows)) rows, \(grouped(returnOrders)) orders")
        add("bad rows", grouped(badRows), quarantine.map { "written to \($0)" } ?? "")
        add("date range", "\(firstDate ?? "-") .. \(lastDate ?? "-")")
        add("total amount", money(totalAmount), "customers; guests \(money(guestAmount)); amount = \(amountSource)")
        return table.text
    }
}

/// The numbers `loyalty inspect` prints for a customers, events or surveys file.
struct InputInspectReport: Codable {
    var file: String
    var kind: String
    var rows: Int
    var blankLines: Int
    var keptRows: Int
    var anonymousRows: Int
    var customers: Int
    var badRows: Int
    var quarantine: String?
    var firstDate: String?
    var lastDate: String?
    var delimiter: String
    var encoding: String
    var byteOrderMark: Bool

    init(kind: String, summary: InputFileSummary, quarantine: String?) {
        file = summary.file
        self.kind = kind
        rows = summary.rows
        blankLines = summary.blankLines
        keptRows = summary.keptRows
        anonymousRows = summary.anonymousRows
        customers = summary.customers
        badRows = summary.badRows.count
        self.quarantine = quarantine
        firstDate = summary.firstDay.map(CalendarDay.isoString)
        lastDate = summary.lastDay.map(CalendarDay.isoString)
        delimiter = summary.delimiter.rawValue
        encoding = summary.encoding == .auto ? "ascii" : summary.encoding.rawValue
        byteOrderMark = summary.hadByteOrderMark
    }

    func table() -> String {
        var table = SummaryTable(file: file, kind: kind, delimiter: delimiter, encoding: encoding, byteOrderMark: byteOrderMark)
        func add(_ label: String, _ value: String, _ note: String = "") { table.add(label, value, note) }
        add("rows", grouped(rows), blankLines > 0 ? "\(grouped(blankLines)) blank lines skipped" : "")
        add("kept", grouped(keptRows))
        add("customers", grouped(customers))
        if anonymousRows > 0 { add("anonymous", grouped(anonymousRows), "no customer id: counted, set aside") }
        add("bad rows", grouped(badRows), quarantine.map { "written to \($0)" } ?? "")
        if firstDate != nil { add("date range", "\(firstDate ?? "-") .. \(lastDate ?? "-")") }
        return table.text
    }
}

/// A file's summary as aligned lines: a title, then `label  value   (note)` rows.
struct SummaryTable {
    private var lines: [String]

    init(file: String, kind: String, delimiter: String, encoding: String, byteOrderMark: Bool) {
        lines = ["\(file): \(kind), \(delimiter)-delimited, \(encoding)\(byteOrderMark ? " with BOM" : "")"]
    }

    mutating func add(_ label: String, _ value: String, _ note: String = "") {
        let padded = label.padding(toLength: 14, withPad: " ", startingAt: 0)
        lines.append("  \(padded)\(value)\(note.isEmpty ? "" : "   (\(note))")")
    }

    var text: String { lines.joined(separator: "\n") }
}

/// One JSON object on one line with sorted keys (NaN as "nan"), for `--json`.
func jsonText(_ value: some Encodable) throws -> String {
    String(decoding: try ModelFile.jsonEncoder(indented: false).encode(value), as: UTF8.self)
}

extension String {
    /// The text right-aligned in `width` characters (as it is when longer), for table columns.
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

/// An integer with thousands separators: `541,909`.
func grouped(_ value: Int) -> String {
    (value < 0 ? "-" : "") + groupedDigits(String(value.magnitude))
}

/// `1234567` → `1,234,567`.
private func groupedDigits(_ digits: String) -> String {
    var result = ""
    for (offset, character) in digits.enumerated() {
        if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return result
}

/// An amount rounded to a whole number with thousands separators: `8,300,066`; any size (no integer
/// conversion to overflow), `NaN` and infinities as they are.
func wholeMoney(_ value: Double) -> String {
    guard value.isFinite else { return String(value) }
    let digits = String(format: "%.0f", abs(value))
    return (value < 0 && digits != "0" ? "-" : "") + groupedDigits(digits)
}

/// An amount with thousands separators and two decimals: `8,300,065.81`.
/// Sums too large for integer cents (above 9e16) are printed whole (`wholeMoney`): no value stops the
/// command.
func money(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 9e16 else { return wholeMoney(value) }
    let cents = Int((value * 100).rounded())
    let fraction = abs(cents) % 100
    return (cents < 0 ? "-" : "") + grouped(abs(cents) / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
}
