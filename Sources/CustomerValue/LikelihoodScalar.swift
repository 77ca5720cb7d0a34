import Foundation

/// A number the likelihoods can be written over once: a plain `Double` for values, or a `GradientDual`
/// that carries its partial derivatives along, so every model's gradient is the exact derivative of the
/// same code that computes its value (forward-mode differentiation, no finite differences).
public protocol LikelihoodScalar: Sendable {
    /// A constant.
    init(_ constant: Double)
    /// The value (without derivatives).
    var value: Double { get }
    static func + (left: Self, right: Self) -> Self
    static func - (left: Self, right: Self) -> Self
    static func * (left: Self, right: Self) -> Self
    static func / (left: Self, right: Self) -> Self
    static prefix func - (operand: Self) -> Self
    /// The natural logarithm.
    func log() -> Self
    /// `log(1 + self)`, accurate near 0.
    func log1p() -> Self
    /// The exponential.
    func exp() -> Self
    /// The logarithm of the gamma function (arguments above 0).
    func logGamma() -> Self
}

extension LikelihoodScalar {
    static func + (left: Self, right: Double) -> Self { left + Self(right) }
    static func - (left: Self, right: Double) -> Self { left - Self(right) }
    static func * (left: Self, right: Double) -> Self { left * Self(right) }
    static func / (left: Self, right: Double) -> Self { left / Self(right) }
    static func + (left: Double, right: Self) -> Self { Self(left) + right }
    static func - (left: Double, right: Self) -> Self { Self(left) - right }
    static func * (left: Double, right: Self) -> Self { Self(left) * right }
    static func / (left: Double, right: Self) -> Self { Self(left) / right }

    /// `log(exp(left) + exp(right))` without overflow; `-inf` operands are absent terms.
    static func logAddExp(_ left: Self, _ right: Self) -> Self {
        if left.value == -.infinity { return right }
        if right.value == -.infinity { return left }
        if left.value >= right.value { return left + (right - left).exp().log1p() }
        return right + (left - right).exp().log1p()
    }

    /// `log(exp(left) - exp(right))` for `left > right`; `-inf` when they are equal (an empty difference).
    static func logSubExp(_ left: Self, _ right: Self) -> Self {
        if right.value == -.infinity { return left }
        guard left.value > right.value else { return Self(-.infinity) }
        return left + (-(right - left).exp()).log1p()
    }
}

extension Double: LikelihoodScalar {
    public var value: Double { self }
    public func log() -> Double { Foundation.log(self) }
    public func log1p() -> Double { Foundation.log1p(self) }
    public func exp() -> Double { Foundation.exp(self) }
    public func logGamma() -> Double { Foundation.lgamma(self) }
}

/// A value with its gradient with respect to up to four parameters (the most any model here has).
public struct GradientDual: LikelihoodScalar, Equatable {
    /// The value.
    public var value: Double
    /// The partial derivatives of the value with respect to the parameters.
    public var gradient: SIMD4<Double>

    /// A value with the given partial derivatives.
    public init(_ value: Double, gradient: SIMD4<Double>) {
        self.value = value
        self.gradient = gradient
    }

    /// A constant (zero derivatives).
    public init(_ constant: Double) { self.init(constant, gradient: .zero) }

    /// Parameter `index` itself, `value`, with a derivative of `derivative` with respect to it.
    public static func parameter(_ value: Double, index: Int, derivative: Double = 1) -> GradientDual {
        var gradient = SIMD4<Double>.zero
        gradient[index] = derivative
        return GradientDual(value, gradient: gradient)
    }

    public static func + (left: Self, right: Self) -> Self { Self(left.value + right.value, gradient: left.gradient + right.gradient) }
    public static func - (left: Self, right: Self) -> Self { Self(left.value - right.value, gradient: left.gradient - right.gradient) }
    public static func * (left: Self, right: Self) -> Self {
        Self(left.value * right.value, gradient: right.value * left.gradient + left.value * right.gradient)
    }
    public static func / (left: Self, right: Self) -> Self {
        let quotient = left.value / right.value
        return Self(quotient, gradient: (left.gradient - quotient * right.gradient) / right.value)
    }
    public static prefix func - (operand: Self) -> Self { Self(-operand.value, gradient: -operand.gradient) }
    public func log() -> Self { Self(Foundation.log(value), gradient: gradient / value) }
    public func log1p() -> Self { Self(Foundation.log1p(value), gradient: gradient / (1 + value)) }
    public func exp() -> Self {
        let result = Foundation.exp(value)
        return Self(result, gradient: result * gradient)
    }
    public func logGamma() -> Self { Self(Foundation.lgamma(value), gradient: SpecialFunctions.digamma(value) * gradient) }
}
