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

@Test func aSourceThatIsNotAFileBuildsTheSameEventLog() throws {
    let rows = [("c1", "2024-01-02", "email_open", "mail", "1"), ("", "2024-01-03", "site_visit", "web", ""),
                ("c2", "2024-01-04", "site_visit", "web", "2.5"), ("c1", "2024-01-05", "email_open", "", "")]
    var text = "customer_id,timestamp,event_type,channel,value\n"
    for row in rows { text += "\(row.0),\(row.1),\(row.2),\(row.3),\(row.4)\n" }
    var fileRegistry = CustomerRegistry()
    let (fromFile, fileSummary) = try EventReader.read(path: TestFiles.write(text), registry: &fileRegistry)

    var registry = CustomerRegistry()
    var builder = EventLogBuilder(source: "crm.events")
    for row in rows {
        try builder.add(customerID: row.0, day: CalendarDay.parseISO(row.1)!, type: row.2, channel: row.3,
                        value: Double(row.4), registry: &registry)
    }
    let (log, summary) = builder.build()
    #expect(registry.ids == fileRegistry.ids && log.customerIndex == fromFile.customerIndex && log.day == fromFile.day)
    #expect(log.typeCode == fromFile.typeCode && log.typeNames == fromFile.typeNames && log.channelNames == fromFile.channelNames)
    #expect(log.value.map(\.description) == fromFile.value.map(\.description))
    #expect(summary.anonymousRows == fileSummary.anonymousRows && summary.keptRows == 3 && summary.file == "crm.events")
    #expect { try builder.add(customerID: "c1", day: 0, type: " ", registry: &registry) } throws: {
        "\($0)" == "crm.events: expected an event type such as email_open"
    }
}
