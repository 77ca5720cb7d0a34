import ArgumentParser
import Foundation
import OrderHistory

/// `loyalty inspect`: validates an input file and prints what it holds.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate an input file and summarise it.",
        discussion: """
            Reads the whole file with the same readers the pipeline uses, so an error here is an error there.

            Examples:
              loyalty inspect --orders notebooks-data/orders.csv
              loyalty inspect --orders export.txt --delimiter whitespace --date-format yyyyMMdd \\
                  --customer-column KOKYAKU --date-column HIDUKE --amount-column KINGAKU
              loyalty inspect --orders online-retail.csv.gz --on-bad-rows skip --json
            """
    )

    @Option(help: "The orders file (CSV, optionally gzip-compressed).")
    var orders: String

    @OptionGroup var input: InputOptions

    @Flag(help: "Print one JSON object on stdout instead of a table.")
    var json = false

    func run() throws {
        let options = try input.readOptions()
        var registry = CustomerRegistry()
        let (_, summary) = try OrderReader.read(path: orders, options: options, registry: &registry)
        var quarantinePath: String?
        if !summary.badRows.isEmpty {
            let path = input.quarantinePath(for: orders)
            try QuarantineFile.write(summary.badRows, to: path)
            quarantinePath = path
        }
        let report = InspectReport(summary: summary, quarantine: quarantinePath)
        if json {
            print(try report.jsonText())
        } else {
            print(report.table())
        }
    }
}

/// The numbers `loyalty inspect` prints, in a form that encodes to the `--json` object.
struct InspectReport: Codable {
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

    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    func table() -> String {
        var lines = ["\(file): \(kind), \(delimiter)-delimited, \(encoding)\(byteOrderMark ? " with BOM" : "")"]
        func add(_ label: String, _ value: String, _ note: String = "") {
            let padded = label.padding(toLength: 14, withPad: " ", startingAt: 0)
            lines.append("  \(padded)\(value)\(note.isEmpty ? "" : "   (\(note))")")
        }
        add("rows", grouped(rows), blankLines > 0 ? "\(grouped(blankLines)) blank lines skipped" : "")
        add("orders", grouped(orders), "\(grouped(customerOrders)) of known customers, \(grouped(guestOrders)) guest")
        add("customers", grouped(customers))
        add("guest rows", grouped(guestRows), "no customer id: counted, set aside")
        add("returns", "\(grouped(returnRows)) rows, \(grouped(returnOrders)) orders")
        add("bad rows", grouped(badRows), quarantine.map { "written to \($0)" } ?? "")
        add("date range", "\(firstDate ?? "-") .. \(lastDate ?? "-")")
        add("total amount", money(totalAmount), "customers; guests \(money(guestAmount)); amount = \(amountSource)")
        return lines.joined(separator: "\n")
    }
}

/// An integer with thousands separators: `541,909`.
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (offset, character) in digits.enumerated() {
        if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return (value < 0 ? "-" : "") + result
}

/// An amount with thousands separators and two decimals: `8,300,065.81`.
func money(_ value: Double) -> String {
    let cents = Int((value * 100).rounded())
    let fraction = abs(cents) % 100
    return (cents < 0 ? "-" : "") + grouped(abs(cents) / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
}
