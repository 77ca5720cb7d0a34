import OrderHistory

/// What a contact history says about the customers of a new call list as of a day: who is held out in a
/// control group whose window is still open (neither called nor drawn into another control group until
/// it closes), and when each customer was last called (for the cool-off).
public struct ContactStatus: Sendable, Equatable {
    /// Customer ids in a control group whose window is open at the as-of day.
    public var heldOut: Set<String>
    /// Each customer's last call day on or before the as-of day.
    public var lastCallDay: [String: Int32]

    /// A status as given (customers held out, last call days).
    public init(heldOut: Set<String>, lastCallDay: [String: Int32]) {
        self.heldOut = heldOut
        self.lastCallDay = lastCallDay
    }

    /// The status from a contact history: a control contact on day d holds its customer out while
    /// d + `windowDays` > `asOfDay`; contacts after `asOfDay` are ignored.
    public init(contacts: ContactLog, registry: CustomerRegistry, asOfDay: Int32, windowDays: Int) {
        var heldOut: Set<String> = []
        var lastCallDay: [String: Int32] = [:]
        for index in 0..<contacts.count where contacts.day[index] <= asOfDay {
            let id = registry.ids[Int(contacts.customerIndex[index])]
            switch contacts.group[index] {
            case .control:
                if Int(contacts.day[index]) + windowDays > Int(asOfDay) { heldOut.insert(id) }
            case .call:
                lastCallDay[id] = max(lastCallDay[id] ?? contacts.day[index], contacts.day[index])
            }
        }
        self.heldOut = heldOut
        self.lastCallDay = lastCallDay
    }
}
