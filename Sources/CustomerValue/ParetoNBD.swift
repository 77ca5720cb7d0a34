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
        // log of ₂F₁(…; |α − β| / (m + t)) / (m + t)^(r+s+x): A₀ is its value at tₓ less its value at T.
        func logEndpoint(_ time: Scalar) -> Scalar {
            let at = larger + time
            return SpecialFunctions.logHypergeometric2F1(rsx, upper, rsx + 1, difference / at) - rsx * at.log()
        }
        // The series converges like zⁿ: near z = 1 (α ≫ β or β ≫ α, beside tₓ) it needs thousands of
        // terms. There A₀'s integral form, (r+s+x) ∫ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ over [tₓ, T], is used
        // for the part of [tₓ, T] where z > `seriesLimit`, and the series only beyond it.
        let switchTime = difference.value / seriesLimit - larger.value
        guard switchTime > recency else { return Scalar.logSubExp(logEndpoint(Scalar(recency)), logEndpoint(Scalar(age))) }
        let end = min(switchTime, age)
        let integral = rsx.log() + logIntegral(parameters, x: x, from: recency, to: end)
        guard end < age else { return integral }
        return Scalar.logAddExp(integral, Scalar.logSubExp(logEndpoint(Scalar(end)), logEndpoint(Scalar(age))))
    }

    /// Beyond this z the likelihood integrates instead of summing the ₂F₁ series.
    static let seriesLimit = 0.9

    /// log ∫ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ over [from, to], by Gauss-Legendre on u = log(c + τ), c the
    /// smaller of α and β (the factor that can fall steeply), in pieces short enough for 12 nodes.
    static func logIntegral<Scalar: LikelihoodScalar>(_ parameters: [Scalar], x: Double, from: Double, to: Double) -> Scalar {
        let r = parameters[0], alpha = parameters[1], s = parameters[2], beta = parameters[3]
        let betaSmaller = beta.value <= alpha.value
        let small = betaSmaller ? beta : alpha
        let gap = betaSmaller ? alpha - beta : beta - alpha
        // In u: the small factor is e^(−k u) (k = s + 1 or r + x, less 1 for dτ = e^u du); the other
        // (gap + e^u)^(−j).
        let smallPower = betaSmaller ? s : r + x - 1
        let largePower = betaSmaller ? r + x : s + 1
        let lower = (small + from).log(), upperLimit = (small + to).log()
        let length = upperLimit.value - lower.value
        guard length > 0 else { return Scalar(-.infinity) }
        // How much the log-integrand can change over the interval, to choose the pieces.
        let largeChange = largePower.value * Foundation.log((gap.value + Foundation.exp(upperLimit.value)) / (gap.value + Foundation.exp(lower.value)))
        let pieces = min(64, max(1, Int(((abs(smallPower.value) * length + abs(largeChange)) / 4).rounded(.up))))
        let width = (upperLimit - lower) / Double(pieces)
        var total = Scalar(-.infinity)
        for piece in 0..<pieces {
            let start = lower + width * Double(piece)
            for (node, weight) in zip(gaussLegendreNodes, gaussLegendreWeights) {
                let u = start + width * ((node + 1) / 2)
                let logValue = -smallPower * u - largePower * (gap + u.exp()).log() + (width / 2).log() + Foundation.log(weight)
                total = Scalar.logAddExp(total, logValue)
            }
        }
        return total
    }

    /// The 12 Gauss-Legendre nodes on [−1, 1] and their weights (Newton on the Legendre polynomial).
    static let (gaussLegendreNodes, gaussLegendreWeights): ([Double], [Double]) = {
        let count = 12
        var nodes: [Double] = [], weights: [Double] = []
        for index in 1...count {
            var root = Foundation.cos(Double.pi * (Double(index) - 0.25) / (Double(count) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var previous = 1.0, current = root
                for order in 2...count {
                    let next = ((2 * Double(order) - 1) * root * current - (Double(order) - 1) * previous) / Double(order)
                    previous = current
                    current = next
                }
                derivative = Double(count) * (root * current - previous) / (root * root - 1)
                let step = current / derivative
                root -= step
                if abs(step) < 1e-16 { break }
            }
            nodes.append(root)
            weights.append(2 / ((1 - root * root) * derivative * derivative))
        }
        return (nodes, weights)
    }()

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
