import Foundation

/// The Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee 2005, "RFM and CLV"; Colombo and
/// Jiang 1999): a customer's purchase values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, so a
/// customer's mean value is pulled towards the population mean, the more the fewer purchases they made.
///
/// Rows are `(frequency, monetaryValue, 0, 0)` for customers with at least one repeat purchase; γ is in the
/// unit of money.
public struct GammaGamma: MaximumLikelihoodModel, Equatable {
    public static let parameterNames = ["p", "q", "gamma"]
    public static let scaledParameters = [2]
    public static let scaledRowComponents = [1]
    public static let boundaryMeaning = "the spread of mean spend across customers is not identified"

    /// The shape of each purchase's value.
    public var p: Double
    /// Shape and scale of the distribution of the customers' value scale.
    public var q: Double, gamma: Double

    public var parameters: [Double] { [p, q, gamma] }

    public init(parameters: [Double]) {
        (p, q, gamma) = (parameters[0], parameters[1], parameters[2])
    }

    /// The log-likelihood of a customer's mean spend m over x purchases.
    public static func logLikelihood<Scalar: LikelihoodScalar>(_ parameters: [Scalar], row: SIMD4<Double>) -> Scalar {
        let p = parameters[0], q = parameters[1], gamma = parameters[2]
        let x = row[0], m = row[1]
        let px = p * x
        return (px + q).logGamma() - px.logGamma() - q.logGamma() + q * gamma.log() + (px - 1) * Foundation.log(m)
            + px * Foundation.log(x) - (px + q) * (gamma + x * m).log()
    }

    /// The rows of the customers of `summary` Gamma-Gamma is fitted on (a repeat purchase of positive mean).
    public static func rows(of summary: PurchaseSummary) -> [SIMD4<Double>] {
        zip(summary.frequency, summary.monetaryValue).compactMap { x, m in x > 0 && m > 0 ? SIMD4(x, m, 0, 0) : nil }
    }

    /// The population's mean value per purchase, p γ / (q − 1); infinite for q ≤ 1.
    public var populationMeanValue: Double { q > 1 ? p * gamma / (q - 1) : .infinity }

    /// The expected value of the customer's future purchases: p (γ + x m)/(p x + q − 1), the population
    /// mean for x = 0 (nil when q ≤ 1 leaves the mean infinite and x is 0).
    public func expectedOrderValue(frequency x: Double, monetaryValue m: Double) -> Double? {
        let denominator = p * x + q - 1
        guard denominator > 0 else { return nil }
        return p * (gamma + x * m) / denominator
    }
}
