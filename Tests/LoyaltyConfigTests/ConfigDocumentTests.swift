import Foundation
import Testing
@testable import LoyaltyConfig

@Test func keyLinesFollowTheTableHeaders() {
    let lines = ConfigDocument.keyLines("a = 1\n[data]\n  \"orders\" = 'x'\n# b = 2\n[ml . fit]\nseed = 3\ntext = \"\"\"\nfake = 1\n\"\"\"\nlast = 4\n")
    #expect(lines[[]]?["a"] == 1)
    #expect(lines[["data"]]?["orders"] == 3 && lines[["data"]]?["b"] == nil)
    #expect(lines[["ml", "fit"]]?["seed"] == 6 && lines[["ml", "fit"]]?["fake"] == nil && lines[["ml", "fit"]]?["last"] == 10)
    #expect(lines[["ml", "fit"]]?[""] == 5, "the header's own line")
}

@Test func headersTheTOMLParserWouldAbortOnAreFound() {
    #expect(ConfigDocument.unreadableTableHeader("a = 1\r\n[[[\r\n")! == (2, 3))
    #expect(ConfigDocument.unreadableTableHeader("[é]")! == (1, 2))
    // Not headers: lines of a multi-line array or string that start with a bracket.
    #expect(ConfigDocument.unreadableTableHeader("[x]\ny = [\n  { a = 1 },\n  [ {b = 2} ],\n]\ns = \"\"\"\n[ {\n\"\"\"\n") == nil)
    #expect(ConfigDocument.unreadableTableHeader("[train]\n[ml.fit]\n[\"quoted\"]\n[[list]]\n") == nil)
}

@Test func linesSplitAtNewlinesAndWindowsLineEnds() {
    #expect(ConfigDocument.lines(of: "a\r\nb\nc").map(String.init) == ["a", "b", "c"])
    #expect(ConfigDocument.statementLines("a\ns = '''\nx\n'''\nb").map(\.offset) == [0, 1, 4])
}

@Test func parsingNamesTheFileLineAndColumn() throws {
    let document = try ConfigDocument.parse(Data("[train]\nhorizon = \"90d\"\n".utf8), path: "l.toml")
    #expect(document.table["train"]?.table?["horizon"]?.string == "90d" && document.lines[["train"]]?["horizon"] == 2)
    #expect(throws: ConfigError(message: "l.toml: the config file is not UTF-8 text")) {
        try ConfigDocument.parse(Data([0x61, 0xFF]), path: "l.toml")
    }
    #expect(throws: ConfigError(message: "l.toml:2: the config file holds a NUL character")) {
        try ConfigDocument.parse(Data("a = 1\nb\0 = 2\n".utf8), path: "l.toml")
    }
    #expect(throws: ConfigError(message: "l.toml:1:2: a table header must start with a name, such as [train] or [ml.fit]")) {
        try ConfigDocument.parse(Data("[.]\n".utf8), path: "l.toml")
    }
    do {
        _ = try ConfigDocument.parse(Data("a = 1\nb = \n".utf8), path: "l.toml")
        Issue.record("a syntax error must throw")
    } catch let error as ConfigError {
        #expect(error.message.hasPrefix("l.toml:2:"), "\(error.message)")
    }
    #expect(throws: ConfigError.self) { try ConfigDocument.read(path: "/nonexistent/l.toml") }
}

@Test func aDateWithATButNoTimeIsRefusedBeforeTheParserSeesIt() {
    // toml++ aborts on this one (bench/fuzz/crashes, FuzzConfig).
    #expect(ConfigDocument.incompleteDateTime("[\"m*l\"]\nas-of = 1971-05-27Tg70:btd\n")! == (2, 20))
    #expect(ConfigDocument.incompleteDateTime("as-of = 1971-05-27T\n")! == (1, 20))
    #expect(ConfigDocument.incompleteDateTime("a = 1979-05-27T07:32:00Z\nb = 1979-05-27\nc = \"2024-01-01Tx\" # 2024-01-01Tx\n") == nil)
    #expect(throws: ConfigError(message: "l.toml:1:20: a date and time needs the time after the T, such as 2024-12-31T09:00:00")) {
        try ConfigDocument.parse(Data("as-of = 1971-05-27Tx:0\n".utf8), path: "l.toml")
    }
}

@Test func multiLineStringsAreFollowedAsTOMLReadsThem() {
    // A """ inside a ''' string closes nothing (found by bench/fuzz, FuzzConfig): the header after the
    // second ''' is a statement, and it is one toml++ would abort on.
    let text = "[x]\ns = '''\n[= \"\"\"\ns = '''\n[= \"\"\"\nfake = 1\n"
    #expect(ConfigDocument.statementLines(text).map(\.offset) == [0, 1, 4], "the second \"\"\" opens a string")
    #expect(ConfigDocument.unreadableTableHeader(text)! == (5, 2))
    #expect(ConfigDocument.statementLines("a = \"'''\"\nb = \"\\\"\"\"\"\nc = 1 # '''\nd = 2\n").map(\.offset) == [0, 1, 2, 3, 4])
}
