import OrderHistory

/// The engagement family: touches that are not purchases (email opens and clicks, visits, app
/// sessions, support contacts, reviews ...), per event type, up to the cutoff T.
///
/// For each type `t` of the events file: `event:t:30d`, `event:t:90d`, `event:t:365d` (counts in the
/// windows) and `event:t:days_since_last` (`NaN` when never); then `active_days_all` (distinct days with
/// any event). The `event:` namespace keeps an event type such as `purchase` or `orders` apart from the
/// built-in features (`FeatureKind.dataDerivedName`).
public enum EngagementFeatures {
    /// Window lengths in days.
    public static let windows = [30, 90, 365]

    /// The feature names for the event types of `events`, in column order.
    public static func names(for events: EventLog) -> [String] {
        events.typeNames.flatMap { type in
            (windows.map { FeatureKind.eventCount(type: type, windowDays: $0) } + [FeatureKind.daysSinceLastEvent(type: type)])
                .map { $0.dataDerivedName! }
        } + ["active_days_all"]
    }

    /// Adds the engagement columns as of `table.asOfDay`.
    public static func add(to table: inout FeatureTable, events: EventLog, timeline: CustomerTimeline) {
        let asOf = table.asOfDay
        let typeCount = events.typeNames.count
        let perType = windows.count + 1
        let count = timeline.customerCount
        var columns = [[Double]](repeating: [Double](repeating: 0, count: count), count: typeCount * perType + 1)
        for customer in 0..<count {
            var lastDay = [Int32?](repeating: nil, count: typeCount)
            var activeDays = 0.0
            var previousDay: Int32?
            for record in timeline.records(of: customer) {
                let index = Int(record)
                let day = events.day[index]
                if day > asOf { break }
                let type = Int(events.typeCode[index]) - 1
                let age = Int(asOf - day)
                for (offset, window) in windows.enumerated() where age < window {
                    columns[type * perType + offset][customer] += 1
                }
                lastDay[type] = day
                if previousDay != day { activeDays += 1 }
                previousDay = day
            }
            for type in 0..<typeCount {
                columns[type * perType + windows.count][customer] = lastDay[type].map { Double(asOf - $0) } ?? .nan
            }
            columns[typeCount * perType][customer] = activeDays
        }
        for (name, values) in zip(names(for: events), columns) { table.add(name, values) }
    }
}
