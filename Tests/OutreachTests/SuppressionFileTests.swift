import Foundation
import OrderHistory
import Testing
@testable import Outreach

@Test func suppressionFileReadsIdsAndPhonesFromTheFirstColumn() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suppression-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/suppress.csv"
    // A header, an id, a quoted phone with spaces, a row with a second column, a blank line.
    try Data("phone,reason\n0003653\n\"+81 90 1234 5678\",opt-out\n090-1111-2222,national list\n\n".utf8).write(to: URL(fileURLWithPath: path))
    let file = try SuppressionFile.read(path: path)
    #expect(file.ids == ["0003653", "+81 90 1234 5678", "090-1111-2222"])
    #expect(file.phones == ["09012345678", "09011112222"], "+81 90 is 090: the national way")
    #expect(throws: OrderHistoryError.self) { try SuppressionFile.read(path: folder + "/missing.csv") }
}
