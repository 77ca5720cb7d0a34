import OrderHistory

/// The files of one company's history, read once, from which feature tables and labels at any cutoff are
/// built: orders (required), and engagement events, survey answers and the customer file where it has them.
///
/// The per-customer timelines are built once here and shared by every cutoff.
public struct CustomerHistory: Sendable {
    /// Every customer id seen in any file.
    public let registry: CustomerRegistry
    /// The orders.
    public let orders: OrderLog
    /// The last order day in the file (the default cutoff); nil without orders.
    public let lastOrderDay: Int32?
    /// The first order day in the file; nil without orders.
    public let firstOrderDay: Int32?
    /// Engagement events, if given.
    public let events: EventLog?
    /// Survey answers, if given.
    public let surveys: SurveyLog?
    /// The customer file, if given.
    public let customers: CustomerTable?
    /// Settings of the value (LTV) family.
    public let value: ValueFeatures.Settings
    /// Orders grouped by customer, by day.
    public let orderTimeline: CustomerTimeline
    /// Events grouped by customer, by day (with an events file).
    public let eventTimeline: CustomerTimeline?
    /// Survey answers grouped by customer, by day (with a surveys file).
    public let surveyTimeline: CustomerTimeline?

    /// The feature families, in column order (the value family reads the RFM columns, so it comes after
    /// them). Each adds its columns through `FeatureFamilyBuilder`.
    public static let families: [any FeatureFamilyBuilder.Type] = [
        RFMFeatures.self, ValueFeatures.self, LoyaltyDistanceFeatures.self, PurchaseProcessFeatures.self, EngagementFeatures.self,
        SurveyFeatures.self, AttributeFeatures.self,
    ]

    /// A history from logs read with one shared `registry`.
    public init(registry: CustomerRegistry, orders: OrderLog, lastOrderDay: Int32?, events: EventLog? = nil,
                surveys: SurveyLog? = nil, customers: CustomerTable? = nil, value: ValueFeatures.Settings = .init()) {
        self.registry = registry
        self.orders = orders
        self.lastOrderDay = lastOrderDay
        firstOrderDay = orders.day.min()
        self.events = events
        self.surveys = surveys
        self.customers = customers
        self.value = value
        let count = registry.count
        orderTimeline = CustomerTimeline(log: orders, customerCount: count)
        eventTimeline = events.map { CustomerTimeline(customerIndex: $0.customerIndex, day: $0.day, customerCount: count) }
        surveyTimeline = surveys.map { CustomerTimeline(customerIndex: $0.customerIndex, day: $0.day, customerCount: count) }
    }

    /// Reads a history from files with the rules every `loyalty` command uses (column roles and mapping
    /// from `options`, returns and cancellations, guests, line merging, located errors): the customer file
    /// first, then the orders, events and surveys, into one registry.
    ///
    /// - Returns: the history, and each file's rows set aside when `options.onBadRows` is `.skip` (in the
    ///   order the files were read; files without bad rows are left out), for a quarantine file.
    /// - Throws: `OrderHistoryError` naming the file, line and column of the first bad row (with
    ///   `.fail`), or a file that cannot be read.
    public static func read(orders: String, customers: String? = nil, events: String? = nil, surveys: String? = nil,
                            options: ReadOptions = ReadOptions(),
                            value: ValueFeatures.Settings = .init()) throws -> (history: CustomerHistory, badRows: [(file: String, rows: [BadRow])]) {
        var registry = CustomerRegistry()
        let customerFile = try customers.map { try CustomerReader.read(path: $0, options: options, registry: &registry) }
        let (log, summary) = try OrderReader.read(path: orders, options: options, registry: &registry)
        let eventLog = try events.map { try EventReader.read(path: $0, options: options, registry: &registry) }
        let surveyLog = try surveys.map { try SurveyReader.read(path: $0, options: options, registry: &registry) }
        var badRows: [(file: String, rows: [BadRow])] = []
        for (path, rows) in [(Optional(orders), Optional(summary.badRows)), (customers, customerFile?.summary.badRows),
                             (events, eventLog?.summary.badRows), (surveys, surveyLog?.summary.badRows)] {
            if let path, let rows, !rows.isEmpty { badRows.append((path, rows)) }
        }
        let history = CustomerHistory(registry: registry, orders: log, lastOrderDay: summary.lastDay, events: eventLog?.log,
                                      surveys: surveyLog?.log, customers: customerFile?.table, value: value)
        return (history, badRows)
    }

    /// Customer-file columns that the attribute family leaves out (not numeric, too many levels).
    public var attributeColumnsLeftOut: [String] {
        guard let customers else { return [] }
        var table = FeatureTable(asOfDay: 0, rowCount: registry.count)
        return AttributeFeatures.add(to: &table, customers: customers)
    }

    /// Every feature family available, as of `cutoff` (only data on or before it is read); with a
    /// `loyaltyRule`, also the distance to loyal under it.
    public func featureTable(at cutoff: Int32, loyaltyRule: LoyaltyRule? = nil) -> FeatureTable {
        var table = FeatureTable(asOfDay: cutoff, rowCount: registry.count)
        for family in Self.families { family.add(to: &table, from: self, loyaltyRule: loyaltyRule) }
        return table
    }
}
