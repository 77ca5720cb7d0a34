import Foundation
import Testing
@testable import CustomerValue

/// The published CDNOW fit (Fader and Hardie's note), each within 5e-4. The note gives the log-likelihood
/// to one decimal (−9595.0), so it is checked to that rounding, and to 1e-3 against the formula at
/// `lifetimes`' parameters (−9594.9739).
@Test func paretoNBDReproducesThePublishedCDNOWFit() {
    let fit = Golden.paretoNBD
    let model = fit.model
    #expect(abs(model.r - 0.5533) < 5e-4)
    #expect(abs(model.alpha - 10.578) < 5e-4)
    #expect(abs(model.s - 0.6062) < 5e-4)
    #expect(abs(model.beta - 11.668) < 5e-4)
    #expect(abs(fit.logLikelihood - -9595.0) <= 0.05)
    #expect(abs(fit.logLikelihood - Golden.number("paretonbd", "logLikelihood")) < 1e-3)
    #expect(fit.report.converged)
    #expect(fit.boundary == nil)
}

@Test func paretoNBDLikelihoodAtFixedParameters() {
    let parameters = [0.55, 10.5, 0.6, 11.7]
    let total = Golden.cdnowRows.reduce(0.0) { $0 + ParetoNBD.logLikelihood(parameters, row: $1) }
    #expect(close(total, Golden.number("paretonbd", "logLikelihoodAtFixed"), relative: 1e-10))
}

@Test func paretoNBDPerCustomerValuesMatchLifetimes() {
    let reference = Golden.parameters("paretonbd")
    let model = ParetoNBD(parameters: ParetoNBD.parameterNames.map { reference[$0]! })
    let alive = Golden.numbers("paretonbd", "probabilityAlive")
    let purchases = Golden.numbers("paretonbd", "expectedPurchases52")
    let summary = Golden.cdnow
    var worstAlive = 0.0, worstPurchases = 0.0
    for index in 0..<summary.count {
        let x = summary.frequency[index], recency = summary.recency[index], age = summary.age[index]
        worstAlive = max(worstAlive, abs(model.probabilityAlive(frequency: x, recency: recency, age: age) - alive[index]))
        let expected = model.expectedPurchases(within: 52, frequency: x, recency: recency, age: age)
        worstPurchases = max(worstPurchases, abs(expected - purchases[index]) / max(1, purchases[index]))
    }
    #expect(worstAlive < 1e-8)
    #expect(worstPurchases < 1e-8)
}

/// The gradient carried by `GradientDual` through the hypergeometric series equals central differences.
@Test func paretoNBDGradientIsTheDerivativeOfTheValue() {
    let point = [0.55, 10.5, 0.6, 11.7]
    for row in [SIMD4(0.0, 0, 38.86, 0), SIMD4(2.0, 30.43, 38.86, 0), SIMD4(14.0, 36.0, 38.0, 0)] {
        let duals = (0..<4).map { GradientDual.parameter(point[$0], index: $0) }
        let exact = ParetoNBD.logLikelihood(duals, row: row)
        for index in 0..<4 {
            var up = point, down = point
            up[index] += 1e-6
            down[index] -= 1e-6
            let numeric = (ParetoNBD.logLikelihood(up, row: row) - ParetoNBD.logLikelihood(down, row: row)) / 2e-6
            #expect(abs(exact.gradient[index] - numeric) < 1e-6 * max(1, abs(numeric)), "row \(row) parameter \(index)")
        }
    }
}

/// Near z = 1 the likelihood integrates A₀'s integral form: it equals the ₂F₁ series (summed to the end,
/// slowly) where both work, for either of α and β the larger, and its gradient is the value's derivative.
@Test func theIntegralFormOfA0MatchesTheSeriesNearOne() {
    func seriesLogA0(_ p: [Double], x: Double, from: Double, to: Double) -> Double {
        let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3])
        let larger = max(alpha, beta), difference = abs(alpha - beta), upper = alpha >= beta ? s + 1 : r + x, rsx = r + s + x
        func end(_ t: Double) -> Double {
            SpecialFunctions.logHypergeometric2F1(rsx, upper, rsx + 1, difference / (larger + t)) - rsx * Foundation.log(larger + t)
        }
        return Double.logSubExp(end(from), end(to))
    }
    // z at tₓ: 0.95, 0.97 and 0.99 (α ≫ β), and 0.96 with β ≫ α; x from 0 to 40.
    let cases: [([Double], Double, Double, Double)] = [
        ([0.5, 200, 0.6, 1], 0, 0, 5), ([0.5, 200, 0.6, 1], 3, 2, 8), ([2, 1000, 1.3, 20], 40, 5, 9),
        ([0.8, 3, 0.7, 600], 5, 10, 20), ([0.3, 5000, 0.4, 0.5], 1, 20, 30), ([0.5, 60, 0.6, 1], 2, 1, 40),
    ]
    for (parameters, x, from, to) in cases {
        let integral = Foundation.log(parameters[0] + parameters[2] + x) + ParetoNBD.logIntegral(parameters, x: x, from: from, to: to)
        let series = seriesLogA0(parameters, x: x, from: from, to: to)
        #expect(abs(integral - series) < 1e-10 * max(1, abs(series)), "\(parameters) x \(x): \(integral) against \(series)")
        // The likelihood's A₀ (integral where z > 0.9, the series beyond) is the series' A₀ too.
        #expect(abs(ParetoNBD.logA0(parameters, x: x, recency: from, age: to) - series) < 1e-10 * max(1, abs(series)))
        let row = SIMD4(x, from, to, 0)
        let duals = (0..<4).map { GradientDual.parameter(parameters[$0], index: $0) }
        let exact = ParetoNBD.logLikelihood(duals, row: row)
        #expect(abs(exact.value - ParetoNBD.logLikelihood(parameters, row: row)) < 1e-12 * max(1, abs(exact.value)))
        for index in 0..<4 {
            var up = parameters, down = parameters
            let step = 1e-6 * max(1, parameters[index])
            up[index] += step
            down[index] -= step
            let numeric = (ParetoNBD.logLikelihood(up, row: row) - ParetoNBD.logLikelihood(down, row: row)) / (2 * step)
            #expect(abs(exact.gradient[index] - numeric) < 1e-5 * max(1, abs(numeric)), "\(parameters) x \(x) parameter \(index)")
        }
    }
}
