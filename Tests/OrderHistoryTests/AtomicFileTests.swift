import Foundation
import Testing
@testable import OrderHistory

@Test func writesWholeFileAndLeavesNoTemporary() throws {
    let folder = TestFiles.folder()
    let path = folder + "/sub/out.csv"
    var builder = TextFileBuilder()
    builder.appendRow(["a", "b,c", "say \"hi\""])
    builder.appendCents(-1250)
    builder.appendByte(UInt8(ascii: ","))
    builder.appendDay(CalendarDay.parseISO("2024-02-29")!)
    try builder.write(to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,\"b,c\",\"say \"\"hi\"\"\"\n-12.50,2024-02-29")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sub") == ["out.csv"])
}

@Test func unwritablePathIsACleanError() {
    #expect(throws: OrderHistoryError.self) { try AtomicFile.write("x", to: "/proc/nonexistent/out.csv") }
}
