import Foundation

/// The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987; the likelihood as in Fader and Hardie's
/// 2005 note): while alive, a customer buys at a Poisson rate λ ~ Gamma(r, α); their lifetime is
/// exponential with rate μ ~ Gamma(s, β).
///
/// Rows are `(frequency, recency, age, 0)` of a `PurchaseSummary`; α and β are per time unit.
public struct ParetoNBD: MaximumLikelihoodModel, PurchaseProcessModel, Equatable {
    public static let parameterNames = ["r", "alpha", "s", "beta"]
    public static let scaledParameters = [1, 3]
    public static let scaledRowComponents = [1, 2]
    public static let boundaryMeaning =
        "drop-out is not identified (s → 0 or β → ∞ means lifetimes without end: the model reduces to the NBD)"
    /// The model's name on the command line and in files.
    public static let name = "pareto-nbd"

    /// Shape and scale of the purchase-rate distribution.
    public var r: Double, alpha: Double
    /// Shape and scale of the drop-out-rate distribution.
    public var s: Double, beta: Double

    public var parameters: [Double] { [r, alpha, s, beta] }

    public init(parameters: [Double]) {
        (r, alpha, s, beta) = (parameters[0], parameters[1], parameters[2], parameters[3])
    }

    /// log A₀ of the note: [₂F₁(r+s+x, t; r+s+x+1; z₁)/(m+tₓ)^(r+s+x) − ₂F₁(…; z₂)/(m+T)^(r+s+x)], with m the
    /// larger of α and β, t = s + 1 when α ≥ β and r + x otherwise, zᵢ = |α − β| / (m + tₓ or T).
    static func logA0<Scalar: LikelihoodScalar>(_ parameters: [Scalar], x: Double, recency: Double, age: Double) -> Scalar {
        let r = parameters[0], alpha = parameters[1], s = parameters[2], beta = parameters[3]
        let alphaLarger = alpha.value >= beta.value
        let larger = alphaLarger ? alpha : beta
        let difference = alphaLarger ? alpha - beta : beta - alpha
        let upper = alphaLarger ? s + 1 : r + x
        let rsx = r + s + x
        let atRecency = larger + recency, atAge = larger + age
        let first = SpecialFunctions.logHypergeometric2F1(rsx, upper, rsx + 1, difference / atRecency) - rsx * atRecency.log()
        let second = SpecialFunctions.logHypergeometric2F1(rsx, upper, rsx + 1, difference / atAge) - rsx * atAge.log()
        return Scalar.logSubExp(first, second)
    }

    /// The log-likelihood of one customer: A₁ + log(e^(−(r+x) log(α+T) − s log(β+T)) + s/(r+s+x) A₀).
    public static func logLikelihood<Scalar: LikelihoodScalar>(_ parameters: [Scalar], row: SIMD4<Double>) -> Scalar {
        let r = parameters[0], alpha = parameters[1], s = parameters[2], beta = parameters[3]
        let x = row[0], recency = row[1], age = row[2]
        let a1 = (r + x).logGamma() - r.logGamma() + r * alpha.log() + s * beta.log()
        let logA0 = logA0(parameters, x: x, recency: recency, age: age)
        let alive = -(r + x) * (alpha + age).log() - s * (beta + age).log()
        let gone = logA0.value == -.infinity ? logA0 : s.log() + logA0 - (r + s + x).log()
        return a1 + Scalar.logAddExp(alive, gone)
    }

    public func probabilityAlive(frequency x: Double, recency: Double, age: Double) -> Double {
        let logA0 = Self.logA0(parameters, x: x, recency: recency, age: age)
        guard logA0 != -.infinity else { return 1 }
        let logOdds = Foundation.log(s) - Foundation.log(r + s + x) + (r + x) * Foundation.log(alpha + age)
            + s * Foundation.log(beta + age) + logA0
        return 1 / (1 + Foundation.exp(logOdds))
    }

    public func expectedPurchases(within t: Double, frequency x: Double, recency: Double, age: Double) -> Double {
        guard t > 0 else { return 0 }
        let likelihood = Self.logLikelihood(parameters, row: SIMD4(x, recency, age, 0))
        let first = Foundation.lgamma(r + x) - Foundation.lgamma(r) + r * Foundation.log(alpha) + s * Foundation.log(beta)
            - (r + x) * Foundation.log(alpha + age) - s * Foundation.log(beta + age)
        let second = Foundation.log(r + x) + Foundation.log(beta + age) - Foundation.log(alpha + age)
        let third = Foundation.log(Self.lifetimeIntegral(s: s, ratio: (beta + age) / (beta + age + t)))
        return Foundation.exp(first + second + third - likelihood)
    }

    public func expectedPurchasesOfNewCustomer(within t: Double) -> Double {
        guard t > 0 else { return 0 }
        return r * beta / alpha * Self.lifetimeIntegral(s: s, ratio: beta / (beta + t))
    }

    /// (1 − ratio^(s − 1)) / (s − 1), and its limit −log(ratio) at s = 1.
    static func lifetimeIntegral(s: Double, ratio: Double) -> Double {
        let logRatio = Foundation.log(ratio)
        if abs(s - 1) < 1e-10 { return -logRatio }
        return -Foundation.expm1((s - 1) * logRatio) / (s - 1)
    }
}
