import Testing
@testable import OrderHistory

@Test func surveysWithOptionalScores() throws {
    var registry = CustomerRegistry()
    let path = TestFiles.write("customer_id,survey_date,nps,csat,ces\nA,2024-01-01,9,5,2\nB,2024-01-02,3,,\n")
    let (log, _) = try SurveyReader.read(path: path, options: ReadOptions(), registry: &registry)
    #expect(log.nps == [9, 3])
    #expect(log.csat[0] == 5 && log.csat[1].isNaN)
    #expect(log.ces[0] == 2 && log.ces[1].isNaN)
}

@Test(arguments: ["11", "7.5", "-1", "ten"])
func npsOutsideZeroToTenIsABadRow(value: String) {
    var registry = CustomerRegistry()
    let row = badRow { _ = try SurveyReader.read(path: TestFiles.write("customer_id,date,nps\nA,2024-01-01,\(value)\n"), registry: &registry) }
    #expect(row?.line == 2 && row?.column == 3 && row?.problem.contains("0 to 10") == true)
}

@Test func cesOutsideOneToSevenIsABadRow() {
    var registry = CustomerRegistry()
    let row = badRow { _ = try SurveyReader.read(path: TestFiles.write("customer_id,date,nps,ces\nA,2024-01-01,5,9\n"), registry: &registry) }
    #expect(row?.column == 4)
}

@Test func aSourceThatIsNotAFileBuildsTheSameSurveyLog() throws {
    let text = "customer_id,answered_at,nps,csat,ces\nc1,2024-01-02,9,4.5,2\n,2024-01-03,3,,\nc2,2024-01-04,0,,7\n"
    var fileRegistry = CustomerRegistry()
    let (fromFile, fileSummary) = try SurveyReader.read(path: TestFiles.write(text), registry: &fileRegistry)

    var registry = CustomerRegistry()
    var builder = SurveyLogBuilder(source: "crm.surveys")
    try builder.add(customerID: "c1", day: CalendarDay.parseISO("2024-01-02")!, nps: 9, csat: 4.5, ces: 2, registry: &registry)
    try builder.add(customerID: nil, day: CalendarDay.parseISO("2024-01-03")!, nps: 3, registry: &registry)
    try builder.add(customerID: "c2", day: CalendarDay.parseISO("2024-01-04")!, nps: 0, ces: 7, registry: &registry)
    let (log, summary) = builder.build()
    #expect(registry.ids == fileRegistry.ids && log.nps == fromFile.nps && log.day == fromFile.day)
    #expect(log.csat.map(\.description) == fromFile.csat.map(\.description) && log.ces.map(\.description) == fromFile.ces.map(\.description))
    #expect(summary.anonymousRows == fileSummary.anonymousRows && summary.keptRows == 2)
    #expect { try builder.add(customerID: "c3", day: 0, nps: 11, registry: &registry) } throws: {
        "\($0)" == "crm.surveys: NPS: expected a whole number from 0 to 10"
    }
    #expect { try builder.add(customerID: "c3", day: 0, nps: 5, ces: 0, registry: &registry) } throws: {
        "\($0)" == "crm.surveys: CES: expected an effort score from 1 to 7 or an empty cell"
    }
}
