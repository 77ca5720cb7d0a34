import Foundation
import Testing
@testable import loyalty

@Test func configKeysBecomeFlagsBeforeTheCommandLineOnes() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).toml").path
    try "# comment\n[train]\nhorizon = \"60d\"   # trailing\ngbdt_trees = 50\nquiet = true\njson = false\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try ConfigFile.expand(["train", "--config", path, "--horizon", "30d"])
        == ["train", "--horizon", "60d", "--gbdt-trees", "50", "--quiet", "--horizon", "30d"])
    try "horizon 60d\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect { try ConfigFile.expand(["train", "--config", path]) } throws: { "\(($0 as! UsageError).message)".contains(":1: expected key = value") }
}
