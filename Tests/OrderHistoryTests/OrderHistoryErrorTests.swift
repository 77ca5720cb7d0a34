import Testing
@testable import OrderHistory

@Test func messagesNameFileLineColumnAndExpectation() {
    let row = BadRow(file: "orders.csv", line: 17, column: 3, columnName: "amount", value: "abc",
                     problem: "expected an amount such as 12.50")
    #expect(OrderHistoryError.badRow(row).description
            == "orders.csv:17:3: column \"amount\": value \"abc\": expected an amount such as 12.50")
    #expect(OrderHistoryError.missingColumn(file: "o.csv", role: "date", flag: "--date-column", available: ["a", "b"])
        .description == "o.csv:1: no date column found among \"a\", \"b\"; name it with --date-column")
}
