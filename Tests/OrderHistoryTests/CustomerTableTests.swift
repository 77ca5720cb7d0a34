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

@Test func aSourceThatIsNotAFileBuildsTheSameCustomerTable() throws {
    let text = "customer_id,name,phone,do_not_call,signup_date,region\nc1,Sato,090-1111-2222,no,2021-01-02,east\nc2,Kato,,yes,,west\n"
    var fileRegistry = CustomerRegistry()
    let (fromFile, _) = try CustomerReader.read(path: TestFiles.write(text), registry: &fileRegistry)

    var registry = CustomerRegistry()
    var builder = try CustomerTableBuilder(source: "crm.customers", attributeNames: ["region"])
    try builder.add(customerID: "c1", name: "Sato", phone: "090-1111-2222", signupDay: CalendarDay.parseISO("2021-01-02"),
                    doNotCall: CustomerTableBuilder.doNotCall("no")!, attributes: ["east"], line: 2, registry: &registry)
    try builder.add(customerID: "c2", name: "Kato", doNotCall: CustomerTableBuilder.doNotCall("yes")!, attributes: ["west"],
                    line: 3, registry: &registry)
    let (table, summary) = builder.build()
    #expect(registry.ids == fileRegistry.ids && table.customerIndex == fromFile.customerIndex && table.line == fromFile.line)
    #expect(table.name == fromFile.name && table.phone == fromFile.phone && table.doNotCall == fromFile.doNotCall)
    #expect(table.signupDay == fromFile.signupDay && table.attributeNames == fromFile.attributeNames && table.attributes == fromFile.attributes)
    #expect(summary.keptRows == 2)

    #expect { try builder.add(customerID: " c1 ", attributes: ["x"], line: 9, registry: &registry) } throws: {
        "\($0)" == "crm.customers: customer c1: this customer id already appeared on line 2; expected one row per customer"
    }
    #expect { try builder.add(customerID: "", attributes: ["x"], line: 9, registry: &registry) } throws: {
        "\($0)" == "crm.customers: expected a customer id"
    }
    #expect { _ = try CustomerTableBuilder(source: "t", attributeNames: ["a", "a=b"]) } throws: {
        "\($0)" == "t: column \"a=b\" reads as a level of column \"a\"; rename one of them"
    }
}
