import Foundation
import Testing
@testable import OrderHistory

@Test func nothingAppearsUntilCommit() throws {
    let folder = TestFiles.folder()
    let path = folder + "/big.csv"
    do {
        let writer = try StreamingFileWriter(path: path)
        try writer.write { $0.append("half") }
        // dropped without commit
    }
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    let writer = try StreamingFileWriter(path: path)
    for _ in 0..<100_000 { try writer.write { $0.append("0123456789\n") } }
    try writer.commit()
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 1_100_000)
}
