import Foundation

/// An estimate with its 95% interval.
public struct IntervalEstimate: Sendable, Equatable, Codable {
    /// The point estimate.
    public var estimate: Double
    /// The interval's lower end.
    public var low: Double
    /// The interval's upper end.
    public var high: Double

    /// An estimate and its interval.
    public init(estimate: Double, low: Double, high: Double) {
        self.estimate = estimate
        self.low = low
        self.high = high
    }

    /// Whether the interval holds zero (the data cannot tell the sign of the effect).
    public var spansZero: Bool { low <= 0 && high >= 0 }
}

/// The interval formulas of the outcome loop, at 95% (two-sided).
///
/// - `wilson`: the Wilson score interval of a proportion.
/// - `newcombeDifference`: the difference of two independent proportions with Newcombe's hybrid score
///   interval (Newcombe 1998, method 10), built from the two Wilson intervals.
/// - `welchDifference`: the difference of two means with Welch's t interval (unequal variances,
///   Welch-Satterthwaite degrees of freedom), as scipy's `ttest_ind(equal_var=False).confidence_interval()`.
/// - `sizeToDetect...`: the group size per arm that detects an effect at 80% power.
public enum Intervals {
    /// The normal quantile of 0.975.
    public static let z975 = 1.959963984540054
    /// The normal quantile of 0.8 (80% power).
    public static let z80 = 0.8416212335729143

    /// The Wilson score interval of `successes` out of `trials` (nil for no trials).
    public static func wilson(successes: Int, trials: Int, z: Double = z975) -> (low: Double, high: Double)? {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let center = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        // Exact ends at 0 and n, where rounding could leave a trace.
        return (successes == 0 ? 0 : max(0, center - half), successes == trials ? 1 : min(1, center + half))
    }

    /// p₁ − p₂ for `x1`/`n1` against `x2`/`n2`, with Newcombe's hybrid score interval (method 10); nil
    /// when either group is empty.
    public static func newcombeDifference(x1: Int, n1: Int, x2: Int, n2: Int) -> IntervalEstimate? {
        guard let (l1, u1) = wilson(successes: x1, trials: n1), let (l2, u2) = wilson(successes: x2, trials: n2) else {
            return nil
        }
        let p1 = Double(x1) / Double(n1), p2 = Double(x2) / Double(n2), d = p1 - p2
        let low = d - ((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)).squareRoot()
        let high = d + ((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)).squareRoot()
        return IntervalEstimate(estimate: d, low: low, high: high)
    }

    /// mean(a) − mean(b) with Welch's 95% t interval; nil when either sample has fewer than two values.
    /// Two samples with no spread give the difference as both ends.
    public static func welchDifference(_ a: [Double], _ b: [Double]) -> IntervalEstimate? {
        guard a.count >= 2, b.count >= 2 else { return nil }
        let (meanA, varianceA) = meanAndVariance(a), (meanB, varianceB) = meanAndVariance(b)
        let na = Double(a.count), nb = Double(b.count)
        let va = varianceA / na, vb = varianceB / nb
        let d = meanA - meanB
        let se = (va + vb).squareRoot()
        guard se > 0 else { return IntervalEstimate(estimate: d, low: d, high: d) }
        let df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1))
        let t = studentTQuantile(0.975, degreesOfFreedom: df)
        return IntervalEstimate(estimate: d, low: d - t * se, high: d + t * se)
    }

    /// The mean and the sample variance (n − 1), summed in order (Kahan-compensated), so the same values
    /// give the same bytes.
    static func meanAndVariance(_ values: [Double]) -> (Double, Double) {
        let n = Double(values.count)
        let mean = compensatedSum(values) / n
        let squares = compensatedSum(values.map { ($0 - mean) * ($0 - mean) })
        return (mean, values.count > 1 ? squares / (n - 1) : 0)
    }

    static func compensatedSum(_ values: [Double]) -> Double {
        var sum = 0.0, carry = 0.0
        for value in values {
            let y = value - carry
            let t = sum + y
            carry = (t - sum) - y
            sum = t
        }
        return sum
    }

    /// The quantile `probability` (in 0.5..<1) of Student's t with `degreesOfFreedom` (> 0, not
    /// necessarily whole), by bisection on the distribution function to full double precision.
    public static func studentTQuantile(_ probability: Double, degreesOfFreedom df: Double) -> Double {
        precondition(probability >= 0.5 && probability < 1 && df > 0, "t quantile of \(probability) at \(df) df")
        var low = 0.0, high = 1.0
        while studentTDistribution(high, degreesOfFreedom: df) < probability { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if studentTDistribution(middle, degreesOfFreedom: df) < probability { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// P(T ≤ t) for Student's t with `degreesOfFreedom`.
    public static func studentTDistribution(_ t: Double, degreesOfFreedom df: Double) -> Double {
        let tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), a: df / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// I_x(a, b), by the continued fraction (modified Lentz), on the side where it converges fast.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(1 - x, a: b, b: a) / b
    }

    private static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...500 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return h
    }

    /// Customers per group that detect a difference between rates `p1` and `p2` at 95% (two-sided) with
    /// 80% power: (z₀.₉₇₅ + z₀.₈)² (p₁(1 − p₁) + p₂(1 − p₂)) / (p₁ − p₂)², rounded up; nil when the rates
    /// are equal.
    public static func sizeToDetectRates(_ p1: Double, _ p2: Double) -> Int? {
        guard p1 != p2, p1.isFinite, p2.isFinite else { return nil }
        let z = z975 + z80
        return Int((z * z * (p1 * (1 - p1) + p2 * (1 - p2)) / ((p1 - p2) * (p1 - p2))).rounded(.up))
    }

    /// Customers per group that detect a difference `difference` in means with standard deviations `sd1`
    /// and `sd2` at 95% with 80% power; nil for no difference.
    public static func sizeToDetectMeans(difference: Double, sd1: Double, sd2: Double) -> Int? {
        guard difference != 0, difference.isFinite else { return nil }
        let z = z975 + z80
        return Int((z * z * (sd1 * sd1 + sd2 * sd2) / (difference * difference)).rounded(.up))
    }
}
