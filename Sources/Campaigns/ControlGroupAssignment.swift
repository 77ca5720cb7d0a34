import Foundation
import ScoringCore

/// Holds out a seeded random share of a ranked list as its control group, stratified by rank: the list is
/// cut into bands of `bandSize` consecutive ranks, and each band holds out its part of the share (the
/// control count up to a rank r is round(r × share) at every band's end), so called and control
/// customers have the same spread of risk and value. Which customers of a band are held out is drawn
/// from a SplitMix64 stream of the seed and the list's name: the same seed gives the same groups.
public enum ControlGroupAssignment {
    /// Ranks per band.
    public static let defaultBandSize = 10

    /// Control rows among the first `poolSize` ranks: round(poolSize × share), halves up.
    public static func controlCount(poolSize: Int, share: Double) -> Int {
        Int((Double(poolSize) * share + 0.5).rounded(.down))
    }

    /// The smallest pool whose calls (pool − control) reach `calls`: about calls / (1 − share).
    public static func poolSize(calls: Int, share: Double) -> Int {
        precondition(share >= 0 && share < 1, "control share must be in [0, 1)")
        var pool = max(0, Int((Double(calls) / (1 - share)).rounded(.down)) - 1)
        while pool - controlCount(poolSize: pool, share: share) < calls { pool += 1 }
        return pool
    }

    /// Whether each of `poolSize` ranked rows (best first) is held out as control.
    public static func assign(poolSize: Int, share: Double, seed: UInt64, list: String,
                              bandSize: Int = defaultBandSize) -> [Bool] {
        precondition(share >= 0 && share < 1 && bandSize > 0, "control share in [0, 1), band size positive")
        var isControl = [Bool](repeating: false, count: poolSize)
        var random = SplitMix64(seed: seed, stream: stableHash(list))
        var start = 0
        while start < poolSize {
            let end = min(start + bandSize, poolSize)
            let count = controlCount(poolSize: end, share: share) - controlCount(poolSize: start, share: share)
            // A partial Fisher-Yates shuffle of the band's positions picks `count` of them.
            var positions = Array(start..<end)
            for pick in 0..<count {
                let other = pick + Int(random.next() % UInt64(positions.count - pick))
                positions.swapAt(pick, other)
                isControl[positions[pick]] = true
            }
            start = end
        }
        return isControl
    }

    /// The p-value of the sample-ratio check: a chi-square test (1 degree of freedom) of `control` of
    /// `total` rows against the intended `share`; 1 when there is nothing to test.
    public static func sampleRatioPValue(control: Int, total: Int, share: Double) -> Double {
        guard total > 0, share > 0, share < 1 else { return 1 }
        let expected = Double(total) * share, expectedCalls = Double(total) * (1 - share)
        let observedCalls = Double(total - control)
        let chiSquare = (Double(control) - expected) * (Double(control) - expected) / expected
            + (observedCalls - expectedCalls) * (observedCalls - expectedCalls) / expectedCalls
        return erfc((chiSquare / 2).squareRoot())
    }

    /// FNV-1a of the list's name: its own random stream, the same on every machine.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
