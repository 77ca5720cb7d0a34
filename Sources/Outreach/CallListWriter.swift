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

/// Writes a call list as CSV (UTF-8, UTF-8 with BOM, or CP932) or JSON, atomically, and formats its
/// summary for stderr.
///
/// Rows come out retention first, then upgrade, each list in rank order. The bytes depend only on the
/// entries (no locale, `\n` line ends), so the same call list gives the same file.
public enum CallListWriter {
    /// The CSV header, in column order.
    public static let columnNames = [
        "list", "rank", "customer_id", "name", "phone", "churn_probability", "loyal_candidate_probability",
        "value_at_stake", "rfm_rank", "segment", "reason_1", "reason_2", "reason_3", "action",
    ]

    /// Writes `entries` as CSV to `path` (temporary file, then renamed into place).
    ///
    /// Probabilities have 6 decimals, value at stake 2; a `NaN` is an empty cell. With `.cp932`, a character
    /// CP932 cannot hold throws `OutreachError.cannotEncode` naming its line and column, and nothing is
    /// written: no character is ever dropped or replaced.
    public static func writeCSV(_ entries: [CallListEntry], to path: String, encoding: CallListEncoding = .utf8) throws {
        try AtomicFile.write(csvData(entries, encoding: encoding, fileName: path), to: path)
    }

    /// The CSV bytes of `entries`; `fileName` is only used in error messages.
    public static func csvData(_ entries: [CallListEntry], encoding: CallListEncoding,
                               fileName: String = "call list") throws -> Data {
        var file = TextFileBuilder(capacity: 256 * (entries.count + 1))
        if encoding == .utf8WithBOM {
            for byte: UInt8 in [0xEF, 0xBB, 0xBF] { file.appendByte(byte) }
        }
        var line = 1
        func appendRecord(_ fields: [String]) throws {
            for (index, field) in fields.enumerated() {
                if index > 0 { file.appendByte(UInt8(ascii: ",")) }
                if encoding != .cp932 || field.utf8.allSatisfy({ $0 < 0x80 }) {
                    file.appendField(field)
                    continue
                }
                guard let encoded = cp932(quotedIfNeeded(field)) else {
                    throw OutreachError.cannotEncode(
                        file: fileName, line: line, column: index + 1, columnName: columnNames[index], value: field,
                        character: firstCharacterNotInCP932(field), encoding: "CP932")
                }
                for byte in encoded { file.appendByte(byte) }
            }
            file.appendByte(UInt8(ascii: "\n"))
            line += 1 + fields.reduce(0) { $0 + $1.utf8.filter { $0 == UInt8(ascii: "\n") }.count }
        }
        try appendRecord(columnNames)
        for entry in inListOrder(entries) {
            var fields = [entry.list.rawValue, String(entry.rank), entry.customerID, entry.name, entry.phone,
                          fixedPoint(entry.churnProbability, decimals: 6),
                          fixedPoint(entry.loyalCandidateProbability, decimals: 6),
                          fixedPoint(entry.valueAtStake, decimals: 2), entry.rfmRank, entry.segment]
            for index in 0..<3 { fields.append(index < entry.reasons.count ? entry.reasons[index] : "") }
            fields.append(entry.action)
            try appendRecord(fields)
        }
        return Data(file.bytes)
    }

    /// Writes the call list as one JSON object `{"entries": [...], "summary": {...}}` to `path`, with
    /// sorted keys (the same entries and summary give the same bytes) and `null` for a `NaN`.
    public static func writeJSON(_ entries: [CallListEntry], summary: CallListSummary, to path: String) throws {
        try AtomicFile.write(jsonData(entries, summary: summary), to: path)
    }

    /// The JSON bytes `writeJSON` writes.
    public static func jsonData(_ entries: [CallListEntry], summary: CallListSummary) throws -> Data {
        struct Document: Encodable {
            var summary: CallListSummary
            var entries: [CallListEntry]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(Document(summary: summary, entries: inListOrder(entries)))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The summary for stderr: rows per list against its quota, exclusions per reason, value covered.
    ///
    /// ```
    /// call list: 100 calls (capacity 100)
    ///   retention: 60 rows (quota 60) of 812 candidates; value covered 1,234,567
    ///     excluded: do-not-call 12, no valid phone 40, contacted within 30 days 5, inactive over 365 days 3
    ///   upgrade: 40 rows (quota 40) of 530 candidates; value covered 345,678
    ///     excluded: ..., already loyal 61, on the retention list 7
    /// ```
    public static func summaryText(_ summary: CallListSummary) -> String {
        func counted(_ count: Int, _ noun: String) -> String {
            "\(ReasonText.number(Double(count))) \(noun)\(count == 1 ? "" : "s")"
        }
        let total = summary.retention.rows + summary.upgrade.rows
        var lines = ["call list: \(counted(total, "call")) (capacity \(ReasonText.number(Double(summary.capacity))))"]
        if !summary.contactExclusionsApplied {
            lines.append("  no customer file: names and phones empty, contact exclusions not applied")
        }
        for list in [summary.retention, summary.upgrade] {
            lines.append("  \(list.list.rawValue): \(counted(list.rows, "row")) (quota \(ReasonText.number(Double(list.quota)))) "
                + "of \(counted(list.candidates, "candidate")); value covered \(ReasonText.number(list.valueCovered))")
            let exclusions = list.exclusions
                .filter { summary.contactExclusionsApplied || !$0.reason.needsCustomerFile }
                .map { "\(label($0.reason, summary)) \(ReasonText.number(Double($0.count)))" }
            lines.append("    excluded: " + exclusions.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    private static func label(_ reason: CallListExclusion, _ summary: CallListSummary) -> String {
        switch reason {
        case .notInCustomerFile: return "not in the customer file"
        case .doNotCall: return "do-not-call"
        case .noValidPhone: return "no valid phone"
        case .contactedRecently: return "contacted within \(summary.cooloffDays) days"
        case .inactive: return "inactive over \(summary.lostAfterDays) days"
        case .alreadyLoyal: return "already loyal"
        case .onRetentionList: return "on the retention list"
        }
    }

    /// `value` with `decimals` decimals, without locale; empty for `NaN`.
    private static func fixedPoint(_ value: Double, decimals: Int) -> String {
        var text = TextFileBuilder(capacity: 24)
        ScoresFile.appendNumber(value, decimals: decimals, to: &text)
        return String(decoding: text.bytes, as: UTF8.self)
    }

    /// Retention rows, then upgrade rows, each in the order given.
    private static func inListOrder(_ entries: [CallListEntry]) -> [CallListEntry] {
        entries.filter { $0.list == .retention } + entries.filter { $0.list == .upgrade }
    }

    /// The field as it goes in a CSV line: quoted (RFC 4180) when it holds a comma, quote or line break.
    private static func quotedIfNeeded(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return field
        }
        return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// The CP932 bytes of `text`, or nil when a character has no CP932 code (checked by decoding back, so
    /// nothing is replaced silently).
    static func cp932(_ text: String) -> [UInt8]? {
        guard let data = text.data(using: .shiftJIS, allowLossyConversion: false),
              String(data: data, encoding: .shiftJIS) == text else { return nil }
        return Array(data)
    }

    /// The first character of `text` that CP932 cannot hold (the whole text if none alone fails).
    private static func firstCharacterNotInCP932(_ text: String) -> String {
        for character in text where !character.isASCII && cp932(String(character)) == nil {
            return String(character)
        }
        return text
    }
}
