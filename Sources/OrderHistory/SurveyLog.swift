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
        var log = SurveyLog()
        var summary = InputFileSummary(file: path)
        try cursor.forEachRow {
            let day = try cursor.day(dateColumn)
            let nps = try cursor.number(npsColumn, expected: "a whole number from 0 to 10")
            guard nps >= 0, nps <= 10, nps == nps.rounded() else {
                throw OrderHistoryError.badRow(cursor.badRow(npsColumn, "expected a whole number from 0 to 10"))
            }
            let csat = try csatColumn.flatMap { try cursor.optionalNumber($0) } ?? .nan
            if csat < 0 {
                throw OrderHistoryError.badRow(cursor.badRow(csatColumn!, "expected a non-negative score or an empty cell"))
            }
            let ces = try cesColumn.flatMap { try cursor.optionalNumber($0) } ?? .nan
            if !ces.isNaN && !(1...7).contains(ces) {
                throw OrderHistoryError.badRow(cursor.badRow(cesColumn!, "expected an effort score from 1 to 7 or an empty cell"))
            }
            if cursor.isBlank(customerColumn) {
                summary.anonymousRows += 1
                return
            }
            let customer = registry.index(for: try cursor.text(customerColumn))
            summary.noteDay(day)
            log.customerIndex.append(customer)
            log.day.append(day)
            log.nps.append(Int8(nps))
            log.csat.append(csat)
            log.ces.append(ces)
        }
        summary.keptRows = log.count
        summary.finish(cursor, customerIndices: log.customerIndex)
        return (log, summary)
    }
}
