import Foundation

/// The special functions the lifetime models need, guarded: they return NaN (never trap, never loop
/// without end) where the result is not a finite number, so an optimizer can step back from such a point.
public enum SpecialFunctions {
    /// The most series terms the hypergeometric function sums before it gives up (returning NaN).
    public static let largestSeriesLength = 100_000

    /// The digamma function ψ(x), the derivative of log Γ(x), for x > 0: the recurrence
    /// ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series to the x⁻¹⁴ term (its error there
    /// is below 1e-17).
    public static func digamma(_ x: Double) -> Double {
        guard x.isFinite, x > 0 else { return x == .infinity ? .infinity : .nan }
        var x = x
        var result = 0.0
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        let inverse = 1 / x, inverseSquared = inverse * inverse
        // ψ(x) ~ ln x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ)
        let series = inverseSquared * (1.0 / 12 - inverseSquared * (1.0 / 120 - inverseSquared * (1.0 / 252
            - inverseSquared * (1.0 / 240 - inverseSquared * (1.0 / 132 - inverseSquared * (691.0 / 32760
            - inverseSquared * (1.0 / 12)))))))
        return result + Foundation.log(x) - 0.5 * inverse - series
    }

    /// The logarithm of the Gauss hypergeometric function ₂F₁(a, b; c; z) for z < 1 where its value is
    /// positive, by its power series after a transform that makes the series converge fast:
    /// - z < 0: Pfaff, ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z/(z − 1)) (or with a and b swapped),
    ///   which turns an alternating series into one on [0, 1);
    /// - 0 ≤ z < 1: Euler, ₂F₁(a, b; c; z) = (1 − z)^(c − a − b) ₂F₁(c − a, c − b; c; z), when its upper
    ///   parameters are the smaller ones (the terms then shrink from the start instead of first growing).
    ///
    /// The sum is kept in scaled form, so large parameters do not overflow. Generic over the scalar, so
    /// with `GradientDual` parameters the result carries the exact derivative of the summed series.
    ///
    /// - Returns: log ₂F₁, or NaN where the series does not converge within `largestSeriesLength` terms,
    ///   z ≥ 1, c is 0 or a negative integer, or the value is not positive.
    public static func logHypergeometric2F1<Scalar: LikelihoodScalar>(_ a: Scalar, _ b: Scalar, _ c: Scalar,
                                                                       _ z: Scalar) -> Scalar {
        let zValue = z.value
        guard zValue.isFinite, zValue < 1, a.value.isFinite, b.value.isFinite, c.value.isFinite else { return Scalar(.nan) }
        if zValue < 0 {
            let w = z / (z - 1)
            let oneMinusZ = (1 - z).log()
            // Either upper parameter may be kept; the one kept is raised against (1 − z), the other becomes c − it.
            let keepA = abs(c.value - b.value) + abs(a.value) <= abs(c.value - a.value) + abs(b.value)
            if keepA { return -a * oneMinusZ + logSeries(a, c - b, c, w) }
            return -b * oneMinusZ + logSeries(c - a, b, c, w)
        }
        let eulerA = c - a, eulerB = c - b
        if abs(eulerA.value) + abs(eulerB.value) < abs(a.value) + abs(b.value), zValue > 0 {
            return (c - a - b) * (1 - z).log() + logSeries(eulerA, eulerB, c, z)
        }
        return logSeries(a, b, c, z)
    }

    /// log Σₙ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ for 0 ≤ z < 1, summed until a term no longer changes the sum.
    static func logSeries<Scalar: LikelihoodScalar>(_ a: Scalar, _ b: Scalar, _ c: Scalar, _ z: Scalar) -> Scalar {
        let cValue = c.value
        if cValue <= 0, cValue == cValue.rounded() { return Scalar(.nan) }
        // Terms and sum share a scale exp(logScale) that is moved whenever the sum grows large.
        var term = Scalar(1)
        var sum = Scalar(1)
        var logScale = Scalar(0)
        var n = 0.0
        for _ in 0..<largestSeriesLength {
            term = term * (a + n) * (b + n) / ((c + n) * (n + 1)) * z
            n += 1
            sum = sum + term
            guard sum.value.isFinite, term.value.isFinite else { return Scalar(.nan) }
            if abs(sum.value) > 1e200 {
                let shift = sum.value
                sum = sum / Scalar(shift)
                term = term / Scalar(shift)
                logScale = logScale + Foundation.log(abs(shift))
            }
            // Stop once the ratio of successive terms is below 1 for good (it falls towards z) and the
            // geometric bound on the rest, |term| ρ/(1 − ρ) with ρ the larger of the ratio and its limit z, no
            // longer moves the sum.
            let ratio = max(abs((a.value + n) * (b.value + n) / ((cValue + n) * (n + 1)) * z.value), abs(z.value))
            if term.value == 0 || (ratio < 1 && n > abs(a.value) + abs(b.value)
                                   && abs(term.value) * ratio / (1 - ratio) <= 1e-17 * abs(sum.value)) {
                break
            }
            if n >= Double(largestSeriesLength) - 1 { return Scalar(.nan) }
        }
        guard sum.value > 0 else { return Scalar(.nan) }
        return logScale + sum.log()
    }
}
