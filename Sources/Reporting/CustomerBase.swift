import Features
import Foundation

/// The customer base as of a cutoff, as the report shows it: RFM ranks with their share of spend, the
/// LTV × NPS matrix, a recency × frequency heat map, and how concentrated value is (a Lorenz curve and
/// the top 20%'s share of spend). Computed from a feature table; customers without a purchase are left
/// out.
public struct CustomerBase: Sendable, Equatable {
    /// One RFM rank.
    public struct Rank: Sendable, Equatable {
        /// The rank's name (`S`, `A`, `B`, `C`).
        public var name: String
        /// Customers in it.
        public var customers: Int
        /// Their net spend in the last 365 days.
        public var spend: Double
        /// That spend over all customers' (0 when nobody spent).
        public var shareOfSpend: Double
    }

    /// Customers with a purchase by the cutoff.
    public var customers: Int
    /// Ranks, S first.
    public var ranks: [Rank]
    /// Customers per LTV × NPS cell, in the order of `Segments.ltvNPSCells`.
    public var ltvNPS: [(cell: String, customers: Int)]
    /// Recency bands (rows of the heat map).
    public var recencyBands: [String]
    /// Frequency bands (columns).
    public var frequencyBands: [String]
    /// Customers per recency band and frequency band.
    public var heatMap: [[Int]]
    /// The Lorenz curve of net value (customers from the lowest value up): `shareOfCustomers` against
    /// `shareOfValue`, 0 ... 1, at most 101 points.
    public var lorenz: [(shareOfCustomers: Double, shareOfValue: Double)]
    /// The share of all net value held by the top 20% of customers by value.
    public var topFifthShare: Double

    /// The bands: days since the last purchase; purchases (distinct purchase days) so far.
    public static let recencyEdges = [30.0, 90, 180, 365], frequencyEdges = [1.0, 2, 4, 9]

    /// Equal when the counts, ranks, matrix, heat map and top-20% share are (the Lorenz points and band
    /// names follow from those and the language).
    public static func == (left: CustomerBase, right: CustomerBase) -> Bool {
        left.customers == right.customers && left.ranks == right.ranks && left.heatMap == right.heatMap
            && left.ltvNPS.map(\.cell) == right.ltvNPS.map(\.cell) && left.ltvNPS.map(\.customers) == right.ltvNPS.map(\.customers)
            && left.topFifthShare == right.topFifthShare
    }

    /// The customer base of `table` (RFM ranks with the bundles' loyal top share).
    public init(table: FeatureTable, loyalTopShare: Double, language: ReasonLanguage) {
        let recency = table.values(of: RFMFeatures.daysSinceLastPurchase)
        let spend = table.values(of: RFMFeatures.spend365)
        let frequency = table.values(of: "distinct_purchase_days")
        let value = table.values(of: ValueFeatures.lifetimeValue)
        let buyers = (0..<table.rowCount).filter { !recency[$0].isNaN }
        customers = buyers.count
        let rankOf = Segments.rfmRank(table, loyalTopShare: loyalTopShare)
        let cellOf = Segments.ltvNPSCell(table)
        let totalSpend = buyers.reduce(0.0) { $0 + max(0, spend[$1].isNaN ? 0 : spend[$1]) }
        let order = [Segments.topRankName, "A", "B", "C"]
        let names = order + Set(buyers.map { rankOf[$0] }).subtracting(order).sorted()
        ranks = names.compactMap { name in
            let members = buyers.filter { rankOf[$0] == name }
            guard !members.isEmpty || order.contains(name) else { return nil }
            let rankSpend = members.reduce(0.0) { $0 + max(0, spend[$1].isNaN ? 0 : spend[$1]) }
            return Rank(name: name, customers: members.count, spend: rankSpend, shareOfSpend: totalSpend > 0 ? rankSpend / totalSpend : 0)
        }
        ltvNPS = Segments.ltvNPSCells.map { cell in (cell, buyers.filter { cellOf[$0] == cell }.count) }
        let ja = language == .ja
        recencyBands = ja ? ["30日以内", "31-90日", "91-180日", "181-365日", "365日超"] : ["≤30 days", "31-90", "91-180", "181-365", ">365"]
        frequencyBands = ja ? ["1回", "2回", "3-4回", "5-9回", "10回以上"] : ["1", "2", "3-4", "5-9", "10+"]
        var map = [[Int]](repeating: [Int](repeating: 0, count: 5), count: 5)
        func band(_ value: Double, _ edges: [Double]) -> Int { edges.firstIndex { value <= $0 } ?? edges.count }
        for customer in buyers {
            map[band(recency[customer], CustomerBase.recencyEdges)][band(frequency[customer].isNaN ? 1 : frequency[customer], CustomerBase.frequencyEdges)] += 1
        }
        heatMap = map
        let values = buyers.map { value[$0].isNaN ? 0 : max(0, value[$0]) }
        (lorenz, topFifthShare) = CustomerBase.concentration(values)
    }

    /// The Lorenz curve of `values` (at most 101 points, from (0, 0) to (1, 1)) and the top 20%'s share of
    /// their sum (the top `ceil(0.2 n)` values; 0 when they sum to 0).
    public static func concentration(_ values: [Double]) -> (curve: [(shareOfCustomers: Double, shareOfValue: Double)], topFifthShare: Double) {
        let sorted = values.sorted()
        let total = sorted.reduce(0, +)
        guard !sorted.isEmpty, total > 0 else { return ([(0, 0), (1, 1)], 0) }
        var cumulative = [0.0]
        for value in sorted { cumulative.append(cumulative[cumulative.count - 1] + value) }
        let points = min(100, sorted.count)
        let curve = (0...points).map { step -> (Double, Double) in
            let count = Int((Double(sorted.count) * Double(step) / Double(points)).rounded())
            return (Double(count) / Double(sorted.count), cumulative[count] / total)
        }
        let top = Int((Double(sorted.count) * 0.2).rounded(.up))
        let topSum = sorted.suffix(top).reduce(0, +)
        return (curve, topSum / total)
    }
}
