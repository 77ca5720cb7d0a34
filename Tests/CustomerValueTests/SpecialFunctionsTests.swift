import Foundation
import Testing
@testable import CustomerValue

@Test func digammaAtKnownPoints() {
    // ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(10) = H₉ − γ (Abramowitz and Stegun 6.3).
    let eulerGamma = 0.57721566490153286
    #expect(abs(SpecialFunctions.digamma(1) + eulerGamma) < 1e-13)
    #expect(abs(SpecialFunctions.digamma(0.5) - (-eulerGamma - 2 * log(2.0))) < 1e-13)
    let harmonic9 = (1...9).reduce(0.0) { $0 + 1 / Double($1) }
    #expect(abs(SpecialFunctions.digamma(10) - (harmonic9 - eulerGamma)) < 1e-13)
    #expect(SpecialFunctions.digamma(0).isNaN)
    #expect(SpecialFunctions.digamma(-1).isNaN)
}

/// Against scipy.special.hyp2f1 on ordinary, near-1, negative and large-parameter cases.
@Test func hypergeometricMatchesScipy() {
    let cases = Golden.json["hyp2f1"] as! [[String: Double]]
    #expect(cases.count >= 30)
    for item in cases {
        let (a, b, c, z) = (item["a"]!, item["b"]!, item["c"]!, item["z"]!)
        let value = SpecialFunctions.logHypergeometric2F1(a, b, c, z)
        #expect(abs(value - log(item["value"]!)) < 1e-11 * max(1, abs(value)), "2F1(\(a), \(b); \(c); \(z))")
    }
}

@Test func hypergeometricRefusesWhatItCannotSum() {
    #expect(SpecialFunctions.logHypergeometric2F1(1.0, 1.0, 2.0, 1.0).isNaN)
    #expect(SpecialFunctions.logHypergeometric2F1(1.0, 1.0, -2.0, 0.5).isNaN)
    #expect(SpecialFunctions.logHypergeometric2F1(1.0, 1.0, 2.0, .nan).isNaN)
    #expect(SpecialFunctions.logHypergeometric2F1(Double.infinity, 1.0, 2.0, 0.5).isNaN)
}

/// The derivative the dual numbers carry through the series equals a central difference.
@Test func hypergeometricDerivativeThroughTheSeries() {
    let a = 3.2, b = 1.6, c = 4.2, z = 0.7
    let dual = SpecialFunctions.logHypergeometric2F1(GradientDual.parameter(a, index: 0), GradientDual.parameter(b, index: 1),
                                                     GradientDual.parameter(c, index: 2), GradientDual.parameter(z, index: 3))
    let point = [a, b, c, z]
    for index in 0..<4 {
        var up = point, down = point
        up[index] += 1e-6
        down[index] -= 1e-6
        let numeric = (SpecialFunctions.logHypergeometric2F1(up[0], up[1], up[2], up[3])
            - SpecialFunctions.logHypergeometric2F1(down[0], down[1], down[2], down[3])) / 2e-6
        #expect(abs(dual.gradient[index] - numeric) < 1e-7, "∂/∂ parameter \(index)")
    }
}
