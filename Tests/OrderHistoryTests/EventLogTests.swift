import Testing
@testable import OrderHistory

@Test func eventsWithTypesChannelsValuesAndAnonymousRows() throws {
    var registry = CustomerRegistry()
    let path = TestFiles.write("""
        customer_id,timestamp,type,channel,value
        A,2024-01-01 08:00:00,email_open,email,
        ,2024-01-01 09:00:00,site_visit,web,
        B,2024-01-02 10:30,review,web,4
        A,2024-01-03T11:00:00,email_open,email,

        """)
    let (log, summary) = try EventReader.read(path: path, registry: &registry)
    #expect(log.count == 3)
    #expect(log.typeNames == ["email_open", "site_visit", "review"])
    #expect(log.typeCode == [1, 3, 1])
    #expect(log.value[1] == 4 && log.value[0].isNaN)
    #expect(summary.anonymousRows == 1 && summary.customers == 2)
    #expect(summary.firstDay == CalendarDay.parseISO("2024-01-01"))
}

@Test func badEventValueIsLocated() {
    var registry = CustomerRegistry()
    let row = badRow { _ = try EventReader.read(path: TestFiles.write("customer_id,timestamp,type,value\nA,2024-01-01,review,five\n"), registry: &registry) }
    #expect(row?.line == 2 && row?.column == 4)
}
