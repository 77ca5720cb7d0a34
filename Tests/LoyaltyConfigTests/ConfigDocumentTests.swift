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
