import Foundation

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

/// Builds an event log from events, one at a time, with the rules every source of events shares: an
/// event needs a type; one without a customer id (an anonymous visit) is counted and kept out of the log;
/// types and channels get dense codes. The CSV reader (`EventReader`) feeds it from bytes; another
/// source through `add(customerID:day:type:channel:value:registry:)`.
public struct EventLogBuilder {
    /// The log so far.
    public private(set) var log = EventLog()
    /// The counts so far (anonymous rows, first and last day).
    public private(set) var summary: InputFileSummary
    fileprivate var types = CodeTable()
    fileprivate var channels = CodeTable()

    /// A builder for the events of `source` (a file name, a table; it names the summary).
    public init(source: String) {
        summary = InputFileSummary(file: source)
    }

    /// The problem with an event's type, or nil: it must not be empty.
    public static func problem(withType type: String) -> String? {
        type.trimmingCharacters(in: .whitespaces).isEmpty ? "expected an event type such as email_open" : nil
    }

    /// Adds one event given as values (a database row): `customerID` nil or blank for an anonymous one.
    ///
    /// - Throws: `OrderHistoryError.invalidValue` naming the source for an empty type; the source says
    ///   where the row is.
    public mutating func add(customerID: String?, day: Int32, type: String, channel: String? = nil, value: Double? = nil,
                             registry: inout CustomerRegistry) throws {
        if let problem = Self.problem(withType: type) { throw OrderHistoryError.invalidValue(source: summary.file, problem: problem) }
        let typeCode = try types.code(name: type.trimmingCharacters(in: .whitespaces), source: summary.file)
        let channelCode = try channel.map { try channels.code(name: $0.trimmingCharacters(in: .whitespaces), source: summary.file) } ?? 0
        let id = customerID?.trimmingCharacters(in: .whitespaces) ?? ""
        append(customer: id.isEmpty ? nil : registry.index(for: id), day: day, type: typeCode, channel: channelCode,
               value: value ?? .nan)
    }

    /// Adds one event whose values are resolved (the CSV reader's path): `customer` nil when anonymous.
    mutating func append(customer: Int32?, day: Int32, type: UInt16, channel: UInt16, value: Double) {
        guard let customer else {
            summary.anonymousRows += 1
            return
        }
        summary.noteDay(day)
        log.customerIndex.append(customer)
        log.day.append(day)
        log.typeCode.append(type)
        log.channelCode.append(channel)
        log.value.append(value)
    }

    /// The log with its type and channel names, and the summary's kept rows.
    public func build() -> (log: EventLog, summary: InputFileSummary) {
        var log = self.log
        var summary = self.summary
        log.typeNames = types.names
        log.channelNames = channels.names
        summary.keptRows = log.count
        return (log, summary)
    }
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
        var builder = EventLogBuilder(source: path)
        try cursor.forEachRow {
            let day = try cursor.day(dateColumn)
            if cursor.isBlank(typeColumn) {
                throw OrderHistoryError.badRow(cursor.badRow(typeColumn, EventLogBuilder.problem(withType: "")!))
            }
            let type = try builder.types.code(cursor, typeColumn)
            let channel = try channelColumn.map { try builder.channels.code(cursor, $0) } ?? 0
            let value = try valueColumn.flatMap { try cursor.optionalNumber($0) } ?? .nan
            let customer = cursor.isBlank(customerColumn) ? nil : registry.index(for: try cursor.text(customerColumn))
            builder.append(customer: customer, day: day, type: type, channel: channel, value: value)
        }
        let (log, built) = builder.build()
        var summary = built
        summary.finish(cursor, customerIndices: log.customerIndex)
        return (log, summary)
    }
}
