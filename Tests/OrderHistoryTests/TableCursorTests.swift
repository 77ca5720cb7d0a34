import Testing
@testable import OrderHistory

@Test func columnByNameNumberOrDefault() throws {
    let path = TestFiles.write("id,when,total\n1,2024-01-01,3\n")
    let byNumber = try TableCursor(path: path, options: ReadOptions(columnNames: ["customer": "1", "date": "When"]))
    #expect(try byNumber.column(ColumnRoles.customer, required: true) == 0)
    #expect(try byNumber.column(ColumnRoles.date, required: true) == 1)
    #expect(try byNumber.column(ColumnRoles.amount, required: true) == 2)
    #expect(try byNumber.column(ColumnRoles.order, required: false) == nil)
}

@Test func dateLayoutIsDetectedOncePerColumn() throws {
    let path = TestFiles.write("d\n2024/01/05\n2024-01-06\n")
    let cursor = try TableCursor(path: path, options: ReadOptions())
    #expect(try cursor.next())
    #expect(try cursor.day(0) == CalendarDay.parseISO("2024-01-05"))
    #expect(try cursor.next())
    let row = badRow { _ = try cursor.day(0) }
    #expect(row?.line == 3 && row?.problem.contains("2024/03/31") == true)
}

@Test func emptyFileIsAnError() {
    #expect(throws: OrderHistoryError.self) {
        _ = try TableCursor(path: TestFiles.write(""), options: ReadOptions())
    }
}
