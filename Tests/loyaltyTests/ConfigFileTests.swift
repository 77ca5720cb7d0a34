import Foundation
import Testing
@testable import loyalty

private func configFile(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).toml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

private func expansionError(_ arguments: [String]) -> String {
    do {
        _ = try ConfigFile.expand(arguments)
        return "no error"
    } catch let error as UsageError {
        return error.message
    } catch {
        return "\(error)"
    }
}

@Test func configKeysBecomeFlagsAndTheCommandLineWins() throws {
    let path = try configFile("# comment\n[train]\nhorizon = \"60d\"   # trailing\ngbdt_trees = 50\nquiet = true\njson = false\n")
    // --horizon is on the command line, so the file's horizon is not used; json = false adds nothing.
    #expect(try ConfigFile.expand(["train", "--config", path, "--horizon", "30d"]).arguments
        == ["train", "--gbdt-trees", "50", "--quiet", "--config", path, "--horizon", "30d"])
    #expect(try ConfigFile.expand(["train", "--config=\(path)"]).arguments
        == ["train", "--gbdt-trees", "50", "--horizon", "60d", "--quiet", "--config", path])
    #expect(try ConfigFile.expand(["train", "--horizon", "30d"]).arguments == ["train", "--horizon", "30d"], "no --config: unchanged")
}

@Test func dataIsSharedAndACommandsOwnTableOverridesIt() throws {
    let path = try configFile("""
        [data]
        orders = "o.csv"
        customers = "c.csv"
        as-of = 2024-12-31
        lang = "ja"
        [score]
        lang = "en"
        [calllist]
        capacity = 100
        """)
    // calllist has no --orders: the shared key is left for the commands that have it.
    #expect(try ConfigFile.expand(["calllist", "--config", path]).arguments
        == ["calllist", "--as-of", "2024-12-31", "--customers", "c.csv", "--lang", "ja", "--capacity", "100", "--config", path])
    let score = try ConfigFile.expand(["score", "--config", path]).arguments
    #expect(score.contains("o.csv") && !score.contains("ja") && score.contains("en"), "\(score)")
}

@Test func repeatableFlagsTakeArraysAndSubcommandsHaveNestedTables() throws {
    let path = try configFile("[ml.fit]\nignore-column = [\"a\", \"b\"]\nalgorithm = \"logistic\"\n")
    #expect(try ConfigFile.expand(["ml", "fit", "--config", path]).arguments
        == ["ml", "fit", "--algorithm", "logistic", "--ignore-column", "a", "--ignore-column", "b", "--config", path])
}

@Test func configMistakesNameTheFileTheLineAndTheKey() throws {
    let syntax = try configFile("[train]\nhorizon 60d\n")
    #expect(expansionError(["train", "--config", syntax]).hasPrefix("\(syntax):2:"), "a syntax error has its line")

    let typo = try configFile("[data]\norders = \"o.csv\"\n\n[train]\nhorizn = \"90d\"\n")
    #expect(expansionError(["score", "--config", typo])
        == "\(typo):5: unknown key \"horizn\" in [train]: loyalty train has no flag --horizn (did you mean horizon?)",
            "every table is checked, whichever command runs")
    let sharedTypo = try configFile("[data]\n\norder = \"o.csv\"\n")
    #expect(expansionError(["train", "--config", sharedTypo]).hasPrefix("\(sharedTypo):3: unknown key \"order\" in [data]: no command has a flag --order"))
    #expect(expansionError(["train", "--config", sharedTypo]).contains("did you mean orders?"))

    let wrongKind = try configFile("[train]\nquiet = \"yes\"\n")
    #expect(expansionError(["train", "--config", wrongKind])
        == "\(wrongKind):2: quiet in [train]: expected true or false, found a string")
    let notOnce = try configFile("[calllist]\ncapacity = [1, 2]\n")
    #expect(expansionError(["calllist", "--config", notOnce]).hasPrefix("\(notOnce):2: capacity in [calllist]: expected one value"))
    let aSwitchValue = try configFile("[score]\nout = true\n")
    #expect(expansionError(["score", "--config", aSwitchValue]) == "\(aSwitchValue):2: out in [score]: expected a string, number or date, found true/false")

    let table = try configFile("[data]\n[trian]\nhorizon = \"90d\"\n")
    #expect(expansionError(["train", "--config", table]).hasPrefix("\(table):2: [trian] is not a table this file can have (data, "))

    #expect(expansionError(["init", "--config", table]) == "--config: loyalty init takes no config file")
    #expect(expansionError(["train", "--config"]) == "--config: expected a file name")
    #expect(expansionError(["train", "--config", "/no/such/file.toml"]) == "/no/such/file.toml: cannot read the config file")
    let notText = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).toml").path
    try Data([0x5B, 0xFF, 0xFE, 0x5D]).write(to: URL(fileURLWithPath: notText))
    #expect(expansionError(["train", "--config", notText]) == "\(notText): the config file is not UTF-8 text")
}

@Test func aValueTheCommandRefusesIsReportedWithItsKey() throws {
    let attributed = ConfigFile.Expansion(arguments: [], path: "l.toml", settings: [
        .init(table: "calllist", key: "capacity", line: 7, flag: "--capacity", arguments: ["--capacity", "many"]),
        .init(table: "data", key: "as-of", line: 3, flag: "--as-of", arguments: ["--as-of", "soon"]),
    ])
    #expect(attributed.attribute("The value 'many' is invalid for '--capacity <capacity>'")
        == "l.toml:7: capacity in [calllist]: The value 'many' is invalid for '--capacity <capacity>'")
    #expect(attributed.attribute("--as-of soon: expected a date as yyyy-MM-dd") == "l.toml:3: as-of in [data]: --as-of soon: expected a date as yyyy-MM-dd")
    #expect(attributed.attribute("--capacity-share 2: too large") == nil, "a longer flag is another flag")

    let folder = CommandLineHarness.folder()
    let path = try configFile("[calllist]\nscores = \"s.csv\"\nout = \"c.csv\"\ncapacity = \"many\"\n")
    let result = try CommandLineHarness.run(["calllist", "--config", path], in: folder)
    #expect(result.exitCode == 1)
    #expect(result.stderr.hasPrefix("error: \(path):4: capacity in [calllist]: "), "\(result.stderr)")
}

@Test func everyCommandButInitAndHelpTakesAConfigFile() {
    let withConfig = CommandFlags.catalog.filter { $0.value.flags["config"] != nil }.keys.map { $0.joined(separator: " ") }
    #expect(Set(withConfig) == ["generate", "inspect", "features", "segment", "kpi", "train", "evaluate", "score", "calllist", "report", "export-sql", "outcomes", "clv",
                                "run", "demo", "ml fit", "ml predict", "ml evaluate"])
    #expect(CommandFlags.catalog[["train"]]?.flags["quiet"]?.takesValue == false)
    #expect(CommandFlags.catalog[["train"]]?.flags["horizon"]?.takesValue == true)
    #expect(CommandFlags.catalog[["train"]]?.flags["version"] == nil && CommandFlags.catalog[["train"]]?.flags["help"] == nil)
    #expect(ConfigFile.nearest("horizn", among: ["horizon", "models"]) == "horizon")
    #expect(ConfigFile.nearest("zzzzz", among: ["horizon", "models"]) == nil)
}

@Test func headersTheTOMLParserWouldAbortOnAreRefusedFirst() throws {
    // toml++ (inside TOMLKit) stops the process with a failed assertion on these (bench/fuzz/config_cli.py).
    for text in ["[[[", "[.]", "[=", "[é]", "  [[ #", "a = 1\r\n[[[\r\n", "[\n"] {
        let path = try configFile(text)
        #expect(expansionError(["train", "--config", path]).contains("a table header must start with a name"), "\(text.debugDescription)")
    }
    let result = try CommandLineHarness.run(["train", "--config", try configFile("[[[")])
    #expect(result.exitCode == 1 && result.stderr.hasPrefix("error: "), "exit 1 with a message, not a signal")
    // A date, a T and no time (found by bench/fuzz, FuzzConfig): toml++ asserts on it.
    let dateTime = try CommandLineHarness.run(["train", "--config", try configFile("[\"m*l\"]\nas-of = 1971-05-27Tg70:btd\n")])
    #expect(dateTime.exitCode == 1 && dateTime.stderr.contains(":2:20: a date and time needs the time after the T"), "\(dateTime.stderr)")
    // Values toml++ asserts on with no guard of ours (bench/fuzz, FuzzConfig): exit 1 with a message naming
    // the file, and nothing of toml++'s internals on standard error.
    for text in ["a = [}\n", "[train]\nhorizon = [}\n", "a = [ # c\n}\n"] {
        let path = try configFile(text)
        let aborted = try CommandLineHarness.run(["train", "--config", path])
        #expect(aborted.exitCode == 1, "\(text.debugDescription): \(aborted.stderr)")
        #expect(aborted.stderr == "error: \(path): the TOML parser stopped on this file (a value it cannot read); check the values' syntax\n",
                "\(aborted.stderr)")
    }
}

@Test func windowsLineEndsKeepTheLinesOfKeys() throws {
    let path = try configFile("[data]\r\norders = \"o.csv\"\r\n\r\n[train]\r\nhorizn = \"90d\"\r\n")
    #expect(expansionError(["train", "--config", path]).hasPrefix("\(path):5: unknown key \"horizn\" in [train]"))
    #expect(ConfigFile.nearest("a", among: ["l1", "lang"]) == nil, "no suggestion for a name too short to be near anything")
}
