import ArgumentParser
import Foundation
import LoyaltyConfig
import OrderHistory
import TOMLKit

/// `--config loyalty.toml`: a command's settings, read from a TOML file (TOMLKit).
///
/// Keys are the command's flags without the leading dashes (`horizon = "90d"`, `gbdt-trees = 200`,
/// `quiet = true`; `gbdt_trees` is the same key). Where a key applies:
/// - `[data]` (and keys before any table) is shared: each command takes the keys it has a flag for
///   (`orders`, `customers`, the mapping flags, `models`, `as-of`, `lang`, ...) and leaves the others.
/// - `[train]`, `[score]`, `[calllist]`, ... (and `[ml.fit]` for `loyalty ml fit`) hold one command's
///   settings; they override `[data]`.
/// A flag given on the command line wins over the file: the file's key is then not used.
///
/// Values: a string, number or date (`as-of = 2024-12-31`) for a flag that takes a value; `true` or
/// `false` for a switch; an array for a flag that may be repeated. A syntax error, a key no command
/// has, a key its table's command does not take, a table that names no command and a value of the
/// wrong kind are errors naming the file, the line and the key. A value the command itself refuses
/// (`capacity = "many"`) is reported with the file, line and key in front of the command's message
/// (`ConfigFile.Expansion.attribute`).
struct ConfigFile {
    /// One key of the file that became command-line arguments.
    struct Setting: Equatable {
        /// The table it was read from (`data`, `train`, `ml.fit`).
        var table: String
        /// The key as written.
        var key: String
        /// Its line in the file (1-based), when found.
        var line: Int?
        /// The flag it stands for, with its dashes (`--horizon`).
        var flag: String
        /// The arguments it adds (`["--horizon", "90d"]`; `["--quiet"]`; none for `false`).
        var arguments: [String]
    }

    /// A command line with `--config F`'s settings in it, and where each of them came from.
    struct Expansion {
        /// The arguments to parse.
        var arguments: [String]
        /// The config file, when one was given.
        var path: String?
        /// The settings taken from the file, in the order they were added.
        var settings: [Setting]

        /// `message` (an error the command reported) with the file, line and key in front, when it names
        /// the flag of a setting taken from the file; else nil.
        func attribute(_ message: String) -> String? {
            guard let path else { return nil }
            for setting in settings where Self.message(message, names: setting.flag) {
                return "\(ConfigFile.location(path, setting.line)): \(setting.key) in [\(setting.table)]: \(message)"
            }
            return nil
        }

        private static func message(_ message: String, names flag: String) -> Bool {
            var rest = message[...]
            while let range = rest.range(of: flag) {
                let after = rest[range.upperBound...].first
                if after == nil || !(after!.isLetter || after!.isNumber || after! == "-") { return true }
                rest = rest[range.upperBound...]
            }
            return false
        }
    }

    /// `arguments` (a command line without the program name) with `--config F` (or `--config=F`) expanded:
    /// the file's settings for the command are placed after the subcommand names, and `--config F` is
    /// kept so that the command can see it. Without `--config`, the arguments are returned as they are.
    static func expand(_ arguments: [String]) throws -> Expansion {
        guard let (index, length, path) = try configArgument(in: arguments) else {
            return Expansion(arguments: arguments, path: nil, settings: [])
        }
        var rest = arguments
        rest.removeSubrange(index..<(index + length))
        let commandPath = Array(rest.prefix { !$0.hasPrefix("-") })
        guard let command = CommandFlags.catalog[commandPath], command.flags["config"] != nil else {
            let name = (["loyalty"] + commandPath).joined(separator: " ")
            throw UsageError(message: "--config: \(name) takes no config file")
        }
        let given = Set(rest.dropFirst(commandPath.count).compactMap { command.flagName(ofArgument: $0) })
        let settings = try ConfigFile.read(path: path).settings(for: commandPath, command: command)
            .filter { !given.contains(String($0.flag.dropFirst(2))) }
        let expanded = commandPath + settings.flatMap(\.arguments) + ["--config", path]
            + rest.dropFirst(commandPath.count)
        return Expansion(arguments: expanded, path: path, settings: settings)
    }

    /// Where `--config` is in `arguments`: its index, how many arguments it spans and the path.
    private static func configArgument(in arguments: [String]) throws -> (Int, Int, String)? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { return nil }
            if argument == "--config" {
                guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") else {
                    throw UsageError(message: "--config: expected a file name")
                }
                return (index, 2, arguments[index + 1])
            }
            if argument.hasPrefix("--config=") {
                let path = String(argument.dropFirst("--config=".count))
                guard !path.isEmpty else { throw UsageError(message: "--config: expected a file name") }
                return (index, 1, path)
            }
        }
        return nil
    }

    /// The file's path.
    let path: String
    /// The parsed document.
    private let document: TOMLTable
    /// The line of each key, by table path and key (`["train"]`, `"horizon"`).
    private let lines: [[String]: [String: Int]]

    /// Reads and parses `path` (`ConfigDocument`).
    ///
    /// - Throws: `UsageError` naming the file (and the line and column of a syntax error).
    static func read(path: String) throws -> ConfigFile {
        do {
            let parsed = try ConfigDocument.read(path: path)
            return ConfigFile(path: path, document: parsed.table, lines: parsed.lines)
        } catch let error as ConfigError {
            throw UsageError(message: error.message)
        }
    }

    /// The settings of this file that apply to `commandPath`: the shared keys the command has a flag
    /// for, then its own table's keys (which replace a shared key for the same flag).
    func settings(for commandPath: [String], command: CommandFlags) throws -> [Setting] {
        var shared: [Setting] = []
        var own: [Setting] = []
        for (key, value) in document {
            if key == "data" || CommandFlags.catalog[[key]] != nil, let table = value.table {
                try collect(table, at: [key], for: commandPath, command: command, shared: &shared, own: &own)
            } else if value.table != nil {
                throw unknownTable([key])
            } else {
                try collectShared(key, value, table: [], command: command, into: &shared)
            }
        }
        let ownFlags = Set(own.map(\.flag))
        return shared.filter { !ownFlags.contains($0.flag) } + own
    }

    /// The keys of `table` (`[data]`, a command's table or one of its subcommands').
    private func collect(_ table: TOMLTable, at tablePath: [String], for commandPath: [String], command: CommandFlags,
                         shared: inout [Setting], own: inout [Setting]) throws {
        if tablePath == ["data"] {
            for (key, value) in table { try collectShared(key, value, table: tablePath, command: command, into: &shared) }
            return
        }
        guard let tableCommand = CommandFlags.catalog[tablePath] else { throw unknownTable(tablePath) }
        for (key, value) in table {
            if let subtable = value.table, CommandFlags.catalog[tablePath + [key]] != nil {
                try collect(subtable, at: tablePath + [key], for: commandPath, command: command, shared: &shared, own: &own)
                continue
            }
            guard let flag = tableCommand.flag(forKey: key) else {
                throw unknownKey(key, table: tablePath, known: tableCommand.flags.keys)
            }
            let setting = try self.setting(key, value, flag: flag, table: tablePath)
            if tablePath == commandPath { own.append(setting) }
        }
    }

    /// A shared key: an error when no command has the flag, else a setting when this command has it.
    private func collectShared(_ key: String, _ value: TOMLValueConvertible, table: [String], command: CommandFlags,
                               into shared: inout [Setting]) throws {
        if value.table != nil { throw unknownTable(table + [key]) }
        let name = CommandFlags.flagName(forKey: key)
        guard CommandFlags.sharedNames.contains(name) else {
            throw unknownKey(key, table: table, known: CommandFlags.sharedNames)
        }
        if let flag = command.flag(forKey: key) {
            shared.append(try setting(key, value, flag: flag, table: table))
        }
    }

    /// The arguments `value` stands for as the value of `flag`.
    private func setting(_ key: String, _ value: TOMLValueConvertible, flag: CommandFlags.Flag, table: [String]) throws -> Setting {
        let line = lines[table]?[key]
        let tableName = table.isEmpty ? "data" : table.joined(separator: ".")
        func wrongKind(_ expected: String) -> UsageError {
            UsageError(message: "\(ConfigFile.location(path, line)): \(key) in [\(tableName)]: expected \(expected), found \(Self.kind(of: value))")
        }
        let option = "--" + flag.name
        var arguments: [String] = []
        if !flag.takesValue {
            guard let on = value.bool else { throw wrongKind("true or false") }
            if on { arguments = [option] } else if let inverted = flag.invertedName { arguments = ["--" + inverted] }
        } else if let array = value.array {
            guard flag.isRepeating else { throw wrongKind("one value (--\(flag.name) is given once)") }
            for element in array {
                guard let text = Self.text(of: element) else { throw wrongKind("an array of strings or numbers") }
                arguments += [option, text]
            }
        } else {
            guard let text = Self.text(of: value) else { throw wrongKind("a string, number or date") }
            arguments = [option, text]
        }
        return Setting(table: tableName, key: key, line: line, flag: option, arguments: arguments)
    }

    /// A value as the text of a command-line argument: strings as written, numbers in Swift's shortest
    /// form, dates as yyyy-MM-dd; nil for anything else.
    private static func text(of value: TOMLValueConvertible) -> String? {
        if let string = value.string { return string }
        if let int = value.int { return String(int) }
        if let double = value.double { return double.isFinite ? String(double) : nil }
        if let date = value.date { return String(format: "%04d-%02d-%02d", date.year, date.month, date.day) }
        return nil
    }

    private static func kind(of value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a number"
        case .bool: return "true/false"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date and time"
        case .array: return "an array"
        case .table: return "a table"
        }
    }

    private func unknownTable(_ table: [String]) -> UsageError {
        // The header's own line; for a dotted header ([a.b] when a is no command) the first under it.
        let line = lines[table]?[""] ?? lines.filter { $0.key.starts(with: table) }.compactMap { $0.value[""] }.min()
        let commands = CommandFlags.catalog.filter { $0.value.flags["config"] != nil }.keys
            .map { $0.joined(separator: ".") }.sorted()
        return UsageError(message: "\(ConfigFile.location(path, line)): [\(table.joined(separator: "."))] is not a table "
                          + "this file can have (data, \(commands.joined(separator: ", ")))")
    }

    private func unknownKey<Names: Sequence<String>>(_ key: String, table: [String], known: Names) -> UsageError {
        let tableName = table.isEmpty ? "data" : table.joined(separator: ".")
        let flag = "--" + CommandFlags.flagName(forKey: key)
        let owner = table.isEmpty || table == ["data"] ? "no command has a flag \(flag)"
            : "loyalty \(table.joined(separator: " ")) has no flag \(flag)"
        var message = "\(ConfigFile.location(path, lines[table]?[key])): unknown key \"\(key)\" in [\(tableName)]: \(owner)"
        if let near = Self.nearest(CommandFlags.flagName(forKey: key), among: known) { message += " (did you mean \(near)?)" }
        return UsageError(message: message)
    }

    /// The known name within two edits of `name`, if there is one (the closest, then the first by name).
    static func nearest<Names: Sequence<String>>(_ name: String, among names: Names) -> String? {
        var best: (distance: Int, name: String)?
        for candidate in names where candidate != "config" {
            let distance = editDistance(Array(name), Array(candidate))
            if distance <= min(2, name.count / 3), best.map({ (distance, candidate) < ($0.distance, $0.name) }) ?? true {
                best = (distance, candidate)
            }
        }
        return best?.name
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// `path:line`, or `path` when the line is not known.
    static func location(_ path: String, _ line: Int?) -> String {
        ConfigDocument.location(path, line)
    }
}

/// The flags a command takes, read from ArgumentParser's own description of the command tree
/// (`Loyalty._dumpHelp()`), so that a config file is checked against the commands as they are.
struct CommandFlags {
    /// One long flag.
    struct Flag {
        /// Its name without dashes (`gbdt-trees`).
        var name: String
        /// Whether it takes a value (an option) rather than standing alone (a switch).
        var takesValue: Bool
        /// Whether it may be given more than once.
        var isRepeating: Bool
        /// The name that turns a switch off (`no-quiet`), when it has one.
        var invertedName: String?
    }

    /// The command's long flags by name.
    var flags: [String: Flag]
    /// Every name an argument can spell a flag with (`--quiet`, `-q`), to its long name.
    var spellings: [String: String]

    /// The flag a config key stands for (`gbdt_trees` and `gbdt-trees` are `--gbdt-trees`).
    func flag(forKey key: String) -> Flag? {
        flags[Self.flagName(forKey: key)]
    }

    /// The long name of the flag `argument` spells (`--horizon`, `--horizon=90d`, `-q`), if any.
    func flagName(ofArgument argument: String) -> String? {
        let spelling = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
        return spellings[spelling]
    }

    /// `arguments` with a negative number given to a flag that takes a value joined to it
    /// (`--capacity -1` becomes `--capacity=-1`), so that it reaches the command's own check instead of
    /// being read as a short flag.
    static func joiningNegativeNumbers(_ arguments: [String]) -> [String] {
        let commandPath = Array(arguments.prefix { !$0.hasPrefix("-") })
        guard let command = catalog[commandPath] else { return arguments }
        var joined: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return joined + arguments[index...] }
            if index + 1 < arguments.count, !argument.contains("="), let name = command.flagName(ofArgument: argument),
               command.flags[name]?.takesValue == true, Double(arguments[index + 1]) != nil, arguments[index + 1].hasPrefix("-") {
                joined.append(argument + "=" + arguments[index + 1])
                index += 2
                continue
            }
            joined.append(argument)
            index += 1
        }
        return joined
    }

    /// A key as a flag name: underscores become dashes.
    static func flagName(forKey key: String) -> String {
        key.replacingOccurrences(of: "_", with: "-")
    }

    /// Every command by its path (`["train"]`, `["ml", "fit"]`).
    static let catalog: [[String]: CommandFlags] = {
        guard let data = Loyalty._dumpHelp().data(using: .utf8),
              let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let command = root["command"] as? [String: Any] else { return [:] }
        var catalog: [[String]: CommandFlags] = [:]
        func visit(_ command: [String: Any], path: [String]) {
            var flags: [String: Flag] = [:]
            var spellings: [String: String] = [:]
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                let kind = argument["kind"] as? String
                guard kind == "option" || kind == "flag" else { continue }
                let preferred = (argument["preferredName"] as? [String: Any])?["name"] as? String
                if preferred == "help" || preferred == "version" { continue }
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> (String, String)? in
                    guard let kind = name["kind"] as? String, let text = name["name"] as? String else { return nil }
                    return (kind, text)
                }
                let longNames = names.filter { $0.0 == "long" }.map(\.1)
                guard let long = longNames.first(where: { !$0.hasPrefix("no-") }) ?? longNames.first else { continue }
                flags[long] = Flag(name: long, takesValue: kind == "option", isRepeating: argument["isRepeating"] as? Bool ?? false,
                                   invertedName: longNames.first { $0 == "no-" + long })
                for (nameKind, text) in names {
                    spellings[(nameKind == "short" ? "-" : "--") + text] = long
                }
            }
            if !path.isEmpty { catalog[path] = CommandFlags(flags: flags, spellings: spellings) }
            for subcommand in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = subcommand["commandName"] as? String, name != "help" else { continue }
                visit(subcommand, path: path + [name])
            }
        }
        visit(command, path: [])
        return catalog
    }()

    /// The flag names a shared (`[data]`) key may have: those of every command that takes `--config`.
    static let sharedNames: Set<String> = {
        Set(catalog.values.filter { $0.flags["config"] != nil }.flatMap(\.flags.keys)).subtracting(["config"])
    }()
}

/// `--config F`, declared by every command that reads a config file so that `--help` lists it. The file
/// is read before parsing (`ConfigFile.expand`), which places its settings in the command line.
struct ConfigOption: ParsableArguments {
    @Option(help: ArgumentHelp("Read settings from a TOML file: the shared [data] table and this command's own table (loyalty init writes one). Flags given here win.", valueName: "file"))
    var config: String?
}
