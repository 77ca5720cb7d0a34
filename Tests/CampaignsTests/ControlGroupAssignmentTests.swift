import Testing
@testable import Campaigns

@Test func eachBandOfRanksHoldsOutItsShare() {
    let isControl = ControlGroupAssignment.assign(poolSize: 95, share: 0.1, seed: 7, list: "retention")
    #expect(isControl.filter { $0 }.count == 10, "round(95 × 0.1 + 0.5) = 10")
    for band in stride(from: 0, to: 90, by: 10) {
        #expect(isControl[band..<(band + 10)].filter { $0 }.count == 1, "band \(band)")
    }
    #expect(isControl[90..<95].filter { $0 }.count == 1, "the last, partial band: round(9.5) − round(9) = 1")
    // The same seed and list: the same groups; another seed or list: another draw.
    #expect(isControl == ControlGroupAssignment.assign(poolSize: 95, share: 0.1, seed: 7, list: "retention"))
    #expect(isControl != ControlGroupAssignment.assign(poolSize: 95, share: 0.1, seed: 8, list: "retention"))
    #expect(isControl != ControlGroupAssignment.assign(poolSize: 95, share: 0.1, seed: 7, list: "upgrade"))
    #expect(ControlGroupAssignment.assign(poolSize: 30, share: 0, seed: 1, list: "x") == [Bool](repeating: false, count: 30))
}

@Test func thePoolHoldsTheCallsAndTheirControlGroup() {
    for (calls, share) in [(120, 0.1), (80, 0.1), (1, 0.5), (0, 0.2), (200, 0.25), (7, 0.33)] {
        let pool = ControlGroupAssignment.poolSize(calls: calls, share: share)
        #expect(pool - ControlGroupAssignment.controlCount(poolSize: pool, share: share) == calls, "\(calls) at \(share)")
        #expect(pool == 0 || pool - 1 - ControlGroupAssignment.controlCount(poolSize: pool - 1, share: share) < calls, "smallest")
    }
    #expect(ControlGroupAssignment.poolSize(calls: 120, share: 0.1) == 133)
}

@Test func sampleRatioCheck() {
    // 22 of 222 at 10%: chi-square (22 − 22.2)²/22.2 + (200 − 199.8)²/199.8 = 0.002, p = 0.964.
    #expect(abs(ControlGroupAssignment.sampleRatioPValue(control: 22, total: 222, share: 0.1) - 0.9643) < 1e-4)
    // 60 of 200 at 10%: far off.
    #expect(ControlGroupAssignment.sampleRatioPValue(control: 60, total: 200, share: 0.1) < 1e-6)
    #expect(ControlGroupAssignment.sampleRatioPValue(control: 0, total: 0, share: 0.1) == 1)
}
