import Testing
@testable import CustomerValue

/// The published CDNOW fit (Fader, Hardie and Lee 2005, "RFM and CLV"), each within 5e-4.
@Test func gammaGammaReproducesThePublishedCDNOWFit() {
    let fit = Golden.gammaGamma
    #expect(abs(fit.model.p - 6.2488) < 5e-4)
    #expect(abs(fit.model.q - 3.7446) < 5e-4)
    #expect(abs(fit.model.gamma - 15.4477) < 5e-4)
    #expect(fit.rows == 946)
    #expect(fit.report.converged)
}

@Test func gammaGammaExpectedOrderValueMatchesLifetimes() {
    let reference = Golden.parameters("gammagamma")
    let model = GammaGamma(parameters: [reference["p"]!, reference["q"]!, reference["gamma"]!])
    let expected = Golden.numbers("gammagamma", "expectedOrderValue")
    let summary = Golden.cdnow
    for index in 0..<summary.count {
        let value = model.expectedOrderValue(frequency: summary.frequency[index], monetaryValue: summary.monetaryValue[index])
        #expect(value.map { close($0, expected[index], relative: 1e-10) } == true, "customer \(index)")
    }
}

/// `lifetimes`' customer_lifetime_value (12 periods of 4.345 weeks, 1% a period) from the same parameters.
@Test func discountedValueMatchesLifetimesCustomerLifetimeValue() {
    let bgnbd = Golden.parameters("bgnbd"), spend = Golden.parameters("gammagamma")
    let purchases = BetaGeometricNBD(parameters: BetaGeometricNBD.parameterNames.map { bgnbd[$0]! })
    let value = GammaGamma(parameters: [spend["p"]!, spend["q"]!, spend["gamma"]!])
    let expected = Golden.numbers("gammagamma", "customerLifetimeValue12")
    let summary = Golden.cdnow
    for index in 0..<summary.count {
        let x = summary.frequency[index]
        let orderValue = value.expectedOrderValue(frequency: x, monetaryValue: summary.monetaryValue[index])!
        let clv = purchases.discountedValue(frequency: x, recency: summary.recency[index], age: summary.age[index],
                                            orderValue: orderValue, horizon: 12 * 4.345, period: 4.345, discountRate: 0.01)
        #expect(close(clv, expected[index], relative: 1e-8), "customer \(index)")
    }
}
