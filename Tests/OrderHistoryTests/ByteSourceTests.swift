import Testing
@testable import OrderHistory

@Test func readsPlainAndGzipInChunks() throws {
    for path in [TestFiles.write("hello world"), TestFiles.fixture("tiny-orders.csv.gz")] {
        let source = try ByteSource(path: path)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 4)
        defer { buffer.deallocate() }
        var total = 0
        while case let count = try source.read(into: buffer), count > 0 { total += count }
        #expect(total > 10)
    }
}
