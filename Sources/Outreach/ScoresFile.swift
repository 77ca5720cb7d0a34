import Features
import Foundation
import OrderHistory

/// The scores file (`scores.csv`): one row per customer, as `loyalty score` writes it and `loyalty calllist`
/// reads it.
///
/// Columns, in this order: `customer_id`, `as_of` (yyyy-MM-dd), `churn_probability` and
/// `loyal_candidate_probability` (6 decimals), their deciles (1-10), `value` (2 decimals), `value_decile`,
/// `rfm_rank`, `ltv_nps_cell`, `days_since_last_purchase`, `is_loyal` (0/1), then three churn reasons and
/// three loyal-candidate reasons in plain words, `spend_365d` (net), `churn_ranked_by` and
/// `loyal_candidate_ranked_by` (`model`, or `baseline` when the model lost to its baseline out of time),
/// then for each target and reason its code (the feature name, or `none` when nothing stands out), the
/// customer's value, the typical value and the contribution in log-odds, so that another tool (or
/// `calllist --lang ja`) can word the reasons again; then, where known, `days_since_first_purchase` (a
/// new customer gets a welcome call), `p_alive`, `expected_value`, `value_if_retained` and
/// `retention_uplift`. `NaN` and nil are empty cells. The bytes depend only on
/// the scores (UTF-8, no byte-order mark, `\n` line ends, no locale), so the same scores give the same file.
public enum ScoresFile {
    /// The header, in column order.
    public static let columnNames = [
        "customer_id", "as_of", "churn_probability", "churn_decile", "loyal_candidate_probability",
        "loyal_candidate_decile", "value", "value_decile", "rfm_rank", "ltv_nps_cell", "days_since_last_purchase",
        "is_loyal", "churn_reason_1", "churn_reason_2", "churn_reason_3", "loyal_candidate_reason_1",
        "loyal_candidate_reason_2", "loyal_candidate_reason_3", "spend_365d", "churn_ranked_by", "loyal_candidate_ranked_by",
    ] + ["churn", "loyal_candidate"].flatMap { target in
        (1...reasonsPerTarget).flatMap { index in
            ["code", "value", "typical", "contribution"].map { "\(target)_reason_\(index)_\($0)" }
        }
    }

    /// The column of the days since the first purchase (what makes a new customer, who gets a welcome
    /// call), written after the reason codes when any score has it.
    public static let tenureColumn = RFMFeatures.daysSinceFirstPurchase

    /// The probabilistic value columns (`p_alive`, `expected_value`, `value_if_retained`), written after
    /// the reason codes when any score has a P(alive).
    public static let lifetimeValueColumns = ["p_alive", "expected_value", "value_if_retained"]

    /// The column of the retention uplift, written after the others when any score has one (a
    /// retention-uplift bundle was in `--models`).
    public static let retentionUpliftColumn = "retention_uplift"

    /// Reasons kept per target (the file has this many reason columns for each).
    public static let reasonsPerTarget = 3

    /// Writes `scores` to `path` atomically (a temporary file beside it, renamed into place), in the order
    /// given. Reasons beyond the third are not written.
    ///
    /// - Complexity: O(total size of the rows), streamed in chunks.
    ///
    /// With `fullPrecision`, the probabilities are written as the shortest text that reads back to the
    /// same double (`0.45866212340001`), for comparing with another engine's (`export-sql`) to 1e-9.
    public static func write(_ scores: [CustomerScore], to path: String, language: ReasonLanguage = .en,
                             fullPrecision: Bool = false) throws {
        let writer = try StreamingFileWriter(path: path)
        let withUplift = scores.contains { !$0.retentionUplift.isNaN }
        let withValue = scores.contains { !$0.probabilityAlive.isNaN }
        let withTenure = scores.contains { !$0.daysSinceFirstPurchase.isNaN }
        try writer.write {
            $0.appendRow(columnNames + (withTenure ? [tenureColumn] : []) + (withValue ? lifetimeValueColumns : [])
                + (withUplift ? [retentionUpliftColumn] : []))
        }
        for score in scores {
            try writer.write {
                appendRow(score, language: language, withTenure: withTenure, withValue: withValue, withUplift: withUplift,
                          fullPrecision: fullPrecision, to: &$0)
            }
        }
        try writer.commit()
    }

    /// Appends one row for `score`, ended by `\n`.
    static func appendRow(_ score: CustomerScore, language: ReasonLanguage, withTenure: Bool = false, withValue: Bool = false,
                          withUplift: Bool = false, fullPrecision: Bool = false, to file: inout TextFileBuilder) {
        func probability(_ value: Double) {
            if fullPrecision { if !value.isNaN { file.append(String(value)) } } else { appendNumber(value, decimals: 6, to: &file) }
        }
        let comma = UInt8(ascii: ",")
        file.appendField(score.customerID)
        file.appendByte(comma)
        file.appendDay(score.asOfDay)
        file.appendByte(comma)
        probability(score.churnProbability)
        file.appendByte(comma)
        if let decile = score.churnDecile { file.appendInteger(Int64(decile)) }
        file.appendByte(comma)
        probability(score.loyalCandidateProbability)
        file.appendByte(comma)
        if let decile = score.loyalCandidateDecile { file.appendInteger(Int64(decile)) }
        file.appendByte(comma)
        appendNumber(score.value, decimals: 2, to: &file)
        file.appendByte(comma)
        file.appendInteger(Int64(score.valueDecile))
        file.appendByte(comma)
        file.appendField(score.rfmRank)
        file.appendByte(comma)
        file.appendField(score.ltvNPSCell)
        file.appendByte(comma)
        appendDays(score.daysSinceLastPurchase, to: &file)
        file.appendByte(comma)
        file.appendByte(score.isLoyal ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        for reasons in [score.churnReasons, score.loyalCandidateReasons] {
            for index in 0..<reasonsPerTarget {
                file.appendByte(comma)
                if index < reasons.count { file.appendField(ReasonText.describe(reasons[index], language: language)) }
            }
        }
        file.appendByte(comma)
        appendNumber(score.spend365, decimals: 2, to: &file)
        file.appendByte(comma)
        file.appendField(score.churnRankedBy.rawValue)
        file.appendByte(comma)
        file.appendField(score.loyalCandidateRankedBy.rawValue)
        for reasons in [score.churnReasons, score.loyalCandidateReasons] {
            for index in 0..<reasonsPerTarget {
                file.appendByte(comma)
                guard index < reasons.count else {
                    for _ in 0..<3 { file.appendByte(comma) }
                    continue
                }
                let reason = reasons[index]
                file.appendField(reason.feature)
                file.appendByte(comma)
                appendNumber(reason.value, decimals: 6, to: &file)
                file.appendByte(comma)
                appendNumber(reason.typical, decimals: 6, to: &file)
                file.appendByte(comma)
                appendNumber(reason.contribution, decimals: 6, to: &file)
            }
        }
        if withTenure {
            file.appendByte(comma)
            appendDays(score.daysSinceFirstPurchase, to: &file)
        }
        if withValue {
            file.appendByte(comma)
            appendNumber(score.probabilityAlive, decimals: 6, to: &file)
            file.appendByte(comma)
            appendNumber(score.expectedValue, decimals: 2, to: &file)
            file.appendByte(comma)
            appendNumber(score.valueIfRetained, decimals: 2, to: &file)
        }
        if withUplift {
            file.appendByte(comma)
            appendNumber(score.retentionUplift, decimals: 6, to: &file)
        }
        file.appendByte(UInt8(ascii: "\n"))
    }

    /// Appends a number of days: a whole number as an integer, else with 6 decimals; nothing for `NaN`.
    static func appendDays(_ days: Double, to file: inout TextFileBuilder) {
        if days.isFinite && days == days.rounded() && days.magnitude < 1e15 {
            file.appendInteger(Int64(days))
        } else {
            appendNumber(days, decimals: 6, to: &file)
        }
    }

    /// Appends `value` with `decimals` decimals, nothing for `NaN`.
    static func appendNumber(_ value: Double, decimals: Int, to file: inout TextFileBuilder) {
        guard !value.isNaN else { return }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        if value.isFinite && (value.magnitude * scale) < 9e18 {
            file.appendDecimal(value, decimals: decimals)
        } else {
            file.append(String(value))
        }
    }

    /// Reads a scores file written by `write(_:to:)` (or by another tool with the same header names, in
    /// any order; the reason columns may be missing).
    ///
    /// Delimiter detected from the header, UTF-8 or CP932 text. A cell that cannot be read throws
    /// `OrderHistoryError.badRow` (`file:line:column: column "x": value "v": expected ...`); a missing
    /// column throws `OutreachError.missingColumn` naming it; a repeated customer id is a bad row.
    public static func read(path: String) throws -> [CustomerScore] {
        var table = try ScoresTable(path: path)
        var scores: [CustomerScore] = []
        var lineByCustomer: [String: Int] = [:]
        while let score = try table.nextScore() {
            if let earlier = lineByCustomer[score.customerID] {
                throw OrderHistoryError.badRow(table.badRow(table.customerColumn,
                    "this customer id already appeared on line \(earlier); expected one row per customer"))
            }
            lineByCustomer[score.customerID] = table.record.line
            scores.append(score)
        }
        return scores
    }
}

/// The rows of a scores file, read one at a time into `CustomerScore`s with located errors.
private struct ScoresTable {
    let path: String
    let reader: DelimitedTextReader
    var record = DelimitedRecord()
    let columnNames: [String]
    var decoder = CellDecoder()
    let customerColumn: Int
    let asOfColumn: Int
    let churnColumn: Int
    let churnDecileColumn: Int
    let loyalCandidateColumn: Int
    let loyalCandidateDecileColumn: Int
    let valueColumn: Int
    let valueDecileColumn: Int
    let rfmRankColumn: Int
    let cellColumn: Int
    let daysColumn: Int
    let isLoyalColumn: Int
    let churnReasonColumns: [Int]
    let loyalCandidateReasonColumns: [Int]
    /// Per target and reason: the code, value, typical and contribution columns (nil when absent).
    let churnReasonCodeColumns: [[Int]?]
    let loyalCandidateReasonCodeColumns: [[Int]?]
    let spend365Column: Int?
    let tenureColumn: Int?
    let retentionUpliftColumn: Int?
    let lifetimeValueColumns: [Int?]
    let churnRankedByColumn: Int?
    let loyalCandidateRankedByColumn: Int?

    init(path: String) throws {
        self.path = path
        reader = try DelimitedTextReader(path: path)
        var header = DelimitedRecord()
        guard try reader.next(into: &header) else { throw OrderHistoryError.emptyFile(file: path) }
        var names: [String] = []
        var headerDecoder = CellDecoder()
        for index in 0..<header.fieldCount {
            guard let name = header.withField(index, { headerDecoder.text($0) }) else {
                throw OrderHistoryError.badRow(BadRow(
                    file: path, line: header.line, column: index + 1, columnName: nil,
                    value: header.withField(index) { String(decoding: $0, as: UTF8.self) },
                    problem: "expected a column name in UTF-8 or CP932 text"))
            }
            names.append(name)
        }
        columnNames = names
        decoder = headerDecoder
        let normalized = names.map(normalizedColumnName)
        func column(_ name: String) -> Int? { normalized.firstIndex(of: normalizedColumnName(name)) }
        func required(_ name: String) throws -> Int {
            guard let index = column(name) else {
                throw OutreachError.missingColumn(file: path, column: name, available: names)
            }
            return index
        }
        customerColumn = try required("customer_id")
        asOfColumn = try required("as_of")
        churnColumn = try required("churn_probability")
        churnDecileColumn = try required("churn_decile")
        loyalCandidateColumn = try required("loyal_candidate_probability")
        loyalCandidateDecileColumn = try required("loyal_candidate_decile")
        valueColumn = try required("value")
        valueDecileColumn = try required("value_decile")
        rfmRankColumn = try required("rfm_rank")
        cellColumn = try required("ltv_nps_cell")
        daysColumn = try required("days_since_last_purchase")
        isLoyalColumn = try required("is_loyal")
        churnReasonColumns = (1...ScoresFile.reasonsPerTarget).compactMap { column("churn_reason_\($0)") }
        loyalCandidateReasonColumns = (1...ScoresFile.reasonsPerTarget)
            .compactMap { column("loyal_candidate_reason_\($0)") }
        func codeColumns(_ target: String) -> [[Int]?] {
            (1...ScoresFile.reasonsPerTarget).map { index in
                let found = ["code", "value", "typical", "contribution"].compactMap { column("\(target)_reason_\(index)_\($0)") }
                return found.count == 4 ? found : nil
            }
        }
        churnReasonCodeColumns = codeColumns("churn")
        loyalCandidateReasonCodeColumns = codeColumns("loyal_candidate")
        spend365Column = column("spend_365d")
        tenureColumn = column(ScoresFile.tenureColumn)
        retentionUpliftColumn = column(ScoresFile.retentionUpliftColumn)
        lifetimeValueColumns = ScoresFile.lifetimeValueColumns.map(column)
        churnRankedByColumn = column("churn_ranked_by")
        loyalCandidateRankedByColumn = column("loyal_candidate_ranked_by")
    }

    /// The reasons of one target: words from `wordColumns`, codes and numbers from `codeColumns` where
    /// the file has them.
    private mutating func reasons(words wordColumns: [Int], codes codeColumns: [[Int]?]) throws -> [ReasonFactor] {
        var result: [ReasonFactor] = []
        for index in 0..<ScoresFile.reasonsPerTarget {
            let words = index < wordColumns.count ? try text(wordColumns[index]) : ""
            var factor = ReasonFactor(feature: "", value: .nan, typical: .nan, contribution: .nan, text: words)
            if let columns = codeColumns[index] {
                factor.feature = try text(columns[0])
                for (offset, keyPath) in [\ReasonFactor.value, \.typical, \.contribution].enumerated() {
                    guard let number = try number(columns[offset + 1], allowsEmpty: true, { _ in true }) else {
                        throw OrderHistoryError.badRow(badRow(columns[offset + 1], "expected a number, or an empty cell"))
                    }
                    factor[keyPath: keyPath] = number
                }
            }
            if !factor.feature.isEmpty || !words.isEmpty { result.append(factor) }
        }
        return result
    }

    /// The next row's score; nil at the end of the file.
    mutating func nextScore() throws -> CustomerScore? {
        guard try reader.next(into: &record) else { return nil }
        try checkFieldCount()
        let customerID = try text(customerColumn)
        if customerID.isEmpty { throw OrderHistoryError.badRow(badRow(customerColumn, "expected a customer id")) }
        guard let asOfDay = CalendarDay.parseISO(try text(asOfColumn)) else {
            throw OrderHistoryError.badRow(badRow(asOfColumn, "expected a date as yyyy-MM-dd"))
        }
        guard let days = try number(daysColumn, allowsEmpty: true, { $0 >= 0 }) else {
            throw OrderHistoryError.badRow(badRow(daysColumn,
                "expected a number of days (0 or more), or an empty cell for a customer who never bought"))
        }
        guard let value = try number(valueColumn, allowsEmpty: true, { _ in true }) else {
            throw OrderHistoryError.badRow(badRow(valueColumn, "expected a number such as 12345.67, or an empty cell"))
        }
        let isLoyal: Bool
        switch try text(isLoyalColumn) {
        case "1": isLoyal = true
        case "0": isLoyal = false
        default: throw OrderHistoryError.badRow(badRow(isLoyalColumn, "expected 0 or 1"))
        }
        guard let valueDecile = try decile(valueDecileColumn) else {
            throw OrderHistoryError.badRow(badRow(valueDecileColumn, "expected a decile from 1 to 10"))
        }
        var score = CustomerScore(
            customerID: customerID, asOfDay: asOfDay,
            churnProbability: try probability(churnColumn), churnDecile: try decile(churnDecileColumn),
            loyalCandidateProbability: try probability(loyalCandidateColumn),
            loyalCandidateDecile: try decile(loyalCandidateDecileColumn),
            value: value,
            valueDecile: valueDecile, rfmRank: try text(rfmRankColumn), ltvNPSCell: try text(cellColumn),
            daysSinceLastPurchase: days, isLoyal: isLoyal,
            churnReasons: try reasons(words: churnReasonColumns, codes: churnReasonCodeColumns),
            loyalCandidateReasons: try reasons(words: loyalCandidateReasonColumns, codes: loyalCandidateReasonCodeColumns))
        if let column = spend365Column {
            guard let spend = try number(column, allowsEmpty: true, { _ in true }) else {
                throw OrderHistoryError.badRow(badRow(column, "expected a number such as 12345.67, or an empty cell"))
            }
            score.spend365 = spend
        }
        if let column = tenureColumn {
            guard let tenure = try number(column, allowsEmpty: true, { $0 >= 0 }) else {
                throw OrderHistoryError.badRow(badRow(column,
                    "expected a number of days (0 or more), or an empty cell for a customer who never bought"))
            }
            score.daysSinceFirstPurchase = tenure
        }
        let valueRules: [(WritableKeyPath<CustomerScore, Double>, (Double) -> Bool, String)] = [
            (\.probabilityAlive, { $0 >= 0 && $0 <= 1 }, "expected a probability from 0 to 1, or an empty cell"),
            (\.expectedValue, { _ in true }, "expected a number such as 123.45, or an empty cell"),
            (\.valueIfRetained, { _ in true }, "expected a number such as 123.45, or an empty cell"),
        ]
        for (column, (keyPath, accepts, expected)) in zip(lifetimeValueColumns, valueRules) {
            guard let column else { continue }
            guard let value = try number(column, allowsEmpty: true, accepts) else {
                throw OrderHistoryError.badRow(badRow(column, expected))
            }
            score[keyPath: keyPath] = value
        }
        if let column = retentionUpliftColumn {
            guard let uplift = try number(column, allowsEmpty: true, { $0 >= -1 && $0 <= 1 }) else {
                throw OrderHistoryError.badRow(badRow(column, "expected an uplift from -1 to 1, or an empty cell"))
            }
            score.retentionUplift = uplift
        }
        for (column, keyPath) in [(churnRankedByColumn, \CustomerScore.churnRankedBy),
                                  (loyalCandidateRankedByColumn, \.loyalCandidateRankedBy)] {
            guard let column else { continue }
            guard let rankedBy = ListRanking(rawValue: try text(column)) else {
                throw OrderHistoryError.badRow(badRow(column, "expected model or baseline"))
            }
            score[keyPath: keyPath] = rankedBy
        }
        return score
    }

    /// Rejects a record whose field count differs from the header's (extra blank fields are allowed).
    private mutating func checkFieldCount() throws {
        let expected = columnNames.count
        if record.fieldCount == expected { return }
        if record.fieldCount > expected, (expected..<record.fieldCount).allSatisfy({ record.isBlank($0) }) { return }
        let column = min(record.fieldCount, expected) + 1
        throw OrderHistoryError.badRow(BadRow(
            file: path, line: record.line, column: column,
            columnName: column <= expected ? columnNames[column - 1] : nil,
            value: record.fieldCount > expected ? lossyText(expected) : "",
            problem: "the row has \(record.fieldCount) fields; expected \(expected) as in the header"))
    }

    /// A probability in [0, 1], `NaN` for an empty cell.
    private mutating func probability(_ column: Int) throws -> Double {
        guard let value = try number(column, allowsEmpty: true, { $0 >= 0 && $0 <= 1 }) else {
            throw OrderHistoryError.badRow(badRow(column, "expected a probability between 0 and 1, or an empty cell"))
        }
        return value
    }

    /// A decile 1-10, nil for an empty cell.
    private mutating func decile(_ column: Int) throws -> Int? {
        let text = try text(column)
        if text.isEmpty { return nil }
        guard let decile = Int(text), (1...10).contains(decile) else {
            throw OrderHistoryError.badRow(badRow(column, "expected a decile from 1 to 10, or an empty cell"))
        }
        return decile
    }

    /// The number in `column` if it passes `isValid`, `NaN` for an empty cell when allowed; nil otherwise.
    private mutating func number(_ column: Int, allowsEmpty: Bool, _ isValid: (Double) -> Bool) throws -> Double? {
        let text = try text(column)
        if text.isEmpty { return allowsEmpty ? .nan : nil }
        guard text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || "+-.eE".utf8.contains($0) }),
              let value = Double(text), value.isFinite, isValid(value) else { return nil }
        return value
    }

    /// The text of `column`, blanks trimmed; a bad row when it is neither UTF-8 nor CP932.
    private mutating func text(_ column: Int) throws -> String {
        guard let text = record.withField(column, { decoder.text($0) }) else {
            throw OrderHistoryError.badRow(badRow(column, "expected UTF-8 or CP932 text"))
        }
        return text
    }

    private func lossyText(_ column: Int) -> String {
        record.withField(column) { String(decoding: $0, as: UTF8.self) }
    }

    /// A located bad-row report for `column` of the current record.
    func badRow(_ column: Int, _ problem: String) -> BadRow {
        var fields: [String] = []
        for index in 0..<record.fieldCount { fields.append(lossyText(index)) }
        return BadRow(file: path, line: record.line, column: column + 1, columnName: columnNames[column],
                      value: lossyText(column).trimmingBlanks(), problem: problem, fields: fields)
    }
}

/// Decodes cells as UTF-8 or CP932, settled by the first cell that is not ASCII (as the input readers do).
struct CellDecoder {
    private var isCP932: Bool?

    /// The text of `bytes` with blanks trimmed; nil when not valid in the file's encoding.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        let field = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if field.allSatisfy({ $0 < 0x80 }) { return String(decoding: field, as: UTF8.self) }
        if isCP932 != true, let text = String(validating: field, as: UTF8.self) {
            isCP932 = false
            return text
        }
        if isCP932 != false, let text = String(data: Data(buffer: field), encoding: .shiftJIS) {
            isCP932 = true
            return text
        }
        return nil
    }
}
