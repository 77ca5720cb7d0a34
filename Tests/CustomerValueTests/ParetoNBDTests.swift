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
