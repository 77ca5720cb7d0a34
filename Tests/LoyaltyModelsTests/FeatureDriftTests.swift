import Testing
@testable import LoyaltyModels

@Test func distributionsBinByDecilesWithAMissingBin() {
    let values = (1...10).map(Double.init)
    let distribution = FeatureDistribution(values: values)
    // Deciles of 1...10 are 2...10; the last (the maximum) is not an edge: edges 2...9, nine bins + missing.
    #expect(distribution.edges == (2...9).map(Double.init))
    #expect(distribution.shares == [0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0])
    #expect(distribution.stabilityIndex(of: values) == 0)
    // Everything in the last bin: Σ (a − e)·ln(a/e) with shares floored at 0.0001, by hand ≈ 8.4224.
    let shifted = distribution.stabilityIndex(of: [Double](repeating: 10, count: 10))
    #expect(abs(shifted - 8.4224) < 0.001 && shifted > FeatureDistribution.driftThreshold)
    // Everything in the first bin (the report's drift chart, by hand): 0.8·ln(1/0.2) + 8·(0.0001 − 0.1)·ln(0.0001/0.1)
    // = 6.808228348909805 (Python's math.log).
    #expect(abs(distribution.stabilityIndex(of: [Double](repeating: 1, count: 10)) - 6.808228348909805) < 1e-12)
    // Missing values have their own bin.
    #expect(distribution.stabilityIndex(of: values + [.nan]) > 0)
}
