import ArgumentParser
import Features
import Foundation
import OrderHistory

/// `loyalty features`: per-customer features as of a cutoff, as CSV.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Write per-customer features as of a cutoff date (only data on or before it is read).",
        discussion: """
            Builds the RFM family (see Guides/Features.md); empty cells mean "no data", not 0.

            Example:
              loyalty features --orders notebooks-data/orders.csv --as-of 2024-06-30 --out features.csv
            """
    )

    @Option(help: "The orders file.")
    var orders: String
    @Option(help: "Cutoff date (yyyy-MM-dd). Default: the last order date.")
    var asOf: String?
    @Option(help: "Where to write the features (CSV).")
    var out: String
    @OptionGroup var input: InputOptions

    func run() throws {
        var registry = CustomerRegistry()
        let (log, summary) = try OrderReader.read(path: orders, options: try input.readOptions(), registry: &registry)
        if !summary.badRows.isEmpty {
            let quarantine = input.quarantinePath(for: orders, outputDirectory: (out as NSString).deletingLastPathComponent.isEmpty ? "." : (out as NSString).deletingLastPathComponent)
            try QuarantineFile.write(summary.badRows, to: quarantine)
            printError("\(summary.badRows.count) bad rows set aside in \(quarantine)")
        }
        let cutoff: Int32
        if let asOf {
            guard let parsed = CalendarDay.parseISO(asOf) else {
                throw OrderHistoryError.invalidOption(option: "--as-of", value: asOf, expected: "a date as yyyy-MM-dd")
            }
            cutoff = parsed
        } else {
            guard let last = summary.lastDay else { throw UsageError(message: "\(orders): no orders, so no default --as-of") }
            cutoff = last
        }
        var table = FeatureTable(asOfDay: cutoff, rowCount: registry.count)
        RFMFeatures.add(to: &table, log: log, grouped: CustomerTimeline(log: log, customerCount: registry.count))
        var file = TextFileBuilder(capacity: registry.count * 128)
        file.appendRow(["customer_id"] + table.names)
        for customer in 0..<registry.count {
            file.appendField(registry.ids[customer])
            for column in table.columns {
                file.appendByte(UInt8(ascii: ","))
                let value = column[customer]
                if !value.isNaN { file.append(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)) }
            }
            file.appendByte(UInt8(ascii: "\n"))
        }
        try file.write(to: out)
        printError("wrote \(out): \(grouped(registry.count)) customers × \(table.names.count) features as of \(CalendarDay.isoString(cutoff))")
    }
}
