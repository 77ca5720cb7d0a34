import Foundation

/// Survey answers in columns: one entry per answer.
public struct SurveyLog: Sendable {
    /// Index into the `CustomerRegistry` of each answer's customer.
    public internal(set) var customerIndex: [Int32] = []
    /// Day number of each answer.
    public internal(set) var day: [Int32] = []
    /// NPS answer, 0-10 (promoters 9-10, passives 7-8, detractors 0-6).
    public internal(set) var nps: [Int8] = []
    /// CSAT answer, NaN when not asked.
    public internal(set) var csat: [Double] = []
    /// CES answer (effort, 1-7), NaN when not asked.
    public internal(set) var ces: [Double] = []

    /// An empty log.
    public init() {}

    /// The number of answers.
    public var count: Int { day.count }
}

/// Builds a survey log from answers, one at a time, with the rules every source of answers shares: an NPS
/// is a whole number 0-10, a CSAT is not negative, a CES is 1-7 (CSAT and CES may be missing); an answer
/// without a customer id is counted and kept out of the log. The CSV reader (`SurveyReader`) feeds it
/// from a file; another source through `add(customerID:day:nps:csat:ces:registry:)`.
public struct SurveyLogBuilder {
    /// The log so far.
    public private(set) var log = SurveyLog()
    /// The counts so far (anonymous rows, first and last day).
    public private(set) var summary: InputFileSummary

    /// A builder for the answers of `source` (a file name, a table; it names the summary).
    public init(source: String) {
        summary = InputFileSummary(file: source)
    }

    /// The problem with an NPS answer, or nil.
    public static func problem(withNPS nps: Double) -> String? {
        nps >= 0 && nps <= 10 && nps == nps.rounded() ? nil : "expected a whole number from 0 to 10"
    }

    /// The problem with a CSAT score (NaN: missing), or nil.
    public static func problem(withCSAT csat: Double) -> String? {
        csat < 0 ? "expected a non-negative score or an empty cell" : nil
    }

    /// The problem with a CES score (NaN: missing), or nil.
    public static func problem(withCES ces: Double) -> String? {
        !ces.isNaN && !(1...7).contains(ces) ? "expected an effort score from 1 to 7 or an empty cell" : nil
    }

    /// Adds one answer given as values (a database row): `customerID` nil or blank for an anonymous one.
    ///
    /// - Throws: `OrderHistoryError.invalidValue` naming the source and the score at fault.
    public mutating func add(customerID: String?, day: Int32, nps: Double, csat: Double? = nil, ces: Double? = nil,
                             registry: inout CustomerRegistry) throws {
        let csat = csat ?? .nan, ces = ces ?? .nan
        for (name, problem) in [("NPS", Self.problem(withNPS: nps)), ("CSAT", Self.problem(withCSAT: csat)),
                                ("CES", Self.problem(withCES: ces))] {
            if let problem { throw OrderHistoryError.invalidValue(source: summary.file, problem: "\(name): \(problem)") }
        }
        let id = customerID?.trimmingCharacters(in: .whitespaces) ?? ""
        append(customer: id.isEmpty ? nil : registry.index(for: id), day: day, nps: nps, csat: csat, ces: ces)
    }

    /// Adds one checked answer (the CSV reader's path): `customer` nil when anonymous.
    mutating func append(customer: Int32?, day: Int32, nps: Double, csat: Double, ces: Double) {
        guard let customer else {
            summary.anonymousRows += 1
            return
        }
        summary.noteDay(day)
        log.customerIndex.append(customer)
        log.day.append(day)
        log.nps.append(Int8(nps))
        log.csat.append(csat)
        log.ces.append(ces)
    }

    /// The log, and the summary's kept rows.
    public func build() -> (log: SurveyLog, summary: InputFileSummary) {
        var summary = self.summary
        summary.keptRows = log.count
        return (log, summary)
    }
}

/// Reads a surveys file (customer id, date, NPS 0-10; optional CSAT and CES) into a `SurveyLog`.
public enum SurveyReader {
    /// Reads `path`, registering customers in `registry`. An NPS that is not a whole number 0-10, a CES
    /// outside 1-7 or a negative CSAT is a bad row; rows without a customer id are counted and set aside.
    public static func read(path: String, options: ReadOptions = ReadOptions(),
                            registry: inout CustomerRegistry) throws -> (log: SurveyLog, summary: InputFileSummary) {
        let cursor = try TableCursor(path: path, options: options)
        let customerColumn = try cursor.column(ColumnRoles.customer, required: true)!
        let dateColumn = try cursor.column(ColumnRoles.date, required: true)!
        let npsColumn = try cursor.column(ColumnRoles.nps, required: true)!
        let csatColumn = try cursor.column(ColumnRoles.csat, required: false)
        let cesColumn = try cursor.column(ColumnRoles.ces, required: false)
        var builder = SurveyLogBuilder(source: path)
        try cursor.forEachRow {
            let day = try cursor.day(dateColumn)
            let nps = try cursor.number(npsColumn, expected: "a whole number from 0 to 10")
            if let problem = SurveyLogBuilder.problem(withNPS: nps) { throw OrderHistoryError.badRow(cursor.badRow(npsColumn, problem)) }
            let csat = try csatColumn.flatMap { try cursor.optionalNumber($0) } ?? .nan
            if let problem = SurveyLogBuilder.problem(withCSAT: csat) { throw OrderHistoryError.badRow(cursor.badRow(csatColumn!, problem)) }
            let ces = try cesColumn.flatMap { try cursor.optionalNumber($0) } ?? .nan
            if let problem = SurveyLogBuilder.problem(withCES: ces) { throw OrderHistoryError.badRow(cursor.badRow(cesColumn!, problem)) }
            let customer = cursor.isBlank(customerColumn) ? nil : registry.index(for: try cursor.text(customerColumn))
            builder.append(customer: customer, day: day, nps: nps, csat: csat, ces: ces)
        }
        let (log, built) = builder.build()
        var summary = built
        summary.finish(cursor, customerIndices: log.customerIndex)
        return (log, summary)
    }
}
