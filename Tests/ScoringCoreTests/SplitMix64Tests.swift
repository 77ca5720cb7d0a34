import Testing
@testable import ScoringCore

@Test func sameSeedSameSequenceAndStreamsDiffer() {
    var a = SplitMix64(seed: 7)
    var b = SplitMix64(seed: 7)
    #expect((0..<5).map { _ in a.next() } == (0..<5).map { _ in b.next() })
    var s1 = SplitMix64(seed: 7, stream: 1)
    var s2 = SplitMix64(seed: 7, stream: 2)
    #expect(s1.next() != s2.next())
}

@Test func distributionsHaveTheirMeans() {
    var rng = SplitMix64(seed: 11)
    let n = 20_000
    let uniformMean = (0..<n).reduce(0.0) { acc, _ in acc + rng.uniform() } / Double(n)
    let normalMean = (0..<n).reduce(0.0) { acc, _ in acc + rng.normal() } / Double(n)
    let gammaMean = (0..<n).reduce(0.0) { acc, _ in acc + rng.gamma(shape: 2.5) } / Double(n)
    let smallGammaMean = (0..<n).reduce(0.0) { acc, _ in acc + rng.gamma(shape: 0.5) } / Double(n)
    let betaMean = (0..<n).reduce(0.0) { acc, _ in acc + rng.beta(2, 6) } / Double(n)
    let exponentialMean = (0..<n).reduce(0.0) { acc, _ in acc + rng.exponential(mean: 3) } / Double(n)
    #expect(abs(uniformMean - 0.5) < 0.01)
    #expect(abs(normalMean) < 0.03)
    #expect(abs(gammaMean - 2.5) < 0.05)
    #expect(abs(smallGammaMean - 0.5) < 0.03)
    #expect(abs(betaMean - 0.25) < 0.01)
    #expect(abs(exponentialMean - 3) < 0.1)
}
