import ArgumentParser
import Features
import Foundation
import LoyaltyModels
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
    @Option(help: "Stack the features of this many cutoffs (the cutoff, then every --step-days before it) into one file with a cutoff column.")
    var stackCutoffs: Int = 1
    @Option(help: "Days between stacked cutoffs.")
    var stepDays: Int = 30
    @Option(help: ArgumentHelp(
        "Add each target's label over this horizon after each cutoff (90d, 13w): columns label_churn and label_loyal_candidate, empty outside the target's population. Reads the data after the cutoff: for comparing models on our labels, not for scoring.",
        valueName: "horizon"))
    var labelsHorizon: String?
    @Option(help: "With --labels-horizon: share of active customers by 365-day spend counted as loyal.")
    var loyalTopShare: Double = 0.2

    @OptionGroup var settingsFile: ConfigOption

    func validate() throws {
        guard stackCutoffs >= 1, stepDays >= 1 else { throw ValidationError("--stack-cutoffs and --step-days must be positive") }
        guard loyalTopShare > 0, loyalTopShare < 1 else { throw ValidationError("--loyal-top-share must be between 0 and 1") }
    }

    func run() throws {
        try OutputPath.check(out)
        let loaded = try history.load(outputFolder: (out as NSString).deletingLastPathComponent)
        let registry = loaded.registry
        let cutoff = try history.cutoff(loaded)
        let labelDays = try labelsHorizon.map { try parseDays($0, flag: "--labels-horizon") }
        let labelTargets: [PredictionTarget] = labelDays == nil ? [] : [.churn, .loyalCandidate]
        // With labels, the loyalty-distance family too: the columns `train` fits on.
        let rule = labelDays == nil ? nil : LoyaltyRule(topShare: loyalTopShare)
        // One cutoff at a time: each table is written as soon as it is built, so memory stays that of one.
        var firstTable: FeatureTable?
        let file = try StreamingFileWriter(path: out)
        for offset in 0..<stackCutoffs {
            let cutoffDay = cutoff - Int32(offset * stepDays)
            let cutoffTable = loaded.featureTable(at: cutoffDay, loyaltyRule: rule)
            let labels = labelTargets.map { $0.labels(history: loaded, cutoff: cutoffDay, horizonDays: labelDays!, rule: rule!) }
            if firstTable == nil {
                firstTable = cutoffTable
                let labelNames = labelTargets.map { "label_" + $0.rawValue.replacingOccurrences(of: "-", with: "_") }
                try file.write { $0.appendRow(["customer_id"] + (stackCutoffs > 1 ? ["cutoff"] : []) + cutoffTable.names + labelNames) }
            }
            for customer in 0..<registry.count {
                try file.write { line in
                    line.appendField(registry.ids[customer])
                    if stackCutoffs > 1 {
                        line.appendByte(UInt8(ascii: ","))
                        line.appendDay(cutoffTable.asOfDay)
                    }
                    for column in cutoffTable.columns {
                        line.appendByte(UInt8(ascii: ","))
                        let value = column[customer]
                        if !value.isNaN {
                            line.append(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value))
                        }
                    }
                    for label in labels {
                        line.appendByte(UInt8(ascii: ","))
                        if !label[customer].isNaN { line.append(label[customer] == 1 ? "1" : "0") }
                    }
                    line.appendByte(UInt8(ascii: "\n"))
                }
            }
        }
        let table = firstTable!
        try file.commit()
        printError("wrote \(out): \(grouped(registry.count)) customers × \(table.names.count) features as of \(CalendarDay.isoString(table.asOfDay))"
            + (stackCutoffs > 1 ? " and \(stackCutoffs - 1) earlier cutoffs every \(stepDays) days" : ""))
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

    /// `--as-of`, or the last order day.
    func cutoff(_ history: CustomerHistory) throws -> Int32 {
        if let asOf {
            guard let parsed = CalendarDay.parseISO(asOf) else {
                throw OrderHistoryError.invalidOption(option: "--as-of", value: asOf, expected: "a date as yyyy-MM-dd")
            }
            return parsed
        }
        guard let last = history.lastOrderDay else { throw UsageError(message: "\(orders): no orders, so no default --as-of") }
        return last
    }

    /// Reads every file given; bad rows (with `--on-bad-rows skip`) are quarantined beside the output.
    func load(outputFolder: String) throws -> CustomerHistory {
        let folder = outputFolder.isEmpty ? "." : outputFolder
        let (history, badRows) = try CustomerHistory.read(
            orders: orders, customers: customers, events: events, surveys: surveys, options: try input.readOptions(),
            value: .init(marginRate: marginRate, expectedYears: expectedYears))
        for (path, rows) in badRows {
            let quarantine = input.quarantinePath(for: path, outputDirectory: folder)
            try QuarantineFile.write(rows, to: quarantine)
            printError("\(rows.count) bad rows of \(path) set aside in \(quarantine)")
        }
        let leftOut = history.attributeColumnsLeftOut
        if !leftOut.isEmpty {
            printError("customer columns left out (not numeric, more than 10 levels): \(leftOut.joined(separator: ", "))")
        }
        return history
    }
}

