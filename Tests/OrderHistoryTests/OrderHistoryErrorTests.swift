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

/// A value longer than 80 characters (a 1 MB field, say) is shortened to its start, its length and its end.
@Test func longValuesAreShortenedInMessages() {
    let huge = "x" + String(repeating: "1", count: 1_000_000) + "end-of-field"
    let message = OrderHistoryError.badRow(BadRow(file: "o.csv", line: 2, column: 3, columnName: "amount", value: huge,
                                                  problem: "expected an amount such as 12.50")).description
    #expect(message.count < 200)
    #expect(message.contains("x111") && message.contains("(1000013 characters)") && message.contains("f-field\""))
    #expect(shortenedForMessage(String(repeating: "a", count: 80)) == String(repeating: "a", count: 80))
    #expect(shortenedForMessage(String(repeating: "a", count: 81)).contains("(81 characters)"))
}
