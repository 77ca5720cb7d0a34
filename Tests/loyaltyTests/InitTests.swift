import Foundation
import Testing

@Test func initWritesATemplateThatTrainAccepts() throws {
    let folder = CommandLineHarness.folder()
    #expect(try CommandLineHarness.run(["init"], in: folder).exitCode == 0)
    #expect(try CommandLineHarness.run(["init"], in: folder).exitCode == 1, "no overwrite without --force")
    var template = try String(contentsOfFile: folder + "/loyalty.toml", encoding: .utf8)
    template = template.replacingOccurrences(of: "notebooks-data/orders.csv", with: sampleData + "/orders.csv")
        .replacingOccurrences(of: "# max-cutoffs = 12", with: "max-cutoffs = 4")
        .replacingOccurrences(of: "# gbdt-trees = 100", with: "gbdt-trees = 10")
    try template.write(toFile: folder + "/loyalty.toml", atomically: true, encoding: .utf8)
    let result = try CommandLineHarness.run(["train", "--config", "loyalty.toml", "--models", "m", "--target", "churn", "--json"], in: folder)
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"horizonDays\":90") && result.stdout.contains("2024-10-02"))
}
