import Testing
@testable import CustomerValue

/// Customers who all bought until the cutoff give no evidence of drop-out: the BG/NBD optimum runs to
/// the boundary. The fit says so, keeps its parameters finite with a penalty, and P(alive) still ranks a
/// lapsed customer below a recent one.
@Test func boundaryOptimumIsReportedAndKeptInside() {
    var rows: [SIMD4<Double>] = []
    for index in 0..<300 {
        let age = Double(20 + index % 30)
        let x = Double(index % 7)
        rows.append(SIMD4(x, x > 0 ? age : 0, age, 0))
    }
    let fit = MaximumLikelihoodFit<BetaGeometricNBD>(rows: rows)
    #expect(fit.boundary != nil)
    #expect(fit.boundary?.contains("drop-out is not identified") == true)
    #expect(fit.penalty > 0)
    #expect(fit.report.coordinatesOnBoundary.isEmpty)
    #expect(fit.model.parameters.allSatisfy { $0.isFinite && $0 > 0 })
    #expect(fit.boundaryLogLikelihood != nil)
    #expect(fit.logLikelihood <= fit.boundaryLogLikelihood! + 1e-9)
    let lapsed = fit.model.probabilityAlive(frequency: 5, recency: 2, age: 45)
    let recent = fit.model.probabilityAlive(frequency: 5, recency: 44, age: 45)
    #expect(lapsed < recent)
    #expect(lapsed < 0.99)
}

@Test func identicalRowsAreFittedOnceWithTheirWeight() {
    let rows = Golden.cdnowRows
    let fit = MaximumLikelihoodFit<BetaGeometricNBD>(rows: rows + rows)
    #expect(fit.rows == 2 * rows.count)
    #expect(abs(fit.logLikelihood - 2 * Golden.bgnbd.logLikelihood) < 1e-6)
    for index in 0..<4 { #expect(abs(fit.model.parameters[index] - Golden.bgnbd.model.parameters[index]) < 1e-6) }
}

@Test func invertsASmallMatrix() {
    let inverse = MaximumLikelihoodFit<GammaGamma>.inverse([[4, 7], [2, 6]])!
    #expect(abs(inverse[0][0] - 0.6) < 1e-15 && abs(inverse[0][1] + 0.7) < 1e-15)
    #expect(abs(inverse[1][0] + 0.2) < 1e-15 && abs(inverse[1][1] - 0.4) < 1e-15)
    #expect(MaximumLikelihoodFit<GammaGamma>.inverse([[1, 2], [2, 4]]) == nil)
}
