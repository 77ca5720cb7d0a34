import Testing
@testable import Features
@testable import OrderHistory

@Test func kpisByHand() throws {
    // Period (2024-04-01, 2024-06-30], previous (2024-01-01, 2024-04-01] with P = 91 days.
    let (log, registry) = try history([
        ("A", "2024-02-01", 100), ("A", "2024-05-01", 150), ("A", "2024-06-01", 50),   // retained, repeat
        ("B", "2024-03-01", 200),                                                   // lost
        ("C", "2024-06-15", 30),                                                    // new
    ])
    let timeline = CustomerTimeline(log: log, customerCount: registry.count)
    var surveyRegistry = registry
    let path = try writeCSV("customer_id,date,nps\nA,2024-05-01,10\nB,2024-05-02,3\nC,2024-06-20,8\nC,2024-01-05,0\n")
    let (surveys, _) = try SurveyReader.read(path: path, registry: &surveyRegistry)
    let kpis = KPIs(log: log, timeline: timeline,
                    surveys: (surveys, CustomerTimeline(customerIndex: surveys.customerIndex, day: surveys.day, customerCount: surveyRegistry.count)),
                    asOfDay: day("2024-06-30"), periodDays: 91, ltv: [300, 200, .nan], segments: ["A", "A", "C"])
    #expect(kpis.activeCustomers == 2)
    #expect(kpis.repeatPurchaseRate == 0.5)
    #expect(kpis.retentionRate == 0.5 && kpis.churnRate == 0.5)
    #expect(kpis.netRevenueRetention == 200.0 / 300.0)
    // Last answers in the period: A 10 (promoter), B 3 (detractor), C 8 (passive): NPS = (1 − 1) / 3 = 0.
    #expect(kpis.nps == 0 && kpis.npsRespondents == 3)
    #expect(kpis.ltvBySegment == ["A": 250])
}
