import Testing
@testable import OrderHistory

@Test func numbersMissingMarkersAndIdColumns() throws {
    let path = TestFiles.write("id,a,b\nc1,1.5,\nc2,NaN,-2\nc3,NA,3e2\n")
    let (table, badRows) = try NumericTableReader.read(path: path, textColumns: ["id"])
    #expect(badRows.isEmpty)
    #expect(table.columnNames == ["a", "b"] && table.textColumnNames == ["id"])
    #expect(table.rowCount == 3)
    let a = table.column(named: "a")!, b = table.column(named: "b")!
    #expect(a[0] == 1.5 && a[1].isNaN && a[2].isNaN)
    #expect(b[0].isNaN && b[2] == 300)
    #expect(table.values.count == 6)
    #expect(table.textColumns[0] == ["c1", "c2", "c3"])
}

@Test func nonNumericCellIsLocatedOrQuarantined() throws {
    let path = TestFiles.write("a,b\n1,2\n3,x\n5,6\n")
    let row = badRow { _ = try NumericTableReader.read(path: path) }
    #expect(row?.line == 3 && row?.column == 2)
    let (table, badRows) = try NumericTableReader.read(path: path, options: ReadOptions(onBadRows: .skip))
    #expect(table.rowCount == 2 && badRows.count == 1)
}

@Test func rowsKnowTheirLinesAndColumnsTheirPlaceInTheFile() throws {
    // The general path (an id column) and the fast path (numbers only) record the same places.
    let general = try NumericTableReader.read(path: TestFiles.write("id,a,b\nc1,1,2\n\nc2,3,2.5\n"), textColumns: ["id"]).table
    #expect(general.lines == [2, 4] && general.columnNumbers == [2, 3])
    let fast = try NumericTableReader.read(path: TestFiles.write("a,b\n1,2\n\n3,2.5\n")).table
    #expect(fast.lines == [2, 4] && fast.columnNumbers == [1, 2])
    let report = fast.badValue(file: "t.csv", row: 1, column: 1, problem: "not 0 or 1")
    #expect(report.line == 4 && report.column == 2 && report.columnName == "b" && report.value == "2.5")
    #expect(general.badValue(file: "t.csv", row: 0, column: 1, problem: "p").value == "2")
}
