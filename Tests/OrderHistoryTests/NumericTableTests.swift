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
