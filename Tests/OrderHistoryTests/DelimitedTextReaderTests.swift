import Testing
@testable import OrderHistory

// chunkSize 7 in readAllRecords makes every record straddle chunk boundaries.

@Test func commaSeparatedWithLF() throws {
    let path = TestFiles.write("a,b,c\n1,2,3\n4,,6\n")
    #expect(try readAllRecords(path) == [["a", "b", "c"], ["1", "2", "3"], ["4", "", "6"]])
}

@Test func crlfLineEnds() throws {
    let path = TestFiles.write("a,b\r\n1,2\r\n3,4")
    #expect(try readAllRecords(path) == [["a", "b"], ["1", "2"], ["3", "4"]])
}

@Test func tabAndSemicolonDetected() throws {
    #expect(try readAllRecords(TestFiles.write("a\tb\n1\t2\n")) == [["a", "b"], ["1", "2"]])
    #expect(try readAllRecords(TestFiles.write("a;b\n1,5;2\n")) == [["a", "b"], ["1,5", "2"]])
}

@Test func whitespaceRunsWithLeadingAndTrailingBlanks() throws {
    let path = TestFiles.write("  id   date    amount\r\n   0042  20240105   12.5  \r\n7\t20240106 3\r\n")
    let reader = try DelimitedTextReader(path: path)
    #expect(reader.delimiter == .whitespace)
    #expect(try readAllRecords(path) == [["id", "date", "amount"], ["0042", "20240105", "12.5"], ["7", "20240106", "3"]])
}

@Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
    let path = TestFiles.write("name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\n\"two\nlines\",x\n\"\",end\n")
    #expect(try readAllRecords(path) == [["name", "note"], ["Smith, J", "said \"hi\""], ["two\nlines", "x"], ["", "end"]])
}

@Test func lineNumbersCountBreaksInsideQuotes() throws {
    let path = TestFiles.write("a,b\n\"x\ny\",1\n\n2,3\n")
    let reader = try DelimitedTextReader(path: path)
    var record = DelimitedRecord()
    var lines: [Int] = []
    while try reader.next(into: &record) { lines.append(record.line) }
    #expect(lines == [1, 2, 5])
    #expect(reader.blankLines == 1)
}

@Test func byteOrderMarkIsSkipped() throws {
    let path = TestFiles.write([0xEF, 0xBB, 0xBF] + Array("id,amount\n1,2\n".utf8))
    let reader = try DelimitedTextReader(path: path)
    var record = DelimitedRecord()
    _ = try reader.next(into: &record)
    #expect(decodeLossy(record, 0) == "id")
    #expect(reader.hadByteOrderMark)
}

@Test func unterminatedQuoteIsLocated() throws {
    let path = TestFiles.write("a,b,c\n1,2,3\n4,\"open,6\n7,8,9\n")
    let row = badRow { _ = try readAllRecords(path) }
    #expect(row?.line == 3)
    #expect(row?.column == 2)
    #expect(row?.problem.contains("never closed") == true)
}

@Test func quoteInsideUnquotedFieldIsLiteral() throws {
    let path = TestFiles.write("a,b\n7\" frame,2\n")
    #expect(try readAllRecords(path) == [["a", "b"], ["7\" frame", "2"]])
}

@Test func gzipFilesAreReadTransparently() throws {
    #expect(try readAllRecords(TestFiles.fixture("tiny-orders.csv.gz")).count == 4)
}

@Test func missingFileIsACleanError() {
    #expect(throws: OrderHistoryError.self) { _ = try DelimitedTextReader(path: "/nonexistent/orders.csv") }
}
