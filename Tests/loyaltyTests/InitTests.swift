import Foundation
import Testing

/// `loyalty init`'s template with the sample data's path, a small training (few cutoffs, few trees) and
/// every command as of the sample's last day − 90 (so that evaluate has 90 days after it).
func smallTemplate(in folder: String) throws -> String {
    #expect(try CommandLineHarness.run(["init"], in: folder).exitCode == 0)
    #expect(try CommandLineHarness.run(["init"], in: folder).exitCode == 1, "no overwrite without --force")
    var template = try String(contentsOfFile: folder + "/loyalty.toml", encoding: .utf8)
    template = template.replacingOccurrences(of: "notebooks-data/orders.csv", with: sampleData + "/orders.csv")
        .replacingOccurrences(of: "# as-of = 2024-12-31", with: "as-of = 2024-10-02")
        .replacingOccurrences(of: "# max-cutoffs = 12", with: "max-cutoffs = 2")
        .replacingOccurrences(of: "# gbdt-trees = 100", with: "gbdt-trees = 10")
        .replacingOccurrences(of: "# search-candidates = 12", with: "search-candidates = 2")
    try template.write(toFile: folder + "/loyalty.toml", atomically: true, encoding: .utf8)
    return template
}

@Test func initWritesATemplateThatEveryCommandAccepts() throws {
    let folder = CommandLineHarness.folder()
    _ = try smallTemplate(in: folder)
    let train = try CommandLineHarness.run(["train", "--config", "loyalty.toml", "--target", "churn", "--json"], in: folder)
    #expect(train.exitCode == 0, "\(train.stderr)")
    #expect(train.stdout.contains("\"horizonDays\":90") && train.stdout.contains("2024-10-02"))
    #expect(FileManager.default.fileExists(atPath: folder + "/models/churn.json"), "[data] models is where train writes")
    for command in ["evaluate", "score", "calllist", "features", "segment", "kpi", "inspect"] {
        let result = try CommandLineHarness.run([command, "--config", "loyalty.toml"], in: folder)
        #expect(result.exitCode == 0, "\(command): \(result.stderr)")
    }
    for written in ["scores.csv", "calllist.csv", "features.csv", "segments.csv"] {
        #expect(FileManager.default.fileExists(atPath: folder + "/" + written), "\(written)")
    }
    let help = try CommandLineHarness.run(["score", "--help"], in: folder)
    #expect(help.stdout.contains("--config <file>"))
}
