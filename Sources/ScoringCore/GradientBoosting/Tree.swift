/// A regression tree as flat parallel arrays (LightGBM's layout), for prediction without the training
/// structures.
///
/// Node i (0 is the root) splits on `feature[i]`: a value ≤ `threshold[i]` goes to `left[i]`, a larger
/// one to `right[i]`, a missing one to the side `missingGoesLeft[i]` says. A child index c ≥ 0 is a node;
/// c < 0 is leaf ~c (that is, −c − 1). A tree of one leaf has no nodes.
public struct Tree: Codable, Sendable, Equatable {
    /// Split feature of each node.
    public var feature: [Int32] = []
    /// Split threshold of each node, in the feature's units (the upper edge of the last left bin).
    public var threshold: [Double] = []
    /// Split threshold of each node as a bin (bins ≤ it go left), for binned rows.
    public var thresholdBin: [UInt8] = []
    /// Where missing values go at each node.
    public var missingGoesLeft: [Bool] = []
    /// Left child of each node (≥ 0 node, < 0 leaf ~c).
    public var left: [Int32] = []
    /// Right child of each node.
    public var right: [Int32] = []
    /// Gain of each node's split (feature importance by gain).
    public var gain: [Double] = []
    /// Training rows through each node (TreeSHAP's cover).
    public var nodeCount: [Int32] = []
    /// Value of each leaf (already multiplied by the learning rate).
    public var leafValue: [Double] = []
    /// Training rows in each leaf.
    public var leafCount: [Int32] = []

    /// The number of leaves.
    public var leafCountTotal: Int { leafValue.count }

    /// The leaf a row of raw feature values reaches.
    @inline(__always)
    public func leaf(for row: UnsafeBufferPointer<Double>) -> Int {
        guard !feature.isEmpty else { return 0 }
        var node: Int32 = 0
        while node >= 0 {
            let index = Int(node)
            let value = row[Int(feature[index])]
            let goesLeft = value.isNaN ? missingGoesLeft[index] : value <= threshold[index]
            node = goesLeft ? left[index] : right[index]
        }
        return Int(~node)
    }

    /// The leaf a binned row reaches.
    @inline(__always)
    public func leaf(binned: BinnedMatrix, row: Int) -> Int {
        guard !feature.isEmpty else { return 0 }
        var node: Int32 = 0
        while node >= 0 {
            let index = Int(node)
            let bin = binned[row, Int(feature[index])]
            let goesLeft = bin == 0 ? missingGoesLeft[index] : bin <= thresholdBin[index]
            node = goesLeft ? left[index] : right[index]
        }
        return Int(~node)
    }
}
