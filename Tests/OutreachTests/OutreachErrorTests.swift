import Testing
@testable import Outreach

@Test func messagesNameWhereAndWhat() {
    #expect(OutreachError.missingColumn(file: "scores.csv", column: "is_loyal", available: ["customer_id", "value"])
        .description == "scores.csv:1: no column \"is_loyal\" among \"customer_id\", \"value\"; "
        + "expected a scores file as `loyalty score` writes it")
    #expect(OutreachError.invalidMix(value: "retention=2", expected: "shares that sum to 1").description
        == "--mix \"retention=2\": expected shares that sum to 1")
    let encode = OutreachError.cannotEncode(file: "calllist.csv", line: 3, column: 4, columnName: "name",
                                            value: "𠮷田", character: "𠮷", encoding: "CP932")
    #expect(encode.description.hasPrefix("calllist.csv:3:4: column \"name\": value \"𠮷田\": the character \"𠮷\" (U+20BB7) "
        + "cannot be written in CP932"))
}

@Test func codePointsArePaddedToFourDigits() {
    let encode = OutreachError.cannotEncode(file: "f", line: 2, column: 1, columnName: "list", value: "€",
                                            character: "€", encoding: "CP932")
    #expect(encode.description.contains("(U+20AC)"))
    #expect("7".leftPadded(to: 4) == "0007")
}

@Test func encodingMessageNamesTheCustomerFileLineWhenKnown() {
    let encode = OutreachError.cannotEncode(file: "calllist.csv", line: 3, column: 4, columnName: "name", value: "𠮷田",
                                            character: "𠮷", encoding: "CP932", sourceLine: 17)
    #expect(encode.description.hasSuffix("or change the value in the input: the customer file's line 17)"))
    let unknown = OutreachError.cannotEncode(file: "calllist.csv", line: 3, column: 4, columnName: "name", value: "𠮷田",
                                             character: "𠮷", encoding: "CP932")
    #expect(unknown.description.hasSuffix("or change the value in the input)"))
}
