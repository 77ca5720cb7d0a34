import Testing
@testable import OrderHistory
import ScoringCore

private func same(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
}

@Test func fastPathAgreesWithTheGeneralReaderAcrossBufferBoundaries() throws {
    var text = "\u{FEFF}a,b,c\r\n"
    var expected: [Double] = []
    var expectedLines: [Int32] = []
    var line: Int32 = 1
    var rng = SplitMix64(seed: 4)
    for row in 0..<500 {
        let a = rng.uniform() * 1000
        let b = Double(rng.integer(in: -50...50))
        let c = rng.normal()
        text += "\(row % 7 == 0 ? "" : String(a)),\(row % 11 == 0 ? "NaN" : String(Int(b))),\(c)\r\n"
        expected += [row % 7 == 0 ? .nan : a, row % 11 == 0 ? .nan : b, c]
        line += 1
        expectedLines.append(line)
        if row % 97 == 0 { text += "\r\n"; line += 1 }
    }
    let path = TestFiles.write(text)
    let (table, _) = try NumericTableReader.read(path: path)
    #expect(same(table.values, expected), "the reader takes the fast path and gets it right")
    #expect(table.lines == expectedLines)
    for bufferSize in [64, 100, 4096] {
        let fast = try NumericTableReader.readPlainNumbers(path: path, delimiter: UInt8(ascii: ","), width: 3,
                                                           bufferSize: bufferSize)
        #expect(fast?.lines == expectedLines, "each row's line, blank lines counted")
        #expect(same(fast?.values ?? [], expected), "buffer \(bufferSize)")
    }
}

@Test func fastPathDeclinesWhatItCannotReadExactly() throws {
    let quoted = TestFiles.write("a,b\n1,\"2\"\n")
    #expect(try NumericTableReader.readPlainNumbers(path: quoted, delimiter: UInt8(ascii: ","), width: 2) == nil)
    let bad = TestFiles.write("a,b\n1,x\n")
    #expect(try NumericTableReader.readPlainNumbers(path: bad, delimiter: UInt8(ascii: ","), width: 2) == nil)
    let short = TestFiles.write("a,b\n1\n")
    #expect(try NumericTableReader.readPlainNumbers(path: short, delimiter: UInt8(ascii: ","), width: 2) == nil)
    // Found by bench/fuzz: lone-CR line ends (the general reader reads 1 row, the fast path read 0) and a
    // blank line before the header (the general reader takes the next line as the header).
    for text in ["a\r1\r", "\n1", "a,b\n1,2\r3,4\n"] {
        let path = TestFiles.write(text)
        #expect(try NumericTableReader.readPlainNumbers(path: path, delimiter: UInt8(ascii: ","), width: text.hasPrefix("a,b") ? 2 : 1) == nil,
                "\(text.debugDescription)")
    }
    let loneCR = try NumericTableReader.read(path: TestFiles.write("a\r1\r")).table
    #expect(loneCR.values == [1] && loneCR.columnNames == ["a"])
    let noNewline = TestFiles.write("a,b\n1,2")
    #expect(try NumericTableReader.readPlainNumbers(path: noNewline, delimiter: UInt8(ascii: ","), width: 2)?.values == [1, 2])
}
