import Foundation
import Testing
@testable import CustomerValue

@Test func dualNumbersCarryExactDerivatives() {
    let x = GradientDual.parameter(1.5, index: 0), y = GradientDual.parameter(0.25, index: 1)
    let f = (x * y + x / y).log() - (x - y).exp() + (x * x).logGamma() + y.log1p()
    // ∂f/∂x and ∂f/∂y by hand.
    let (u, v) = (1.5, 0.25)
    let inner = u * v + u / v
    let dx = (v + 1 / v) / inner - exp(u - v) + 2 * u * SpecialFunctions.digamma(u * u)
    let dy = (u - u / (v * v)) / inner + exp(u - v) + 1 / (1 + v)
    #expect(abs(f.gradient[0] - dx) < 1e-12)
    #expect(abs(f.gradient[1] - dy) < 1e-12)
    #expect(f.gradient[2] == 0 && f.gradient[3] == 0)
}

@Test func logAddAndSubtractInLogSpace() {
    #expect(abs(Double.logAddExp(log(2), log(3)) - log(5)) < 1e-15)
    #expect(abs(Double.logSubExp(log(5), log(3)) - log(2)) < 1e-15)
    #expect(Double.logAddExp(-.infinity, 1) == 1)
    #expect(Double.logSubExp(1, 1) == -.infinity)
    #expect(abs(Double.logAddExp(1000, 1000) - (1000 + log(2))) < 1e-12)
}
