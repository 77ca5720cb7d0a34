import Testing
@testable import OrderHistory

@Test func customerFileWithRolesAndAttributes() throws {
    var registry = CustomerRegistry()
    let path = TestFiles.write("""
        customer_id,name,phone,email,signup_date,do_not_call,last_contacted,prefecture
        0001,"山田, 太郎",090-1234-5678,a@example.jp,2021-04-01,1,2024-12-01,東京都
        0002,Sato,,,,,,大阪府

        """)
    let (table, summary) = try CustomerReader.read(path: path, registry: &registry)
    #expect(table.count == 2)
    #expect(registry.ids == ["0001", "0002"])
    #expect(table.name == ["山田, 太郎", "Sato"])
    #expect(table.phone == ["090-1234-5678", ""])
    #expect(table.doNotCall == [true, false])
    #expect(table.signupDay == [CalendarDay.parseISO("2021-04-01"), nil])
    #expect(table.lastContactedDay == [CalendarDay.parseISO("2024-12-01"), nil])
    #expect(table.attributeNames == ["prefecture"])
    #expect(table.attributes == [["東京都", "大阪府"]])
    #expect(summary.customers == 2 && summary.badRows.isEmpty)
}

@Test func repeatedCustomerIDIsABadRow() {
    var registry = CustomerRegistry()
    let row = badRow { _ = try CustomerReader.read(path: TestFiles.write("customer_id,name\n1,a\n2,b\n1,c\n"), registry: &registry) }
    #expect(row?.line == 4 && row?.column == 1 && row?.problem.contains("line 2") == true)
}

@Test func unreadableDoNotCallIsABadRow() {
    var registry = CustomerRegistry()
    let row = badRow { _ = try CustomerReader.read(path: TestFiles.write("customer_id,do_not_call\n1,maybe\n"), registry: &registry) }
    #expect(row?.line == 2 && row?.column == 2 && row?.value == "maybe")
}

@Test func yesNoSpellings() {
    #expect(parseYesNo("TRUE") == true && parseYesNo("はい") == true && parseYesNo("0") == false && parseYesNo("?") == nil)
}
