import ArgumentParser
import Foundation
import LoyaltyModels
import OrderHistory
import Outreach

/// `loyalty calllist`: the prioritized call list from a scores file and the customer file.
struct CallListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calllist",
        abstract: "Write the prioritized call list: a retention list and a loyalty-upgrade list, with reasons and actions.",
        discussion: """
            Retention is ranked by churn probability × value (value at stake); upgrade by loyal-candidate \\
            probability (the near-loyal first). Excluded, and counted: customers not in the customer file, \\
            do-not-call, no valid phone, contacted within --cooloff-days, inactive longer than \\
            --lost-after-days; on the upgrade list also the already loyal and those on the retention list. \\
            --capacity calls are shared by --mix; a quota one list cannot fill goes to the other.

            Example:
              loyalty calllist --scores scores.csv --customers notebooks-data/customers.csv --capacity 200 \\
                  --mix retention=0.6,upgrade=0.4 --out calllist.csv --excel
            """
    )

    @Option(help: "The scores file written by loyalty score.")
    var scores: String
    @Option(help: "The customer file (name, phone, do-not-call, last contacted).")
    var customers: String?
    @Option(help: "Total calls.")
    var capacity: Int
    @Option(help: "Shares of the capacity, e.g. retention=0.6,upgrade=0.4.")
    var mix: String = "retention=0.6,upgrade=0.4"
    @Option(help: "Skip customers contacted fewer than this many days before the scores' date.")
    var cooloffDays: Int = 30
    @Option(help: "Skip customers with no purchase for longer than this many days.")
    var lostAfterDays: Int = 365
    @Option(help: "Language of the suggested actions: en or ja (reasons keep the language of loyalty score).")
    var lang: String = "en"
    @Option(help: "Where to write the call list (.csv, or .json for JSON).")
    var out: String
    @Option(help: "csv or json (default: from the --out extension).")
    var format: String?
    @Flag(help: "CSV as UTF-8 with a byte-order mark, which Excel opens correctly.")
    var excel = false
    @Option(help: "Text encoding of the CSV written: utf8 or cp932 (Shift_JIS for Excel in Japan). The customer file's encoding is detected (or --customers-encoding).")
    var encoding: String = "utf8"
    @Option(help: "Text encoding of the customer file: utf8, cp932 or auto.")
    var customersEncoding: String = "auto"
    @Option(help: "Customer file: column holding the customer id.")
    var customerColumn: String?
    @Option(help: "Customer file: field delimiter (comma, tab, semicolon, whitespace). Default: detected.")
    var delimiter: String?
    @Option(help: "Accepted for symmetry with the other commands; must equal the scores' date when given.")
    var asOf: String?
    @Flag(help: "No summary on stderr.")
    var quiet = false

    func run() throws {
        guard capacity >= 0 else { throw UsageError(message: "--capacity \(capacity): expected 0 or more") }
        guard cooloffDays >= 0, lostAfterDays >= 0 else { throw UsageError(message: "--cooloff-days and --lost-after-days must be 0 or more") }
        guard let language = ReasonLanguage(rawValue: lang) else { throw UsageError(message: "--lang \(lang): expected en or ja") }
        let isJSON = (format ?? ((out as NSString).pathExtension.lowercased() == "json" ? "json" : "csv")) == "json"
        guard format == nil || format == "csv" || format == "json" else { throw UsageError(message: "--format \(format!): expected csv or json") }
        let outputEncoding: CallListEncoding
        switch (try InputOptions.textEncoding(encoding, option: "--encoding"), excel) {
        case (.utf8, false): outputEncoding = .utf8
        case (.utf8, true): outputEncoding = .utf8WithBOM
        case (.cp932, false): outputEncoding = .cp932
        case (.cp932, true): throw UsageError(message: "--excel is UTF-8 with a byte-order mark; with --encoding cp932 leave it out")
        case (.auto, _): throw UsageError(message: "--encoding auto: the call list needs utf8 or cp932")
        }
        let scored = try ScoresFile.read(path: scores)
        if let asOf, let first = scored.first, CalendarDay.parseISO(asOf) != first.asOfDay {
            throw UsageError(message: "--as-of \(asOf): the scores in \(scores) are as of \(CalendarDay.isoString(first.asOfDay))")
        }
        var contacts: CustomerContacts?
        if let customers {
            var registry = CustomerRegistry()
            var options = ReadOptions(columnNames: customerColumn.map { [ColumnRoles.customer.key: $0] } ?? [:])
            options.encoding = try InputOptions.textEncoding(customersEncoding, option: "--customers-encoding")
            if let delimiter { options.delimiter = try InputOptions.delimiter(delimiter, option: "--delimiter") }
            let file = try CustomerReader.read(path: customers, options: options, registry: &registry)
            contacts = CustomerContacts(table: file.table, registry: registry)
        } else if !quiet {
            printError("no --customers: names and phones are empty and do-not-call, phone and cool-off exclusions are not applied")
        }
        let settings = CallListSettings(capacity: capacity, retentionShare: try CallListSettings.retentionShare(mix: mix),
                                        cooloffDays: cooloffDays, lostAfterDays: lostAfterDays, language: language)
        let (entries, summary) = CallList.build(scores: scored, contacts: contacts, settings: settings)
        if isJSON {
            try CallListWriter.writeJSON(entries, summary: summary, to: out)
        } else {
            try CallListWriter.writeCSV(entries, to: out, encoding: outputEncoding)
        }
        if !quiet {
            printError("wrote \(out): \(grouped(entries.count)) calls")
            printError(CallListWriter.summaryText(summary))
        }
    }
}
