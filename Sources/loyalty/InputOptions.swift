import ArgumentParser
import Foundation
import OrderHistory

/// The mapping flags accepted wherever an input file is read (Guides/Concepts.md, "Data the tool reads").
struct InputOptions: ParsableArguments {
    @Option(help: "Column holding the customer id (name, or 1-based number).")
    var customerColumn: String?
    @Option(help: "Column holding the order date (orders), timestamp (events) or answer date (surveys).")
    var dateColumn: String?
    @Option(help: "Column holding the order amount.")
    var amountColumn: String?
    @Option(help: "Column holding the quantity (amount = quantity × unit price).")
    var quantityColumn: String?
    @Option(help: "Column holding the unit price (amount = quantity × unit price).")
    var unitPriceColumn: String?
    @Option(help: "Column holding the order id; lines sharing one are summed into one order.")
    var orderColumn: String?
    @Option(help: "Column holding the order status (cancellations and returns).")
    var statusColumn: String?
    @Option(help: "Column holding the sales channel.")
    var channelColumn: String?
    @Option(help: "Column holding the product category.")
    var categoryColumn: String?
    @Option(help: "Column holding the event type (events file).")
    var typeColumn: String?
    @Option(help: "Column holding the NPS answer 0-10 (surveys file).")
    var npsColumn: String?
    @Option(help: "Column holding the group, call or control (contact history).")
    var groupColumn: String?
    @Option(help: "Column holding the list name (contact history).")
    var listColumn: String?
    @Option(help: "Column holding whether the customer was reached, 1 or 0 (contact history).")
    var reachedColumn: String?
    @Option(help: "Date layout: yyyy-MM-dd, yyyy/MM/dd, yyyyMMdd or yyyy年M月d日 (a time HH:mm[:ss] may follow). Default: detected per column.")
    var dateFormat: String?
    @Option(help: "Number forms: auto (plain numbers, and when a value is not one, Japanese forms such as 12,500, ¥3,000, 3,000円 or ￥１２，５００), plain (plain numbers only) or japanese (the same as auto).")
    var numberFormat: NumberFormat = .auto
    @Option(help: "Field delimiter. Default: detected from the header.")
    var delimiter: Delimiter?
    @Option(help: "Text encoding (also utf-8, shift_jis, sjis, windows-31j).")
    var encoding: TextEncoding = .auto
    @Option(help: "What to do with a row that cannot be read: fail (stop, exit 1) or skip (quarantine it and go on).")
    var onBadRows: BadRowPolicy = .fail
    @Option(help: "Where to write quarantined rows with --on-bad-rows skip. Default: <input name>.quarantine.csv beside the output (or in the current folder).")
    var quarantine: String?

    /// The reader options these flags describe; throws a usage error for an unknown value.
    func readOptions() throws -> ReadOptions {
        var names: [String: String] = [:]
        let pairs: [(ColumnRole, String?)] = [
            (ColumnRoles.customer, customerColumn), (ColumnRoles.date, dateColumn),
            (ColumnRoles.amount, amountColumn), (ColumnRoles.quantity, quantityColumn),
            (ColumnRoles.unitPrice, unitPriceColumn), (ColumnRoles.order, orderColumn),
            (ColumnRoles.status, statusColumn), (ColumnRoles.channel, channelColumn),
            (ColumnRoles.category, categoryColumn), (ColumnRoles.eventType, typeColumn),
            (ColumnRoles.nps, npsColumn), (ColumnRoles.contactGroup, groupColumn), (ColumnRoles.listName, listColumn),
            (ColumnRoles.reached, reachedColumn),
        ]
        for (role, name) in pairs {
            if let name { names[role.key] = name }
        }
        var options = ReadOptions(columnNames: names)
        if let dateFormat {
            guard let format = DateFormat(option: dateFormat) else {
                throw OrderHistoryError.invalidOption(option: "--date-format", value: dateFormat,
                                                      expected: "yyyy-MM-dd, yyyy/MM/dd or yyyyMMdd")
            }
            options.dateFormat = format
        }
        options.numberFormat = numberFormat
        if let delimiter { options.delimiter = delimiter }
        options.encoding = encoding
        options.onBadRows = onBadRows
        return options
    }

    /// Where quarantined rows of `inputPath` go: `--quarantine`, else beside `outputDirectory`.
    /// Writes the bad rows of `path` (if any) to its quarantine file and says so on stderr.
    func quarantine(_ rows: [BadRow], of path: String) throws {
        guard !rows.isEmpty else { return }
        let destination = quarantinePath(for: path)
        try QuarantineFile.write(rows, to: destination)
        printError("\(rows.count) bad rows of \(path) set aside in \(destination)")
    }

    func quarantinePath(for inputPath: String, outputDirectory: String = ".") -> String {
        if let quarantine { return quarantine }
        var name = (inputPath as NSString).lastPathComponent
        for suffix in [".gz", ".csv", ".tsv", ".txt"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
        }
        return (outputDirectory as NSString).appendingPathComponent(name + ".quarantine.csv")
    }
}

/// The cutoff a command works as of: `--as-of` when given (a located error when it is not a date), else the
/// last order day of `orders`.
func cutoffDay(asOf: String?, lastOrderDay: Int32?, orders: String) throws -> Int32 {
    if let asOf {
        guard let parsed = CalendarDay.parseISO(asOf) else {
            throw OrderHistoryError.invalidOption(option: "--as-of", value: asOf, expected: "a date as yyyy-MM-dd")
        }
        return parsed
    }
    guard let lastOrderDay else { throw UsageError(message: "\(orders): no orders, so no default --as-of") }
    return lastOrderDay
}
