import Foundation
import Testing
@testable import Campaigns

/// Newcombe (1998), "Interval estimation for the difference between independent proportions", Table II,
/// method 10 (the hybrid score interval), to the four decimals the paper prints.
@Test func newcombeHybridScoreMatchesThePublishedTable() throws {
    let published: [(Int, Int, Int, Int, Double, Double)] = [
        (56, 70, 48, 80, 0.0524, 0.3339), (9, 10, 3, 10, 0.1705, 0.8090), (5, 56, 0, 29, -0.0381, 0.1926),
        (0, 10, 0, 20, -0.1611, 0.2775), (10, 10, 0, 20, 0.6791, 1.0000),
    ]
    for (x1, n1, x2, n2, low, high) in published {
        let interval = try #require(Intervals.newcombeDifference(x1: x1, n1: n1, x2: x2, n2: n2))
        #expect(abs(interval.low - low) < 5e-5 && abs(interval.high - high) < 5e-5, "\(x1)/\(n1) vs \(x2)/\(n2): \(interval)")
        #expect(interval.estimate == Double(x1) / Double(n1) - Double(x2) / Double(n2))
    }
    #expect(Intervals.newcombeDifference(x1: 0, n1: 0, x2: 1, n2: 2) == nil)
}

@Test func wilsonIntervalByHand() throws {
    // 0 of 10: [0, z²/(n + z²)] = [0, 0.2775]; the upper end of 10/10 is 1.
    let none = try #require(Intervals.wilson(successes: 0, trials: 10))
    #expect(none.low == 0 && abs(none.high - 3.8415 / 13.8415) < 1e-4)
    #expect(Intervals.wilson(successes: 10, trials: 10)!.high == 1)
}

private struct WelchGolden: Decodable {
    struct Case: Decodable {
        let name: String
        let a: [Double]
        let b: [Double]
        let estimate: Double
        let low: Double
        let high: Double
    }
    struct Quantile: Decodable {
        let p: Double
        let df: Double
        let t: Double
    }
    let cases: [Case]
    let quantiles: [Quantile]
}

/// Against scipy (`Fixtures/make_welch_golden.py` wrote `welch_golden.json`).
@Test func welchIntervalMatchesScipy() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/welch_golden.json")
    let golden = try JSONDecoder().decode(WelchGolden.self, from: Data(contentsOf: url))
    for item in golden.cases {
        let interval = try #require(Intervals.welchDifference(item.a, item.b))
        let scale = max(1, abs(item.low), abs(item.high))
        #expect(abs(interval.estimate - item.estimate) < 1e-9 * scale, "\(item.name)")
        #expect(abs(interval.low - item.low) < 1e-9 * scale && abs(interval.high - item.high) < 1e-9 * scale,
                "\(item.name): \(interval) against [\(item.low), \(item.high)]")
    }
    for item in golden.quantiles {
        let t = Intervals.studentTQuantile(item.p, degreesOfFreedom: item.df)
        #expect(abs(t - item.t) < 1e-10 * max(1, abs(item.t)), "t(\(item.p), \(item.df)) = \(t), scipy \(item.t)")
    }
    #expect(Intervals.welchDifference([1], [1, 2]) == nil)
    #expect(Intervals.welchDifference([2, 2], [1, 1]) == IntervalEstimate(estimate: 1, low: 1, high: 1))
}

@Test func groupSizesThatDetectAnEffect() {
    // 10% against 15%: (1.95996 + 0.84162)² (0.09 + 0.1275) / 0.0025 = 682.6 → 683 per group.
    #expect(Intervals.sizeToDetectRates(0.15, 0.10) == 683)
    #expect(Intervals.sizeToDetectRates(0.1, 0.1) == nil)
    #expect(Intervals.sizeToDetectMeans(difference: 1, sd1: 1, sd2: 1) == 16)
}
