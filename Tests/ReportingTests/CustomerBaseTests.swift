import Features
import Testing
@testable import Reporting

@Test func theTopFifthsShareAndTheLorenzCurveMatchAHandComputedCase() {
    // Values 0, 10, 20, 30, 40 (sum 100): the top 20% is one customer (40), so 40%; the curve through the
    // customers from the lowest: 0, 0, 10, 30, 60, 100 (% of the sum).
    let (curve, share) = CustomerBase.concentration([30, 0, 40, 10, 20])
    #expect(share == 0.4)
    #expect(curve.map(\.shareOfCustomers) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(curve.map(\.shareOfValue) == [0, 0, 0.1, 0.3, 0.6, 1])
    // 1 ... 10 (sum 55): the top 20% is two customers, 9 + 10 = 19 of 55.
    #expect(abs(CustomerBase.concentration((1...10).map(Double.init)).topFifthShare - 19.0 / 55) < 1e-15)
    // Nothing to share: a flat line and 0.
    #expect(CustomerBase.concentration([0, 0]).topFifthShare == 0)
    #expect(CustomerBase.concentration([]).curve.count == 2)
}

@Test func theCustomerBaseCountsEveryBuyerOnceInEachView() throws {
    let base = backTest.inputs.base
    #expect(base.customers > 0)
    #expect(base.ranks.reduce(0) { $0 + $1.customers } == base.customers)
    #expect(base.heatMap.flatMap { $0 }.reduce(0, +) == base.customers)
    #expect(base.ltvNPS.reduce(0) { $0 + $1.customers } == base.customers)
    #expect(abs(base.ranks.reduce(0) { $0 + $1.shareOfSpend } - 1) < 1e-9)
    #expect(base.ranks.map(\.name).prefix(4) == ["S", "A", "B", "C"])
}
