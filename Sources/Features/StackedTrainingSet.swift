/// Features and labels at several cutoffs stacked into one training table, as `train` learns from.
///
/// Each row is one customer at one cutoff, kept only when the customer is in that cutoff's label
/// population (label not `NaN`). Features at a cutoff read only data on or before it; the label reads
/// its horizon after it.
public struct StackedTrainingSet: Sendable {
    /// Feature names, in column order (those of the first cutoff; every cutoff must give the same).
    public let names: [String]
    /// Feature values, row-major: row `r`, feature `f` at `values[r * names.count + f]`.
    public let values: [Double]
    /// The label of each row (0 or 1).
    public let labels: [Double]
    /// The cutoff day of each row.
    public let cutoffDays: [Int32]
    /// The customer (registry index) of each row.
    public let customers: [Int32]

    /// The number of rows.
    public var rowCount: Int { labels.count }

    /// Stacks `features(cutoff)` and `labels(cutoff)` over `cutoffs` (in the order given).
    public init(cutoffs: [Int32], features: (Int32) throws -> FeatureTable, labels: (Int32) throws -> [Double]) rethrows {
        var names: [String]?
        var values: [Double] = []
        var allLabels: [Double] = []
        var cutoffDays: [Int32] = []
        var customers: [Int32] = []
        for cutoff in cutoffs {
            let table = try features(cutoff)
            let cutoffLabels = try labels(cutoff)
            precondition(cutoffLabels.count == table.rowCount, "one label per customer")
            if let names {
                precondition(names == table.names, "every cutoff must give the same features")
            } else {
                names = table.names
            }
            for customer in 0..<table.rowCount where !cutoffLabels[customer].isNaN {
                for column in table.columns { values.append(column[customer]) }
                allLabels.append(cutoffLabels[customer])
                cutoffDays.append(cutoff)
                customers.append(Int32(customer))
            }
        }
        self.names = names ?? []
        self.values = values
        self.labels = allLabels
        self.cutoffDays = cutoffDays
        self.customers = customers
    }
}
