/// Engagement events (touches that are not purchases) in columns: one entry per event.
public struct EventLog: Sendable {
    /// Index into the `CustomerRegistry` of each event's customer.
    public internal(set) var customerIndex: [Int32] = []
    /// Day number of each event.
    public internal(set) var day: [Int32] = []
    /// Type code of each event: `typeNames[code - 1]`.
    public internal(set) var typeCode: [UInt16] = []
    /// Channel code of each event: 0 when unknown, else `channelNames[code - 1]`.
    public internal(set) var channelCode: [UInt16] = []
    /// Numeric value of each event (a rating, a duration ...), NaN when absent.
    public internal(set) var value: [Double] = []
    /// Names of the event types, by code − 1 (`email_open`, `site_visit` ...).
    public internal(set) var typeNames: [String] = []
    /// Names of the channels, by code − 1.
    public internal(set) var channelNames: [String] = []

    /// An empty log.
    public init() {}

    /// The number of events.
    public var count: Int { day.count }
}

/// Reads an events file (customer id, timestamp, type; optional channel and value) into an `EventLog`.
public enum EventReader {
    /// Reads `path`, registering customers in `registry`. Rows without a customer id (anonymous visits)
    /// are counted and set aside; a bad timestamp or value, or an empty type, is a bad row.
    public static func read(path: String, options: ReadOptions = ReadOptions(),
                            registry: inout CustomerRegistry) throws -> (log: EventLog, summary: InputFileSummary) {
        let cursor = try TableCursor(path: path, options: options)
        let customerColumn = try cursor.column(ColumnRoles.customer, required: true)!
        let dateColumn = try cursor.column(ColumnRoles.date, required: true)!
        let typeColumn = try cursor.column(ColumnRoles.eventType, required: true)!
        let channelColumn = try cursor.column(ColumnRoles.channel, required: false)
        let valueColumn = try cursor.column(ColumnRoles.eventValue, required: false)
        var log = EventLog()
        var summary = InputFileSummary(file: path)
        var types = CodeTable()
        var channels = CodeTable()
        try cursor.forEachRow {
            let day = try cursor.day(dateColumn)
            if cursor.isBlank(typeColumn) {
                throw OrderHistoryError.badRow(cursor.badRow(typeColumn, "expected an event type such as email_open"))
            }
            let type = try types.code(cursor, typeColumn)
            let channel = try channelColumn.map { try channels.code(cursor, $0) } ?? 0
            let value = try valueColumn.flatMap { try cursor.optionalNumber($0) } ?? .nan
            if cursor.isBlank(customerColumn) {
                summary.anonymousRows += 1
                return
            }
            let customer = registry.index(for: try cursor.text(customerColumn))
            summary.noteDay(day)
            log.customerIndex.append(customer)
            log.day.append(day)
            log.typeCode.append(type)
            log.channelCode.append(channel)
            log.value.append(value)
        }
        log.typeNames = types.names
        log.channelNames = channels.names
        summary.keptRows = log.count
        summary.finish(cursor, customerIndices: log.customerIndex)
        return (log, summary)
    }
}
