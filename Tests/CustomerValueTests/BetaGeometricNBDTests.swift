import Testing
@testable import CustomerValue

/// The published CDNOW fit (Fader, Hardie and Lee 2005; `lifetimes`' documentation), each within 5e-4.
@Test func bgnbdReproducesThePublishedCDNOWFit() {
    let fit = Golden.bgnbd
    let model = fit.model
    #expect(abs(model.r - 0.2426) < 5e-4)
    #expect(abs(model.alpha - 4.4135) < 5e-4)
    #expect(abs(model.a - 0.7929) < 5e-4)
    #expect(abs(model.b - 2.4258) < 5e-4)
    #expect(abs(fit.logLikelihood - -9582.43) < 0.01)
    #expect(fit.report.converged)
    #expect(fit.boundary == nil)
    #expect(fit.rows == 2357)
}

@Test func bgnbdMatchesLifetimesParametersAndStandardErrors() {
    let fit = Golden.bgnbd
    let reference = Golden.parameters("bgnbd")
    let errors = Golden.parameters("bgnbd", "standardErrors")
    for (index, name) in BetaGeometricNBD.parameterNames.enumerated() {
        #expect(close(fit.model.parameters[index], reference[name]!, relative: 1e-4), "\(name)")
        #expect(close(fit.standardErrors[index], errors[name]!, relative: 1e-2), "se(\(name))")
    }
    #expect(abs(fit.logLikelihood - Golden.number("bgnbd", "logLikelihood")) < 1e-3)
}

@Test func bgnbdLikelihoodAtFixedParameters() {
    let parameters = [0.25, 4.0, 0.8, 2.5]
    let total = Golden.cdnowRows.reduce(0.0) { $0 + BetaGeometricNBD.logLikelihood(parameters, row: $1) }
    #expect(close(total, Golden.number("bgnbd", "logLikelihoodAtFixed"), relative: 1e-10))
}

/// Per-customer P(alive) and expected purchases in 52 weeks against `lifetimes` at its own parameters.
@Test func bgnbdPerCustomerValuesMatchLifetimes() {
    let reference = Golden.parameters("bgnbd")
    let model = BetaGeometricNBD(parameters: BetaGeometricNBD.parameterNames.map { reference[$0]! })
    let alive = Golden.numbers("bgnbd", "probabilityAlive")
    let purchases = Golden.numbers("bgnbd", "expectedPurchases52")
    let summary = Golden.cdnow
    var worstAlive = 0.0, worstPurchases = 0.0
    for index in 0..<summary.count {
        let x = summary.frequency[index], recency = summary.recency[index], age = summary.age[index]
        worstAlive = max(worstAlive, abs(model.probabilityAlive(frequency: x, recency: recency, age: age) - alive[index]))
        let expected = model.expectedPurchases(within: 52, frequency: x, recency: recency, age: age)
        worstPurchases = max(worstPurchases, abs(expected - purchases[index]) / max(1, purchases[index]))
    }
    #expect(worstAlive < 1e-9)
    #expect(worstPurchases < 1e-8)
    let newCustomer = Golden.number("bgnbd", "expectedPurchasesNew52")
    #expect(close(model.expectedPurchasesOfNewCustomer(within: 52), newCustomer, relative: 1e-9))
}
