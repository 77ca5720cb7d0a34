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
