import ArgumentParser
import Campaigns
import Features
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
            Retention: customers whose churn probability is at least the mean over the scores file \
            (--min-churn-probability overrides), ranked by expected value lost (churn probability × net \
            value). Upgrade: loyal-candidate probability at least its mean (--min-loyal-candidate-probability), \
            ranked by that probability, then net value. A list whose model did not beat its baseline out of \
            time is ranked by the baseline instead, and the summary says so. Excluded, and counted: not in \
            the customer file, suppressed (--suppress), do-not-call, no valid phone, contacted within \
            --cooloff-days, inactive longer than --lost-after-days, no net spend, below the floor; on the \
            upgrade list the already loyal and those on the retention list; one call per phone number. \
            --capacity calls are shared by --mix; a quota one list cannot fill goes to the other. \
            --excluded-out lists every customer left out with the reason.

            Example:
              loyalty calllist --scores scores.csv --customers customers.csv \\
                  --capacity 200 --out calllist.xlsx
            """
    )

    @Option(help: "The scores file written by loyalty score.")
    var scores: String
    @Option(help: "The customer file (name, phone, do-not-call, last contacted).")
    var customers: String?
    @Option(help: "Total calls (0 or more).")
    var capacity: Int
    @Option(help: "Shares of the capacity, e.g. retention=0.6,upgrade=0.4.")
    var mix: String = "retention=0.6,upgrade=0.4"
    @Option(help: "Retention floor (default: the mean churn probability in the scores file).")
    var minChurnProbability: Double?
    @Option(help: "Upgrade floor (default: the mean loyal-candidate probability in the scores file).")
    var minLoyalCandidateProbability: Double?
    @Option(help: "A file of customer ids or phone numbers never to call (one per line, or a CSV whose first column holds them).")
    var suppress: String?
    @Option(help: "Where to write every excluded customer with the reason (CSV).")
    var excludedOut: String?
    @Option(help: "Skip customers contacted fewer than this many days before the scores' date.")
    var cooloffDays: Int = 30
    @Option(help: "Skip customers with no purchase for longer than this many days.")
    var lostAfterDays: Int = 365
    @Option(help: "Language of the list's words (reasons, actions, list names, risk, segments, summary).")
    var lang: ReasonLanguage = .en
    @Option(help: "Language of the CSV header: en (machine names) or ja.")
    var headers: ReasonLanguage = .en
    @Option(help: "Where to write the call list (.csv, .json or .xlsx, an Excel workbook; - for standard output, with --format).")
    var out: String
    @Option(help: "Share of each list held out as a control group (0 ≤ share < 1), stratified by rank; --capacity counts the calls only.")
    var controlShare: Double = 0
    @Option(help: "Seed of the control-group draw (the same seed gives the same groups).")
    var seed: UInt64 = 1
    @Option(help: "Where to write the control rows (same columns as --out); required with a CSV --out and a control share.")
    var controlOut: String?
    @Option(name: .customLong("contacts"), help: "Contact history (earlier lists with their control files): open control groups are held out, calls count for the cool-off.")
    var contactHistory: String?
    @Option(help: "How long a control customer stays held out after its list's date (the outcome window).")
    var controlWindow: String = "90d"
    @Option(help: "Rank the retention list by risk (churn probability × value) or uplift (retention uplift × value, only uplift above zero; needs scores from a --models folder with retention-uplift.json).")
    var rankBy: RetentionRankingChoice = .risk
    @Option(help: "The kind of file written (default: from the --out extension).")
    var format: FormatChoice?
    @Flag(help: "CSV as UTF-8 with a byte-order mark, which Excel opens with Japanese intact (ids lose leading zeros there: --out F.xlsx keeps them).")
    var excel = false
    @Option(help: "Text encoding of the CSV written: utf8 or cp932 (Shift_JIS for Excel in Japan).")
    var encoding: TextEncoding = .utf8
    @Option(help: "CP932 only: replace a character CP932 lacks by 〓 (replace, counted and reported) or stop (fail).")
    var onUnmappable: UnmappablePolicy = .replace
    @Option(help: "Text encoding of the customer file.")
    var customersEncoding: TextEncoding = .auto
    @Option(help: "Customer file: column holding the customer id.")
    var customerColumn: String?
    @Option(help: "Customer file: field delimiter. Default: detected.")
    var delimiter: Delimiter?
    @Option(help: "Accepted for symmetry with the other commands; must equal the scores' date when given.")
    var asOf: String?
    @Flag(help: "Print the rules and summary as JSON on stdout (on stderr when --out is -).")
    var json = false
    @Flag(help: "Turn every warning (a list ranked by its baseline, replaced characters) into exit 1.")
    var strict = false
    @Flag(help: "No summary on stderr.")
    var quiet = false

    @OptionGroup var settingsFile: ConfigOption

    func run() throws {
        // Refused before any work: a directory or special file as an output.
        for path in [out] + (excludedOut.map { [$0] } ?? []) + (controlOut.map { [$0] } ?? []) { try OutputPath.check(path) }
        guard controlShare >= 0 && controlShare < 1 else {
            throw UsageError(message: "--control-share \(controlShare): expected a share from 0 up to, not including, 1")
        }
        let controlWindowDays = try parseDays(controlWindow, flag: "--control-window")
        guard capacity >= 0 else { throw UsageError(message: "--capacity \(capacity): expected 0 or more") }
        guard cooloffDays >= 0 else { throw UsageError(message: "--cooloff-days \(cooloffDays): expected 0 or more") }
        guard lostAfterDays >= 0 else { throw UsageError(message: "--lost-after-days \(lostAfterDays): expected 0 or more") }
        for (flag, value) in [("--min-churn-probability", minChurnProbability), ("--min-loyal-candidate-probability", minLoyalCandidateProbability)] {
            if let value, !(0...1).contains(value) { throw UsageError(message: "\(flag) \(value): expected a probability from 0 to 1") }
        }
        let format = try outputFormat()
        if controlShare > 0 && controlOut == nil && format.name != "json" {
            throw UsageError(message: "--control-share \(controlShare) with a CSV or .xlsx --out needs --control-out F, so that the control group is kept")
        }
        if format.name == "xlsx" && encoding == .cp932 {
            throw UsageError(message: "--encoding cp932: an .xlsx workbook holds Unicode text; the encoding applies to CSV only")
        }
        let outputEncoding: CallListEncoding
        switch (encoding, excel) {
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
            options.encoding = customersEncoding
            if let delimiter { options.delimiter = delimiter }
            let file = try CustomerReader.read(path: customers, options: options, registry: &registry)
            contacts = CustomerContacts(table: file.table, registry: registry)
        } else if !quiet {
            printError("no --customers: names and phones are empty and do-not-call, phone and cool-off exclusions are not applied")
        }
        let suppression = try suppress.map(SuppressionFile.read) ?? SuppressionFile()
        var contactStatus: ContactStatus?
        if let contactHistory, let asOfDay = scored.first?.asOfDay {
            var registry = CustomerRegistry()
            let (log, _, _) = try ContactReader.read(path: contactHistory, registry: &registry)
            contactStatus = ContactStatus(contacts: log, registry: registry, asOfDay: asOfDay, windowDays: controlWindowDays)
        }
        var settings = CallListSettings(capacity: capacity, retentionShare: try CallListSettings.retentionShare(mix: mix),
                                        cooloffDays: cooloffDays, lostAfterDays: lostAfterDays, language: lang,
                                        minChurnProbability: minChurnProbability,
                                        minLoyalCandidateProbability: minLoyalCandidateProbability,
                                        suppressedIDs: suppression.ids, suppressedPhones: suppression.phones,
                                        controlShare: controlShare, seed: seed, contactStatus: contactStatus)
        if rankBy == .uplift {
            guard scored.contains(where: { !$0.retentionUplift.isNaN }) else {
                throw UsageError(message: "--rank-by uplift: \(scores) has no retention_uplift column; train it with "
                    + "`loyalty train --contacts F --target retention-uplift` and score with that --models folder")
            }
            settings.retentionByUplift = true
        }
        let list = CallList.build(scores: scored, contacts: contacts, settings: settings)
        var warnings = list.rules.filter { $0.rankedBy == .baseline }.map {
            "\($0.list.rawValue): ranked by the baseline (\($0.ranking))"
        }
        // Encoded once, before anything is written, so a failure (or --strict) leaves no file.
        let (data, replaced) = try format.encode(list, options: CallListCSVOptions(
            encoding: outputEncoding, language: lang, headers: headers, onUnmappable: onUnmappable), warnings: warnings,
            fileName: out)
        for item in replaced {
            warnings.append("customer \(item.customerID)\(item.customerFileLine.map { " (\(customers ?? "customer file"):\($0))" } ?? ""): "
                + "column \"\(item.columnName)\": \"\(item.character)\" cannot be written in CP932; written as \(CallListWriter.replacementCharacter)")
        }
        if strict, let first = warnings.first { throw LoyaltyModelsError.strictWarnings(count: warnings.count, first: first) }
        // The control rows in the same format and columns (a CSV beside a CSV list, a JSON list holds both).
        var controlData: Data?
        if let controlOut {
            let controlFormat = CallListFormats.forPath(controlOut) ?? format
            var controlList = list
            controlList.entries = list.controls
            controlList.controls = []
            controlData = try controlFormat.encode(controlList, options: CallListCSVOptions(
                encoding: outputEncoding, language: lang, headers: headers, onUnmappable: onUnmappable), warnings: [],
                fileName: controlOut).data
        }
        try AtomicFile.write(data, to: out)
        if let controlOut, let controlData { try AtomicFile.write(controlData, to: controlOut) }
        if let excludedOut { try CallListWriter.writeExcluded(list.excluded, to: excludedOut) }
        for warning in warnings { printError("warning: \(warning)") }
        if json {
            let text = String(decoding: try CallListWriter.jsonData(BuiltCallList(entries: [], summary: list.summary, rules: list.rules,
                                                                                  excluded: []), warnings: warnings), as: UTF8.self)
            printReport(text, besideOutput: out)
        }
        if !quiet {
            printError((lang == .ja ? "\(out) に書き込み: \(grouped(list.entries.count))件" : "wrote \(out): \(grouped(list.entries.count)) calls")
                + (replaced.isEmpty ? "" : "; \(replaced.count) characters replaced by \(CallListWriter.replacementCharacter)"))
            printError(CallListWriter.summaryText(list, language: lang))
        }
    }

    /// `--format`, else the kind the extension of `--out` names; any other extension is refused until a
    /// format has it.
    private func outputFormat() throws -> any CallListFormat {
        if let format { return format.format }
        if let chosen = CallListFormats.forPath(out) { return chosen }
        let extensions = CallListFormats.all.flatMap(\.extensions).map { "." + $0 }
        let names = CallListFormats.all.map(\.name)
        throw UsageError(message: "--out \(out): .\(OutputPath.format(ofPath: out) ?? "") is not a format the call list can be written in yet; "
            + "use \(extensions.joined(separator: ", ")) (or --format \(names.joined(separator: "|")))")
    }
}

/// `calllist --rank-by`.
enum RetentionRankingChoice: String, CaseIterable, ExpressibleByArgument {
    /// Churn probability × value.
    case risk
    /// Retention uplift × value.
    case uplift
}
