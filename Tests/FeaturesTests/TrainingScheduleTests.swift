import Testing
@testable import Features

@Test func cutoffsStepBackFromTMinusHAndHoldOutTheLatest() {
    let asOf = day("2024-12-31")
    let schedule = TrainingSchedule(asOf: asOf, horizonDays: 90, stepDays: 30, firstDay: day("2024-01-01"))
    // T − H = 2024-10-02; back in 30-day steps while at least 90 days of history precede the cutoff.
    #expect(schedule.cutoffs.first == asOf - 90)
    #expect(schedule.cutoffs == stride(from: asOf - 90, through: day("2024-01-01") + 90, by: -30).map { $0 })
    #expect(schedule.heldOut == asOf - 90)
    #expect(schedule.evaluationFit.allSatisfy { $0 <= asOf - 180 })
    #expect(schedule.evaluationFit.first == asOf - 180)
    #expect(schedule.cutoffs.allSatisfy { $0 + 90 <= asOf }, "every label window ends by T")
}

@Test func shortHistoryGivesNoCutoffs() {
    let schedule = TrainingSchedule(asOf: day("2024-03-01"), horizonDays: 90, firstDay: day("2024-01-01"))
    #expect(schedule.cutoffs.isEmpty && schedule.evaluationFit.isEmpty)
}
