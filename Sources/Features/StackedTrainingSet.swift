/// Features and labels at several cutoffs stacked into one training table, as `train` learns from.
///
/// Each row is one customer at one cutoff, kept only when the customer is in that cutoff's label
/// population (label not `NaN`). Features at a cutoff read only data on or before it; the label reads
/// its horizon after it.
public struct StackedTrainingSet: Sendable {
    /// Feature names, in column order (those of the first cutoff; every cutoff must give the same).
    public private(set) var names: [String]
    /// Feature values, row-major: row `r`, feature `f` at `values[r * names.count + f]`.
    public private(set) var values: [Double]
    /// The label of each row (0 or 1).
    public private(set) var labels: [Double]
    /// The cutoff day of each row.
    public private(set) var cutoffDays: [Int32]
    /// The customer (registry index) of each row.
    public private(set) var customers: [Int32]

    /// The number of rows.
    public var rowCount: Int { labels.count }

    /// An empty set; the first table appended gives the feature names.
    public init() {
        names = []
        values = []
        labels = []
        cutoffDays = []
        customers = []
    }

    /// Stacks `features(cutoff)` and `labels(cutoff)` over `cutoffs` (in the order given).
    public init(cutoffs: [Int32], features: (Int32) throws -> FeatureTable, labels: (Int32) throws -> [Double]) rethrows {
        self.init()
        for cutoff in cutoffs { append(try features(cutoff), labels: try labels(cutoff)) }
    }

    /// Appends the customers of one cutoff's `table` whose label is not `NaN` and whom `keep` accepts
    /// (e.g. a sample), in customer order.
    public mutating func append(_ table: FeatureTable, labels cutoffLabels: [Double], keep: (Int) -> Bool = { _ in true }) {
        precondition(cutoffLabels.count == table.rowCount, "one label per customer")
        if rowCount == 0 && names.isEmpty {
            names = table.names
        } else {
            precondition(names == table.names, "every cutoff must give the same features")
        }
        for customer in 0..<table.rowCount where !cutoffLabels[customer].isNaN && keep(customer) {
            for column in table.columns { values.append(column[customer]) }
            labels.append(cutoffLabels[customer])
            cutoffDays.append(table.asOfDay)
            customers.append(Int32(customer))
        }
    }
}
