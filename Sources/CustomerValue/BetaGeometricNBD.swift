import Foundation

/// The BG/NBD model (Fader, Hardie and Lee 2005, "Counting Your Customers the Easy Way"): while alive, a
/// customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with probability
/// p ~ Beta(a, b).
///
/// Rows are `(frequency, recency, age, 0)` of a `PurchaseSummary`; α is per time unit.
public struct BetaGeometricNBD: MaximumLikelihoodModel, PurchaseProcessModel, Equatable {
    public static let parameterNames = ["r", "alpha", "a", "b"]
    public static let scaledParameters = [1]
    public static let scaledRowComponents = [1, 2]
    public static let boundaryMeaning =
        "drop-out is not identified (a → 0 or b → ∞ means nobody drops out: the model reduces to the NBD)"
    /// The model's name on the command line and in files.
    public static let name = "bgnbd"

    /// Shape and scale of the purchase-rate distribution.
    public var r: Double, alpha: Double
    /// Shapes of the drop-out probability's distribution.
    public var a: Double, b: Double

    public var parameters: [Double] { [r, alpha, a, b] }

    public init(parameters: [Double]) {
        (r, alpha, a, b) = (parameters[0], parameters[1], parameters[2], parameters[3])
    }

    /// The log-likelihood of one customer, in log space: A₁ + A₂ + log(e^A₃ + δ(x > 0) e^A₄).
    public static func logLikelihood<Scalar: LikelihoodScalar>(_ parameters: [Scalar], row: SIMD4<Double>) -> Scalar {
        let r = parameters[0], alpha = parameters[1], a = parameters[2], b = parameters[3]
        let x = row[0], recency = row[1], age = row[2]
        let a1 = (r + x).logGamma() - r.logGamma() + r * alpha.log()
        let a2 = (a + b).logGamma() + (b + x).logGamma() - b.logGamma() - (a + b + x).logGamma()
        let a3 = -(r + x) * (alpha + age).log()
        let a4 = x > 0 ? a.log() - (b + (x - 1)).log() - (r + x) * (alpha + recency).log() : Scalar(-.infinity)
        return a1 + a2 + Scalar.logAddExp(a3, a4)
    }

    public func probabilityAlive(frequency x: Double, recency: Double, age: Double) -> Double {
        guard x > 0 else { return 1 }
        let logOdds = Foundation.log(a) - Foundation.log(b + x - 1) + (r + x) * (Foundation.log(alpha + age) - Foundation.log(alpha + recency))
        return 1 / (1 + Foundation.exp(logOdds))
    }

    public func expectedPurchases(within t: Double, frequency x: Double, recency: Double, age: Double) -> Double {
        guard t > 0 else { return 0 }
        let logHypergeometric = SpecialFunctions.logHypergeometric2F1(r + x, b + x, a + b + x - 1, t / (alpha + age + t))
        let remaining = -Foundation.expm1(logHypergeometric + (r + x) * Foundation.log((alpha + age) / (alpha + age + t)))
        let numerator = (a + b + x - 1) / (a - 1) * remaining
        let denominator = x > 0
            ? 1 + Foundation.exp(Foundation.log(a) - Foundation.log(b + x - 1) + (r + x) * (Foundation.log(alpha + age) - Foundation.log(alpha + recency)))
            : 1
        return numerator / denominator
    }

    public func expectedPurchasesOfNewCustomer(within t: Double) -> Double {
        guard t > 0 else { return 0 }
        let logHypergeometric = SpecialFunctions.logHypergeometric2F1(r, b, a + b - 1, t / (alpha + t))
        return (a + b - 1) / (a - 1) * -Foundation.expm1(logHypergeometric + r * Foundation.log(alpha / (alpha + t)))
    }
}
