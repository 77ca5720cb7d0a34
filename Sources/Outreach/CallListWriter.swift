import Features
import Foundation
import OrderHistory

/// The character encoding of a call-list CSV.
public enum CallListEncoding: String, CaseIterable, Sendable {
    /// UTF-8 without a byte-order mark.
    case utf8
    /// UTF-8 with a byte-order mark, so Excel opens Japanese text correctly (`--excel`).
    case utf8WithBOM = "utf8-bom"
    /// Shift_JIS with Microsoft's extensions (code page 932), as Excel in Japan reads it by default.
    case cp932
}

/// What to do with a character the output encoding (CP932) cannot hold.
public enum UnmappablePolicy: String, CaseIterable, Sendable {
    /// Write `〓` (U+3013, the geta mark) instead, count it and report it.
    case replace
    /// Stop with a located error; nothing is written.
    case fail
}

/// A character CP932 could not hold that was replaced, with where it came from.
public struct ReplacedCharacter: Sendable, Equatable {
    /// The call list's customer.
    public var customerID: String
    /// The column it was in.
    public var columnName: String
    /// The character.
    public var character: String
    /// The customer file's line, when the text came from it.
    public var customerFileLine: Int?
}

/// How a call-list CSV is written.
public struct CallListCSVOptions: Sendable, Equatable {
    /// The text encoding.
    public var encoding: CallListEncoding
    /// The language of the list names (`retention` / `離反防止`); reasons, actions, risk and segments are
    /// already in the entries' language.
    public var language: ReasonLanguage
    /// The language of the header: English machine names by default, Japanese with `--headers ja`.
    public var headers: ReasonLanguage
    /// What to do with characters CP932 lacks.
    public var onUnmappable: UnmappablePolicy

    /// Options; by default UTF-8, English, machine headers, replace unmappable characters.
    public init(encoding: CallListEncoding = .utf8, language: ReasonLanguage = .en, headers: ReasonLanguage = .en,
                onUnmappable: UnmappablePolicy = .replace) {
        self.encoding = encoding
        self.language = language
        self.headers = headers
        self.onUnmappable = onUnmappable
    }
}

/// Writes a call list as CSV (UTF-8, UTF-8 with BOM, or CP932) or JSON, atomically, and formats its
/// summary for stderr.
///
/// Rows come out retention first, then upgrade, each list in rank order. The bytes depend only on the
/// entries (no locale, `\n` line ends), so the same call list gives the same file.
public enum CallListWriter {
    /// The CSV header, in column order (machine names; `japaneseColumnNames` with `--headers ja`).
    public static let columnNames = [
        "list", "rank", "customer_id", "name", "phone", "churn_probability", "loyal_candidate_probability", "risk", "value",
        "value_at_stake", "rfm_rank", "segment", "is_loyal", "reason_1", "reason_2", "reason_3", "reason_code_1",
        "reason_code_2", "reason_code_3", "action", "action_code", "group", "contact_date", "reached", "p_alive",
    ]

    /// The CSV header in Japanese, column for column.
    public static let japaneseColumnNames = [
        "リスト", "順位", "顧客ID", "氏名", "電話番号", "離反確率", "ロイヤル化確率", "見込み", "顧客価値", "損失見込み額",
        "RFMランク", "セグメント", "ロイヤル会員", "理由1", "理由2", "理由3", "理由コード1", "理由コード2", "理由コード3",
        "推奨アクション", "アクションコード", "群", "接触日", "到達", "継続見込み",
    ]

    /// The replacement for a character CP932 cannot hold: `〓` (U+3013).
    public static let replacementCharacter = String(CP932Encoder.defaultReplacement)

    /// Writes `entries` as CSV to `path` (temporary file, then renamed into place; `-` is standard output)
    /// and returns the characters replaced (CP932 only).
    @discardableResult
    public static func writeCSV(_ entries: [CallListEntry], to path: String,
                                options: CallListCSVOptions = CallListCSVOptions()) throws -> [ReplacedCharacter] {
        let (data, replaced) = try csvData(entries, options: options, fileName: path)
        try AtomicFile.write(data, to: path)
        return replaced
    }

    /// The CSV bytes of `entries` and the characters replaced; `fileName` is only used in error messages.
    ///
    /// Probabilities have 6 decimals, values 2; a `NaN` is an empty cell. With `.cp932`, a character CP932
    /// cannot hold is replaced by `〓` and listed (`.replace`), or throws `OutreachError.cannotEncode`
    /// naming the output line and column and the customer file's line (`.fail`).
    public static func csvData(_ entries: [CallListEntry], options: CallListCSVOptions,
                               fileName: String = "call list") throws -> (Data, [ReplacedCharacter]) {
        var file = TextFileBuilder(capacity: 256 * (entries.count + 1))
        if options.encoding == .utf8WithBOM {
            for byte: UInt8 in [0xEF, 0xBB, 0xBF] { file.appendByte(byte) }
        }
        var replaced: [ReplacedCharacter] = []
        var line = 1
        func appendRecord(_ fields: [String], entry: CallListEntry?) throws {
            for (index, field) in fields.enumerated() {
                if index > 0 { file.appendByte(UInt8(ascii: ",")) }
                if options.encoding != .cp932 || field.utf8.allSatisfy({ $0 < 0x80 }) {
                    file.appendField(field)
                    continue
                }
                let replacement: Character? = options.onUnmappable == .replace && entry != nil ? CP932Encoder.defaultReplacement : nil
                let (bytes, unmappable) = CP932Encoder.encode(quotedIfNeeded(field), replacement: replacement)
                if let first = unmappable.first {
                    guard let entry, replacement != nil else {
                        throw OutreachError.cannotEncode(
                            file: fileName, line: line, column: index + 1, columnName: columnNames[index], value: field,
                            character: String(first), encoding: "CP932", sourceLine: entry?.customerFileLine)
                    }
                    replaced += unmappable.map {
                        ReplacedCharacter(customerID: entry.customerID, columnName: columnNames[index], character: String($0),
                                          customerFileLine: entry.customerFileLine)
                    }
                }
                for byte in bytes { file.appendByte(byte) }
            }
            file.appendByte(UInt8(ascii: "\n"))
            line += 1 + fields.reduce(0) { $0 + $1.utf8.filter { $0 == UInt8(ascii: "\n") }.count }
        }
        try appendRecord(options.headers == .ja ? japaneseColumnNames : columnNames, entry: nil)
        for entry in inListOrder(entries) {
            var fields = [Wording.listName(entry.list, language: options.language), String(entry.rank), entry.customerID,
                          entry.name, entry.phone, fixedPoint(entry.churnProbability, decimals: 6),
                          fixedPoint(entry.loyalCandidateProbability, decimals: 6), entry.risk,
                          fixedPoint(entry.value, decimals: 2), fixedPoint(entry.valueAtStake, decimals: 2), entry.rfmRank,
                          entry.segment, entry.isLoyal ? "1" : "0"]
            for index in 0..<3 { fields.append(index < entry.reasons.count ? entry.reasons[index] : "") }
            for index in 0..<3 { fields.append(index < entry.reasonCodes.count ? entry.reasonCodes[index] : "") }
            fields.append(entry.action)
            fields.append(entry.actionCode)
            // The contact history's columns: the group, the list's date, and `reached` for the agents to fill.
            fields += [entry.group.rawValue, entry.contactDate, "", fixedPoint(entry.probabilityAlive, decimals: 6)]
            try appendRecord(fields, entry: entry)
        }
        return (Data(file.bytes), replaced)
    }

    /// Writes the call list as one JSON object `{"rules": ..., "summary": {...}, "entries": [...]}` to
    /// `path`, with sorted keys (the same list gives the same bytes) and `null` for a `NaN`.
    public static func writeJSON(_ list: BuiltCallList, warnings: [String] = [], to path: String) throws {
        try AtomicFile.write(jsonData(list, warnings: warnings), to: path)
    }

    /// The JSON bytes `writeJSON` writes.
    public static func jsonData(_ list: BuiltCallList, warnings: [String] = []) throws -> Data {
        struct Rules: Encodable {
            var retention: CallListRule
            var upgrade: CallListRule
        }
        struct Document: Encodable {
            var rules: Rules
            var summary: CallListSummary
            var entries: [CallListEntry]
            var control: [CallListEntry]
            var warnings: [String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(Document(rules: Rules(retention: list.rules[0], upgrade: list.rules[1]),
                                               summary: list.summary, entries: inListOrder(list.entries),
                                               control: inListOrder(list.controls), warnings: warnings))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Writes every excluded candidate as CSV: `list, customer_id, reason, probability, value`.
    public static func writeExcluded(_ excluded: [ExcludedCustomer], to path: String) throws {
        var file = TextFileBuilder(capacity: 64 * (excluded.count + 1))
        file.appendRow(["list", "customer_id", "reason", "probability", "value"])
        for item in excluded {
            file.appendRow([item.list.rawValue, item.customerID, item.reason.rawValue, fixedPoint(item.probability, decimals: 6),
                            fixedPoint(item.value, decimals: 2)])
        }
        try AtomicFile.write(Data(file.bytes), to: path)
    }

    /// The summary for stderr, in English or Japanese: the rule of each list, rows against the quota,
    /// exclusions per reason, value covered.
    ///
    /// ```
    /// call list: 100 calls (capacity 100)
    ///   retention: 60 rows (quota 60) of 812 candidates; value covered 1,234,567
    ///     rule: churn probability at least 0.2315 (the mean); ranked by expected value lost: ...
    ///     excluded: do-not-call 12, no valid phone 40, contacted within 30 days 5, inactive over 365 days 3, ...
    /// ```
    public static func summaryText(_ list: BuiltCallList, language: ReasonLanguage = .en) -> String {
        let summary = list.summary
        let ja = language == .ja
        func number(_ value: Double) -> String { ReasonText.number(value) }
        func counted(_ count: Int, _ noun: String) -> String {
            ja ? "\(number(Double(count)))件" : "\(number(Double(count))) \(noun)\(count == 1 ? "" : "s")"
        }
        let total = summary.retention.rows + summary.upgrade.rows
        var lines = [ja ? "コールリスト: \(counted(total, "call")) (架電可能数 \(number(Double(summary.capacity))))"
                        : "call list: \(counted(total, "call")) (capacity \(number(Double(summary.capacity))))"]
        if !summary.contactExclusionsApplied {
            lines.append(ja ? "  顧客ファイルなし: 氏名と電話番号は空欄、連絡先による除外は未適用"
                            : "  no customer file: names and phones empty, contact exclusions not applied")
        }
        for (state, rule) in zip([summary.retention, summary.upgrade], list.rules) {
            let name = Wording.listName(state.list, language: language)
            lines.append(ja
                ? "  \(name): \(counted(state.rows, "row")) (割当 \(number(Double(state.quota)))) / 候補 \(counted(state.candidates, "candidate")); 対象価値 \(number(state.valueCovered))"
                : "  \(name): \(counted(state.rows, "row")) (quota \(number(Double(state.quota)))) "
                    + "of \(counted(state.candidates, "candidate")); value covered \(number(state.valueCovered))")
            lines.append((ja ? "    基準: " : "    rule: ") + ruleText(rule, language: language))
            let exclusions = shownExclusions(state, summary)
                .map { "\(label($0.reason, summary, language: language)) \(number(Double($0.count)))" }
            lines.append((ja ? "    除外: " : "    excluded: ") + exclusions.joined(separator: ", "))
            if summary.controlShare > 0 {
                lines.append(ja ? "    対照群: \(counted(state.controlRows, "row")) (架電せず効果測定に使用)"
                                : "    control group: \(counted(state.controlRows, "row")) held out (not called; for measuring the calls)")
            }
        }
        if let p = summary.sampleRatioPValue {
            let control = summary.retention.controlRows + summary.upgrade.controlRows
            let pool = control + total
            let observed = pool > 0 ? String(format: "%.1f%%", 100 * Double(control) / Double(pool)) : "-"
            let target = String(format: "%.1f%%", 100 * summary.controlShare)
            let verdict = p < 0.001 ? (ja ? "比率に問題あり" : "MISMATCH") : (ja ? "問題なし" : "ok")
            lines.append(ja ? "  対照群の比率: \(observed) (目標 \(target)); サンプル比率検定 p = \(String(format: "%.3f", p)) \(verdict)"
                            : "  control share \(observed) of \(number(Double(pool))) (target \(target)); sample-ratio check p = \(String(format: "%.3f", p)) \(verdict)")
        }
        return lines.joined(separator: "\n")
    }

    /// A list's rule in words: its floor and what ranks it ("churn probability at least 0.4394 (the
    /// mean); ranked by ...").
    static func ruleText(_ rule: CallListRule, language: ReasonLanguage) -> String {
        let ja = language == .ja
        let probability = rule.list == .retention ? (ja ? "離反確率" : "churn probability") : (ja ? "ロイヤル化確率" : "loyal-candidate probability")
        let source = rule.floorSource == .mean ? (ja ? "平均" : "the mean") : (ja ? "指定値" : "set by flag")
        let floor = String(format: "%.4f", rule.floor)
        if rule.floorSource == .upliftAboveZero {
            return ja ? "架電による購入率の上昇 (アップリフト) が0より大きい; 並び順: アップリフト × 顧客価値"
                      : "retention uplift above 0; ranked by \(rule.ranking)"
        }
        return ja ? "\(probability) \(floor) 以上 (\(source)); 並び順: \(rule.rankedBy == .baseline ? "ベースライン (モデルがベースラインに及ばないため)" : "モデル")"
                  : "\(probability) at least \(floor) (\(source)); ranked by \(rule.ranking)"
    }

    /// The exclusions of `state` that applied to this run: the contact exclusions only with a customer
    /// file, the open control groups and the contact history's cool-off only with a contact history.
    static func shownExclusions(_ state: CallListSummary.ListSummary, _ summary: CallListSummary) -> [CallListSummary.ExclusionCount] {
        state.exclusions
            .filter { summary.contactExclusionsApplied || !$0.reason.needsCustomerFile
                || ($0.reason == .contactedRecently && summary.contactHistoryApplied) }
            .filter { $0.reason != .inControlGroup || summary.contactHistoryApplied }
    }

    /// An exclusion reason in words, in English or Japanese (the cool-off and lost-after days from
    /// `summary`), as the summary, the workbook and the report say it.
    public static func label(_ reason: CallListExclusion, _ summary: CallListSummary, language: ReasonLanguage) -> String {
        let ja = language == .ja
        switch reason {
        case .notInCustomerFile: return ja ? "顧客ファイルにない" : "not in the customer file"
        case .suppressed: return ja ? "抑止リスト" : "suppressed"
        case .inControlGroup: return ja ? "対照群 (効果測定中)" : "in an open control group"
        case .doNotCall: return ja ? "電話不可" : "do-not-call"
        case .noValidPhone: return ja ? "有効な電話番号なし" : "no valid phone"
        case .contactedRecently: return ja ? "\(summary.cooloffDays)日以内に連絡済み" : "contacted within \(summary.cooloffDays) days"
        case .inactive: return ja ? "\(summary.lostAfterDays)日超購入なし" : "inactive over \(summary.lostAfterDays) days"
        case .noNetSpend: return ja ? "返品後の購入額なし" : "no net spend"
        case .belowFloor: return ja ? "基準未満" : "below the floor"
        case .alreadyLoyal: return ja ? "ロイヤル会員" : "already loyal"
        case .onRetentionList: return ja ? "離反防止リストに掲載" : "on the retention list"
        case .onUpgradeList: return ja ? "ロイヤル化リストに掲載" : "on the upgrade list"
        case .duplicatePhone: return ja ? "同じ電話番号" : "same phone as another call"
        case .overCapacity: return ja ? "架電可能数超過" : "over capacity"
        }
    }

    /// `value` with `decimals` decimals, without locale; empty for `NaN`.
    static func fixedPoint(_ value: Double, decimals: Int) -> String {
        var text = TextFileBuilder(capacity: 24)
        ScoresFile.appendNumber(value, decimals: decimals, to: &text)
        return String(decoding: text.bytes, as: UTF8.self)
    }

    /// Retention rows, then upgrade rows, each in the order given.
    static func inListOrder(_ entries: [CallListEntry]) -> [CallListEntry] {
        entries.filter { $0.list == .retention } + entries.filter { $0.list == .upgrade }
    }

    /// The field as it goes in a CSV line: quoted (RFC 4180) when it holds a comma, quote or line break.
    private static func quotedIfNeeded(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return field
        }
        return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
