import Foundation
import OrderHistory
import ScoringCore

/// Writes realistic synthetic order histories with a known ground truth: `orders.csv`, `customers.csv`,
/// `events.csv`, `surveys.csv` and `truth.csv`.
///
/// Each customer has latent traits drawn from their own seeded stream (so customer `i` is the same
/// whatever `N` is): a purchase rate (orders a year), a growth rate (some customers buy more and more:
/// the future loyal ones), a per-purchase drop-out probability (BG/NBD-style churn, higher for
/// detractors), a spend level, a satisfaction that drives NPS, CSAT and CES answers, and an engagement
/// level that drives email, site, app, support and review events and fades after drop-out. Purchases
/// follow the calendar's seasonality (December high, January low); about 4% are followed by a return.
/// The customer file has Japanese names, phone numbers (some missing or malformed), do-not-call flags and
/// last-contacted dates. `truth.csv` holds every latent trait and the day each customer dropped out.
///
/// Same configuration, same bytes.
public struct SyntheticHistory {
    /// What to generate.
    public struct Configuration: Sendable {
        /// Number of customers.
        public var customers: Int
        /// Random seed.
        public var seed: UInt64
        /// First day of the history.
        public var firstDay: Int32
        /// Last day of the history.
        public var lastDay: Int32
        /// Whether to write `events.csv` and `surveys.csv` (off for large order-only benchmarks).
        public var includeEngagement: Bool
        /// Simulated retention campaigns in the history (0: none): `contacts.csv` (call lists with their
        /// control groups and who was reached) and `campaign_truth.csv` (each contact's response kind and
        /// potential outcomes); called customers' orders show the calls' effects.
        public var campaigns: Int

        /// A three-year history, 2022-01-01 to 2024-12-31, with events and surveys.
        public init(customers: Int, seed: UInt64, includeEngagement: Bool = true, campaigns: Int = 0) {
            self.customers = customers
            self.seed = seed
            self.firstDay = CalendarDay.dayNumber(year: 2022, month: 1, day: 1)
            self.lastDay = CalendarDay.dayNumber(year: 2024, month: 12, day: 31)
            self.includeEngagement = includeEngagement
            self.campaigns = campaigns
        }
    }

    /// How many rows each file got.
    public struct Counts: Sendable, Equatable {
        /// Rows of `orders.csv` (orders and return rows).
        public var orders = 0
        /// Rows of `contacts.csv` (with campaigns).
        public var contacts = 0
        /// Rows of `customers.csv`.
        public var customers = 0
        /// Rows of `events.csv`.
        public var events = 0
        /// Rows of `surveys.csv`.
        public var surveys = 0
    }

    static let channels = ["web", "store", "app", "phone"]
    static let categories = ["apparel", "beauty", "food", "home", "outdoor", "books"]
    static let eventTypes = ["email_open", "email_click", "site_visit", "app_session", "support_contact", "review"]
    static let familyNames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
                              "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "清水", "斎藤"]
    static let givenNames = ["翔太", "蓮", "大輝", "健太", "拓也", "陽菜", "美咲", "さくら", "結衣", "葵",
                             "優子", "直樹", "恵", "真由美", "和也", "裕子", "浩二", "明美", "誠", "愛"]
    static let prefectures = ["東京都", "神奈川県", "大阪府", "愛知県", "埼玉県", "千葉県", "兵庫県", "北海道", "福岡県", "静岡県"]
    static let ageBands = ["20s", "30s", "40s", "50s", "60+"]
    /// Relative purchase intensity by month (January first).
    static let seasonality: [Double] = [0.75, 0.8, 0.95, 1.0, 1.0, 1.05, 1.1, 1.0, 0.95, 1.0, 1.2, 1.5]

    /// Writes the files into `folder` and returns their row counts.
    public static func write(_ configuration: Configuration, to folder: String) throws -> Counts {
        precondition(configuration.customers > 0, "at least one customer")
        var orders = DayBuckets<OrderRow>(firstDay: configuration.firstDay, lastDay: configuration.lastDay)
        var events = DayBuckets<EventRow>(firstDay: configuration.firstDay, lastDay: configuration.lastDay)
        var surveys = DayBuckets<SurveyRow>(firstDay: configuration.firstDay, lastDay: configuration.lastDay)
        let customersFile = try StreamingFileWriter(path: folder + "/customers.csv")
        let truthFile = try StreamingFileWriter(path: folder + "/truth.csv")
        try customersFile.write {
            $0.appendRow(["customer_id", "name", "phone", "email", "signup_date", "do_not_call", "last_contacted",
                          "prefecture", "age_band"])
        }
        try truthFile.write {
            $0.appendRow(["customer_id", "signup_date", "purchase_rate_per_year", "growth_per_year",
                          "dropout_probability", "spend_level", "satisfaction", "engagement", "dropout_date", "orders"])
        }
        var counts = Counts(customers: configuration.customers)
        let campaignDays = CampaignSimulation.days(count: configuration.campaigns, lastDay: configuration.lastDay)
        let contactsFile = configuration.campaigns > 0 ? try StreamingFileWriter(path: folder + "/contacts.csv") : nil
        let campaignTruthFile = configuration.campaigns > 0 ? try StreamingFileWriter(path: folder + "/campaign_truth.csv") : nil
        try contactsFile?.write { $0.appendRow(["customer_id", "contact_date", "group", "list", "reached"]) }
        try campaignTruthFile?.write {
            $0.appendRow(["customer_id", "contact_date", "group", "reached", "response", "bought_without_call", "bought_with_call"])
        }
        var contacts: [(day: Int32, index: Int, contact: CampaignSimulation.Contact)] = []
        for index in 0..<configuration.customers {
            var rng = SplitMix64(seed: configuration.seed, stream: UInt64(index))
            var customer = LatentCustomer(index: index, configuration: configuration, rng: &rng)
            var rows: [(day: Int32, row: OrderRow)] = []
            let orderCount = customer.simulateOrders(configuration, &rng, into: &rows)
            if !campaignDays.isEmpty, let contact = CampaignSimulation.simulate(customer, rows: &rows, campaignDays: campaignDays,
                                                                                 seed: configuration.seed) {
                contacts.append((contact.day, index, contact))
            }
            for (day, row) in rows { orders.append(day: day, row) }
            if configuration.includeEngagement {
                customer.simulateEvents(configuration, &rng, into: &events)
                customer.simulateSurveys(configuration, &rng, into: &surveys)
            }
            try customersFile.write { customer.appendCustomerRow(to: &$0, configuration: configuration, rng: &rng) }
            try truthFile.write { customer.appendTruthRow(to: &$0, orders: orderCount) }
        }
        counts.orders = try writeOrders(orders, to: folder + "/orders.csv")
        // Contacts by list date, then customer: as a week's lists appended one after the other.
        contacts.sort { ($0.day, $0.index) < ($1.day, $1.index) }
        for (day, index, contact) in contacts {
            let id = customerID(index)
            let group = contact.isControl ? "control" : "call"
            try contactsFile?.write {
                $0.append("\(id),")
                $0.appendDay(day)
                $0.append(",\(group),retention,\(contact.isControl ? "" : (contact.reached ? "1" : "0"))\n")
            }
            try campaignTruthFile?.write {
                $0.append("\(id),")
                $0.appendDay(day)
                $0.append(",\(group),\(contact.reached ? 1 : 0),\(contact.response.rawValue),"
                          + "\(contact.boughtWithoutCall ? 1 : 0),\(contact.boughtWithCall ? 1 : 0)\n")
            }
        }
        counts.contacts = contacts.count
        try contactsFile?.commit()
        try campaignTruthFile?.commit()
        if configuration.includeEngagement {
            counts.events = try writeEvents(events, to: folder + "/events.csv")
            counts.surveys = try writeSurveys(surveys, to: folder + "/surveys.csv")
        }
        try customersFile.commit()
        try truthFile.commit()
        return counts
    }

    static func customerID(_ index: Int) -> String {
        let digits = String(index + 1)
        return String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    /// Writes the header and then one line per row in day order; returns the number of rows.
    /// `line` gets the row's 0-based position in the file, its day and the row.
    private static func writeInDayOrder<Row>(_ buckets: DayBuckets<Row>, to path: String, header: [String],
                                             line: (inout TextFileBuilder, Int, Int32, Row) -> Void) throws -> Int {
        let file = try StreamingFileWriter(path: path)
        try file.write { $0.appendRow(header) }
        var count = 0
        try buckets.forEachInDayOrder { day, row in
            try file.write { line(&$0, count, day, row) }
            count += 1
        }
        try file.commit()
        return count
    }

    private static func writeOrders(_ buckets: DayBuckets<OrderRow>, to path: String) throws -> Int {
        try writeInDayOrder(buckets, to: path,
                            header: ["order_id", "customer_id", "order_date", "amount", "channel", "category", "status"]) {
            out, position, day, row in
            out.appendInteger(100_000_001 + Int64(position))
            out.appendByte(UInt8(ascii: ","))
            out.append(customerID(Int(row.customer)))
            out.appendByte(UInt8(ascii: ","))
            out.appendDay(day)
            out.appendByte(UInt8(ascii: ","))
            out.appendInteger(row.amount)
            out.appendByte(UInt8(ascii: ","))
            out.append(channels[Int(row.channel)])
            out.appendByte(UInt8(ascii: ","))
            out.append(categories[Int(row.category)])
            out.append(row.amount < 0 ? ",returned\n" : ",completed\n")
        }
    }

    private static func writeEvents(_ buckets: DayBuckets<EventRow>, to path: String) throws -> Int {
        try writeInDayOrder(buckets, to: path, header: ["customer_id", "timestamp", "type", "channel", "value"]) {
            out, _, day, row in
            out.append(customerID(Int(row.customer)))
            out.appendByte(UInt8(ascii: ","))
            out.appendDay(day)
            out.appendByte(UInt8(ascii: " "))
            let seconds = Int(row.secondOfDay)
            for (value, separator) in [(seconds / 3600, ":"), ((seconds / 60) % 60, ":"), (seconds % 60, "")] {
                if value < 10 { out.appendByte(UInt8(ascii: "0")) }
                out.appendInteger(Int64(value))
                out.append(separator)
            }
            out.appendByte(UInt8(ascii: ","))
            out.append(eventTypes[Int(row.type)])
            out.append(row.type <= 1 ? ",email," : row.type == 3 ? ",app," : row.type == 4 ? ",phone," : ",web,")
            if row.value > 0 { out.appendInteger(Int64(row.value)) }
            out.appendByte(UInt8(ascii: "\n"))
        }
    }

    private static func writeSurveys(_ buckets: DayBuckets<SurveyRow>, to path: String) throws -> Int {
        try writeInDayOrder(buckets, to: path, header: ["customer_id", "survey_date", "nps", "csat", "ces"]) {
            out, _, day, row in
            out.append(customerID(Int(row.customer)))
            out.appendByte(UInt8(ascii: ","))
            out.appendDay(day)
            out.appendByte(UInt8(ascii: ","))
            out.appendInteger(Int64(row.nps))
            out.appendByte(UInt8(ascii: ","))
            if row.csat > 0 { out.appendInteger(Int64(row.csat)) }
            out.appendByte(UInt8(ascii: ","))
            if row.ces > 0 { out.appendInteger(Int64(row.ces)) }
            out.appendByte(UInt8(ascii: "\n"))
        }
    }
}

struct OrderRow {
    var customer: Int32
    var amount: Int64
    var channel: UInt8
    var category: UInt8
}

struct EventRow {
    var customer: Int32
    var secondOfDay: Int32
    var type: UInt8
    var value: Int16
}

struct SurveyRow {
    var customer: Int32
    var nps: Int8
    var csat: Int8
    var ces: Int8
}

/// Rows grouped by day: a counting sort that keeps generation order within a day, so files come out
/// date-sorted, as real exports are, in linear time.
struct DayBuckets<Row> {
    let firstDay: Int32
    private var rows: [Row] = []
    private var days: [Int32] = []
    private var countPerDay: [Int]

    init(firstDay: Int32, lastDay: Int32) {
        self.firstDay = firstDay
        countPerDay = Array(repeating: 0, count: Int(lastDay - firstDay) + 1)
    }

    mutating func append(day: Int32, _ row: Row) {
        let offset = Int(day - firstDay)
        guard offset >= 0 && offset < countPerDay.count else { return }
        rows.append(row)
        days.append(day)
        countPerDay[offset] += 1
    }

    /// Calls `body` with the rows in day order (stable within a day).
    func forEachInDayOrder(_ body: (Int32, Row) throws -> Void) rethrows {
        var starts = [Int](repeating: 0, count: countPerDay.count)
        var running = 0
        for offset in 0..<countPerDay.count {
            starts[offset] = running
            running += countPerDay[offset]
        }
        var order = [Int](repeating: 0, count: rows.count)
        for index in 0..<rows.count {
            let offset = Int(days[index] - firstDay)
            order[starts[offset]] = index
            starts[offset] += 1
        }
        for index in order { try body(days[index], rows[index]) }
    }
}
