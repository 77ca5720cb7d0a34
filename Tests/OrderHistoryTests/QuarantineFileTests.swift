import Foundation
import Testing
@testable import OrderHistory

@Test func quarantineKeepsLocationProblemAndRecord() throws {
    let path = TestFiles.folder() + "/q.csv"
    let row = BadRow(file: "o.csv", line: 3, column: 2, columnName: "date", value: "x", problem: "expected a date",
                     fields: ["B", "x", "1,5"])
    try QuarantineFile.write([row], to: path)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == "file,line,column,column_name,value,problem,record\no.csv,3,2,date,x,expected a date,\"B,x,\"\"1,5\"\"\"\n")
}
