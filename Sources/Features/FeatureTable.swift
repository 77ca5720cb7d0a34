/// Features of every customer as of one cutoff: one row per customer (by registry index), one column per
/// feature, `NaN` where there is no data (which is not the same as 0).
public struct FeatureTable: Sendable {
    /// The cutoff day the features describe (only data dated on or before it was read).
    public let asOfDay: Int32
    /// Feature names, in column order.
    public private(set) var names: [String] = []
    /// Column values: `columns[feature][customer]`.
    public private(set) var columns: [[Double]] = []
    /// The number of rows (customers).
    public let rowCount: Int

    /// An empty table for `rowCount` customers at `asOfDay`.
    public init(asOfDay: Int32, rowCount: Int) {
        self.asOfDay = asOfDay
        self.rowCount = rowCount
    }

    /// Adds a column.
    public mutating func add(_ name: String, _ values: [Double]) {
        precondition(values.count == rowCount, "\(name): \(values.count) values for \(rowCount) rows")
        precondition(!names.contains(name), "feature \(name) added twice")
        names.append(name)
        columns.append(values)
    }

    /// The column named `name`, or all `NaN` (no data) when the table has none: for the built-in
    /// columns every table has (`RFMFeatures.daysSinceLastPurchase`, ...), without a force unwrap.
    public func values(of name: String) -> [Double] {
        column(name) ?? [Double](repeating: .nan, count: rowCount)
    }

    /// The column named `name`, if present.
    public func column(_ name: String) -> [Double]? {
        names.firstIndex(of: name).map { columns[$0] }
    }
}
