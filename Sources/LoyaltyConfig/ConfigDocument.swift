import Foundation
import TOMLKit
#if canImport(Glibc)
import Glibc
#endif

/// A config file's text, checked and parsed (TOMLKit), with the line of every key: what `loyalty
/// --config` reads before it matches keys to a command's flags.
///
/// Reading refuses what would otherwise stop the process or lose a position: a file that is not UTF-8, a
/// NUL character, and a table header TOMLKit's parser (toml++) aborts on instead of reporting
/// (`unreadableTableHeader`). A syntax error names the line and column. TOMLKit reports positions for
/// syntax errors only, so the lines of keys come from a scan of the text (`keyLines`). The reader is a
/// libFuzzer target (`bench/fuzz`, FuzzConfig).
public struct ConfigDocument {
    /// The file's path, as given (for messages).
    public let path: String
    /// The parsed document.
    public let table: TOMLTable
    /// The line of each key, by table path and key (`["train"]`, `"horizon"`); the key `""` holds the
    /// line of the table's header.
    public let lines: [[String]: [String: Int]]

    /// Reads and parses the file at `path`.
    ///
    /// - Throws: `ConfigError` naming the file (and the line and column of a syntax error).
    public static func read(path: String) throws -> ConfigDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(message: "\(path): cannot read the config file")
        }
        return try parse(data, path: path)
    }

    /// Parses the bytes of a config file read from `path`.
    ///
    /// toml++ checks its own state with assertions that stop the process (`abort`) on some malformed
    /// values instead of reporting them. The known ones are refused first (`unreadableTableHeader`,
    /// `incompleteDateTime`); with `exitOnParserAbort` (what the command line uses) any other is caught
    /// while TOMLKit parses: the process then writes `error: <path>: ...` and exits with status 1, not a
    /// signal. The fuzz target turns it off, so that libFuzzer sees such an abort and saves the input.
    ///
    /// - Throws: `ConfigError` naming `path` (and the line and column of a syntax error).
    public static func parse(_ data: Data, path: String, exitOnParserAbort: Bool = true) throws -> ConfigDocument {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(message: "\(path): the config file is not UTF-8 text")
        }
        if let nul = lines(of: text).firstIndex(where: { $0.contains("\0") }) {
            throw ConfigError(message: "\(path):\(nul + 1): the config file holds a NUL character")
        }
        if let (line, column) = unreadableTableHeader(text) {
            throw ConfigError(message: "\(path):\(line):\(column): a table header must start with a name, such as [train] or [ml.fit]")
        }
        if let (line, column) = incompleteDateTime(text) {
            throw ConfigError(message: "\(path):\(line):\(column): a date and time needs the time after the T, such as 2024-12-31T09:00:00")
        }
        do {
            let table = try exitOnParserAbort
                ? ParserAbortGuard.run(message: "error: \(path): the TOML parser stopped on this file (a value it cannot read); check the values' syntax\n") {
                    try TOMLTable(string: text)
                }
                : TOMLTable(string: text)
            return ConfigDocument(path: path, table: table, lines: keyLines(text))
        } catch let error as TOMLParseError {
            throw ConfigError(message: "\(path):\(error.source.begin.line):\(error.source.begin.column): \(error.description)")
        }
    }

    /// `path:line`, or `path` when the line is not known.
    public static func location(_ path: String, _ line: Int?) -> String {
        line.map { "\(path):\($0)" } ?? path
    }

    /// The lines of a TOML text: split at `\n` and `\r\n` only, as TOML counts them (Swift reads `\r\n` as one
    /// character, so a split at `\n` alone would keep a Windows file in one line).
    public static func lines(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    /// The lines of `text` that start outside a multi-line string (`"""` or `'''`; the line that opens
    /// one is kept), with their offsets: what the key and header scans read. Strings are followed as TOML
    /// reads them: a `'''` inside a `"""` string (or the other way round), a quote inside a one-line
    /// string, an escaped quote and a comment do not open or close anything.
    public static func statementLines(_ text: String) -> [(offset: Int, line: Substring)] {
        enum Open { case none, multilineBasic, multilineLiteral }
        var open = Open.none
        var kept: [(offset: Int, line: Substring)] = []
        let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")
        for (offset, line) in lines(of: text).enumerated() {
            if open == .none { kept.append((offset, line)) }
            let bytes = Array(line.utf8)
            func triple(_ quote: UInt8, at index: Int) -> Bool {
                index + 2 < bytes.count && bytes[index] == quote && bytes[index + 1] == quote && bytes[index + 2] == quote
            }
            var index = 0
            scan: while index < bytes.count {
                let byte = bytes[index]
                switch open {
                case .multilineBasic:
                    if byte == backslash { index += 2; continue }
                    if triple(doubleQuote, at: index) { open = .none; index += 3; continue }
                    index += 1
                case .multilineLiteral:
                    if triple(singleQuote, at: index) { open = .none; index += 3; continue }
                    index += 1
                case .none:
                    if byte == UInt8(ascii: "#") { break scan }
                    if triple(doubleQuote, at: index) { open = .multilineBasic; index += 3; continue }
                    if triple(singleQuote, at: index) { open = .multilineLiteral; index += 3; continue }
                    if byte == doubleQuote || byte == singleQuote {
                        // A one-line string ends at its closing quote or, unterminated, at the end of the line.
                        index += 1
                        while index < bytes.count && bytes[index] != byte {
                            index += byte == doubleQuote && bytes[index] == backslash ? 2 : 1
                        }
                    }
                    index += 1
                }
            }
        }
        return kept
    }

    /// The line and column of a table header whose first character after `[` or `[[` (and blanks) is
    /// neither a bare-key character, a quote nor `]` (`[[[`, `[.]`, `[=`, `[é]`), or nil. TOMLKit's parser
    /// (toml++) stops the process with a failed assertion on such a header instead of reporting it (found
    /// by bench/fuzz/config_cli.py), so it is refused here first. Lines inside multi-line strings and
    /// multi-line arrays are not headers.
    public static func unreadableTableHeader(_ text: String) -> (line: Int, column: Int)? {
        var arrayDepth = 0
        for (offset, raw) in statementLines(text) {
            let line = Array(raw.utf8)
            var index = 0
            while index < line.count && (line[index] == 0x20 || line[index] == 0x09) { index += 1 }
            if arrayDepth > 0 || index >= line.count || line[index] != UInt8(ascii: "[") {
                arrayDepth = max(0, arrayDepth + bracketBalance(line[index...], inValue: arrayDepth > 0))
                continue
            }
            index += 1
            if index < line.count && line[index] == UInt8(ascii: "[") { index += 1 }
            while index < line.count && (line[index] == 0x20 || line[index] == 0x09) { index += 1 }
            let next = index < line.count ? line[index] : UInt8(ascii: "\n")
            let isBare = (next >= 0x30 && next <= 0x39) || (next | 0x20 >= 0x61 && next | 0x20 <= 0x7A) || next == 0x5F || next == 0x2D
            if !(isBare || next == 0x22 || next == 0x27 || next == UInt8(ascii: "]")) {
                return (offset + 1, index + 1)
            }
        }
        return nil
    }

    /// The line and column of a date followed by `T` (or `t`) and no digit (`1971-05-27Tg7:0`), or nil,
    /// outside strings and comments. toml++ takes such a value for a date and time and then stops the
    /// process with a failed assertion where the time should start (found by bench/fuzz, FuzzConfig).
    static func incompleteDateTime(_ text: String) -> (line: Int, column: Int)? {
        let digit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        for (offset, raw) in statementLines(text) {
            let line = Array(raw.utf8)
            var quote: UInt8?
            var index = 0
            while index < line.count {
                let byte = line[index]
                if let open = quote {
                    if byte == UInt8(ascii: "\\") && open == 0x22 { index += 2; continue }
                    if byte == open { quote = nil }
                    index += 1
                    continue
                }
                if byte == 0x22 || byte == 0x27 { quote = byte; index += 1; continue }
                if byte == UInt8(ascii: "#") { break }
                // yyyy-mm-dd then T: the byte after the T must be a digit.
                if index + 10 < line.count, (line[index + 10] | 0x20) == UInt8(ascii: "t"),
                   (0..<10).allSatisfy({ [4, 7].contains($0) ? line[index + $0] == UInt8(ascii: "-") : digit(line[index + $0]) }),
                   index == 0 || !digit(line[index - 1]),
                   index + 11 >= line.count || !digit(line[index + 11]) {
                    return (offset + 1, index + 12)
                }
                index += 1
            }
        }
        return nil
    }

    /// Opening minus closing brackets of a key's value outside strings and comments (a multi-line array
    /// stays open while it is positive).
    private static func bracketBalance(_ bytes: ArraySlice<UInt8>, inValue: Bool) -> Int {
        var balance = 0
        var quote: UInt8?
        var sawEquals = inValue
        for byte in bytes {
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case 0x22, 0x27: quote = byte
            case UInt8(ascii: "#"): return balance
            case UInt8(ascii: "="): sawEquals = true
            case UInt8(ascii: "[") where sawEquals || balance > 0: balance += 1
            case UInt8(ascii: "]") where sawEquals || balance > 0: balance -= 1
            default: break
            }
        }
        return balance
    }

    /// The line of each `key = value`, by the table header above it. TOMLKit reports positions for syntax
    /// errors only, so the lines of keys come from this scan of the text (bare and quoted keys; a key
    /// written as a dotted key, or inside a multi-line value, has no line).
    public static func keyLines(_ text: String) -> [[String]: [String: Int]] {
        var lines: [[String]: [String: Int]] = [[]: [:]]
        var table: [String] = []
        for (offset, raw) in statementLines(text) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && !line.hasPrefix("[[") {
                guard let close = line.firstIndex(of: "]") else { continue }
                table = line[line.index(after: line.startIndex)..<close].split(separator: ".").map {
                    $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                }
                if lines[table] == nil { lines[table] = ["": offset + 1] }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if !key.isEmpty, lines[table]?[key] == nil { lines[table, default: [:]][key] = offset + 1 }
        }
        return lines
    }
}

/// A config file that cannot be read or parsed; the message names the file (and the line and column).
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, with the file's path in front.
    public let message: String

    /// An error saying `message`.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// Turns an `abort` inside `body` (a failed assertion in toml++) into a message and exit status 1: while
/// `body` runs, a SIGABRT handler is installed and standard error points at /dev/null (so the C
/// library's "Assertion ... failed" line about toml++'s internals is not shown); the handler writes the
/// preformatted message to the real standard error and calls `_exit`, both async-signal-safe. The
/// previous handler and standard error are restored after `body`.
enum ParserAbortGuard {
    nonisolated(unsafe) private static var message: UnsafeMutableBufferPointer<UInt8>?
    nonisolated(unsafe) private static var standardError: Int32 = 2

    static func run<T>(message text: String, _ body: () throws -> T) rethrows -> T {
        #if canImport(Glibc)
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        message = buffer
        let saved = dup(2)
        let null = open("/dev/null", O_WRONLY)
        if saved >= 0 && null >= 0 {
            standardError = saved
            dup2(null, 2)
        }
        if null >= 0 { close(null) }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            if let message = ParserAbortGuard.message {
                _ = write(ParserAbortGuard.standardError, message.baseAddress, message.count)
            }
            _exit(1)
        }
        sigemptyset(&action.sa_mask)
        var previous = sigaction()
        sigaction(SIGABRT, &action, &previous)
        defer {
            sigaction(SIGABRT, &previous, nil)
            if saved >= 0 {
                dup2(saved, 2)
                close(saved)
            }
            standardError = 2
            message = nil
            buffer.deallocate()
        }
        #endif
        return try body()
    }
}
