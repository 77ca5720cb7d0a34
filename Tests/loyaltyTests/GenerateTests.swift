import Foundation
import Testing

@Test func generateWritesTheFiveFilesAndRejectsZeroCustomers() throws {
    let folder = CommandLineHarness.folder()
    let result = try CommandLineHarness.run(["generate", "--customers", "40", "--seed", "3", "--out", folder])
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            == ["customers.csv", "events.csv", "orders.csv", "surveys.csv", "truth.csv"])
    #expect(try CommandLineHarness.run(["generate", "--customers", "0", "--out", folder]).exitCode == 1)
}
