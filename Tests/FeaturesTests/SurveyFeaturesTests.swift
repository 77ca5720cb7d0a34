import Testing
@testable import Features
@testable import OrderHistory

@Test func lastAndMeanAnswersUpToTheCutoff() throws {
    var registry = CustomerRegistry()
    _ = registry.index(for: "silent")
    let path = try writeCSV("customer_id,survey_date,nps,csat,ces\nA,2024-01-10,9,5,\nA,2024-05-01,3,,6\nA,2024-07-01,10,5,1\nB,2024-06-30,7,4,2\n")
    let (surveys, _) = try SurveyReader.read(path: path, registry: &registry)
    var table = FeatureTable(asOfDay: day("2024-06-30"), rowCount: registry.count)
    SurveyFeatures.add(to: &table, surveys: surveys,
                       timeline: CustomerTimeline(customerIndex: surveys.customerIndex, day: surveys.day, customerCount: registry.count))
    func value(_ id: String, _ name: String) -> Double { table.column(name)![Int(registry.index(of: id)!)] }
    #expect(value("A", "last_nps") == 3 && value("A", "last_nps_class") == -1)
    #expect(value("A", "mean_nps") == 6 && value("A", "nps_answers") == 2)
    #expect(value("A", "days_since_last_answer") == 60)
    #expect(value("A", "last_csat") == 5 && value("A", "last_ces") == 6)
    #expect(value("B", "last_nps_class") == 0 && value("B", "days_since_last_answer") == 0)
    #expect(value("silent", "nps_answers") == 0 && value("silent", "last_nps").isNaN)
    #expect(SurveyFeatures.npsClass(9) == 1 && SurveyFeatures.npsClass(6) == -1)
}
