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
            Builds the RFM and value families, and the engagement and survey families when --events and \
            --surveys are given (see Guides/Features.md); empty cells mean "no data", not 0.

            Example:
              loyalty features --orders notebooks-data/orders.csv --events notebooks-data/events.csv \
                  --surveys notebooks-data/surveys.csv --as-of 2024-06-30 --out features.csv
            """
    )

    @OptionGroup var history: HistoryOptions
    @Option(help: "Where to write the features (CSV).")
    var out: String

    func run() throws {
        let (table, registry) = try history.featureTable(outputFolder: (out as NSString).deletingLastPathComponent)
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
        printError("wrote \(out): \(grouped(registry.count)) customers × \(table.names.count) features as of \(CalendarDay.isoString(table.asOfDay))")
    }
}

/// The inputs shared by `features`, `segment` (and later `kpi`, `train` ...): the history files, the
/// cutoff and the value settings, with the mapping flags.
struct HistoryOptions: ParsableArguments {
    @Option(help: "The orders file.")
    var orders: String
    @Option(help: "An events file (engagement features).")
    var events: String?
    @Option(help: "A surveys file (NPS, CSAT, CES features).")
    var surveys: String?
    @Option(help: "A customer file (attribute features: numeric columns, one-hot categories, days since sign-up and last contact).")
    var customers: String?
    @Option(help: "Margin rate for the margin-based LTV.")
    var marginRate: Double = 0.3
    @Option(help: "Expected years for the margin-based LTV.")
    var expectedYears: Double = 3
    @Option(help: "Cutoff date (yyyy-MM-dd). Default: the last order date.")
    var asOf: String?
    @OptionGroup var input: InputOptions

    /// Reads the files and builds every feature family as of the cutoff; bad rows (with `--on-bad-rows
    /// skip`) are quarantined beside the output.
    func featureTable(outputFolder: String) throws -> (FeatureTable, CustomerRegistry) {
        let (table, registry, _, _) = try featureTableAndLogs(outputFolder: outputFolder)
        return (table, registry)
    }

    /// The feature table with the order log and survey log it was built from.
    func featureTableAndLogs(outputFolder: String) throws -> (FeatureTable, CustomerRegistry, OrderLog, SurveyLog?) {
        let folder = outputFolder.isEmpty ? "." : outputFolder
        var registry = CustomerRegistry()
        let options = try input.readOptions()
        let customerFile = try customers.map { try CustomerReader.read(path: $0, options: options, registry: &registry) }
        let (log, summary) = try OrderReader.read(path: orders, options: options, registry: &registry)
        let eventLog = try events.map { try EventReader.read(path: $0, options: options, registry: &registry) }
        let surveyLog = try surveys.map { try SurveyReader.read(path: $0, options: options, registry: &registry) }
        for (path, rows) in [(Optional(orders), Optional(summary.badRows)), (customers, customerFile?.summary.badRows),
                             (events, eventLog?.summary.badRows),
                             (surveys, surveyLog?.summary.badRows)] {
            guard let path, let rows, !rows.isEmpty else { continue }
            let quarantine = input.quarantinePath(for: path, outputDirectory: folder)
            try QuarantineFile.write(rows, to: quarantine)
            printError("\(rows.count) bad rows of \(path) set aside in \(quarantine)")
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
        ValueFeatures.add(to: &table, settings: .init(marginRate: marginRate, expectedYears: expectedYears))
        if let eventLog {
            EngagementFeatures.add(to: &table, events: eventLog.log, timeline: CustomerTimeline(
                customerIndex: eventLog.log.customerIndex, day: eventLog.log.day, customerCount: registry.count))
        }
        if let surveyLog {
            SurveyFeatures.add(to: &table, surveys: surveyLog.log, timeline: CustomerTimeline(
                customerIndex: surveyLog.log.customerIndex, day: surveyLog.log.day, customerCount: registry.count))
        }
        if let customerFile {
            let skipped = AttributeFeatures.add(to: &table, customers: customerFile.table)
            if !skipped.isEmpty {
                printError("customer columns left out (not numeric, more than 10 levels): \(skipped.joined(separator: ", "))")
            }
        }
        return (table, registry, log, surveyLog?.log)
    }
}
