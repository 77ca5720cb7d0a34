import Foundation
import OrderHistory

/// `--config loyalty.toml`: settings whose keys mirror the command's flags (`horizon = "90d"`,
/// `gbdt-trees = 200`, `quiet = true`). Flags on the command line win over the file.
///
/// The file is the flat subset of TOML the template uses: `key = value` lines, `#` comments, quoted
/// strings, numbers, `true`/`false`; `[section]` headers are allowed and ignored (a key means the same
/// flag in any section). Anything else is an error naming the file and line.
enum ConfigFile {
    /// The flags written in `path`, as command-line arguments.
    static func arguments(path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw UsageError(message: "\(path): cannot read the config file")
        }
        var arguments: [String] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            line = withoutComment(line)
            if line.isEmpty || (line.hasPrefix("[") && line.hasSuffix("]")) { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw UsageError(message: "\(path):\(offset + 1): expected key = value, found \"\(line)\"")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw UsageError(message: "\(path):\(offset + 1): \"\(key)\" is not a flag name")
            }
            let flag = "--" + key.replacingOccurrences(of: "_", with: "-")
            if value.hasPrefix("\"") {
                guard value.count >= 2, value.hasSuffix("\"") else {
                    throw UsageError(message: "\(path):\(offset + 1): unterminated string for \(key)")
                }
                value = String(value.dropFirst().dropLast())
            }
            switch value {
            case "true": arguments.append(flag)
            case "false": continue
            default: arguments += [flag, value]
            }
        }
        return arguments
    }

    /// `line` up to its first `#` outside a quoted string, trimmed.
    static func withoutComment(_ line: String) -> String {
        var quoted = false
        for index in line.indices {
            if line[index] == "\"" { quoted.toggle() }
            if line[index] == "#" && !quoted { return line[..<index].trimmingCharacters(in: .whitespaces) }
        }
        return line
    }

    /// `arguments` with `--config F` replaced by the file's flags, placed after the subcommand names so
    /// that flags given on the command line (which come later) win.
    static func expand(_ arguments: [String]) throws -> [String] {
        guard let index = arguments.firstIndex(of: "--config") else { return arguments }
        guard index + 1 < arguments.count else { throw UsageError(message: "--config: expected a file name") }
        var rest = arguments
        let path = rest[index + 1]
        rest.removeSubrange(index...(index + 1))
        let commands = rest.prefix { !$0.hasPrefix("-") }
        return Array(commands) + (try Self.arguments(path: path)) + rest.dropFirst(commands.count)
    }

    /// The commented template `loyalty init` writes.
    static let template = """
        # loyalty.toml: settings for `loyalty train|score|calllist --config loyalty.toml`.
        # Keys are the command-line flags without the leading dashes; a flag given on the command line wins.
        # Remove the # in front of a line to use it.

        [data]
        orders = "notebooks-data/orders.csv"        # required: customer id, date, amount (or quantity x unit price)
        # customers = "notebooks-data/customers.csv"
        # events = "notebooks-data/events.csv"
        # surveys = "notebooks-data/surveys.csv"
        # encoding = "auto"                          # utf8 | cp932 | auto
        # date-format = "yyyy-MM-dd"
        # on-bad-rows = "fail"                       # fail | skip (bad rows go to a quarantine CSV)

        [train]
        horizon = "90d"                              # label window after each cutoff
        # step-days = 30                             # days between training cutoffs
        # max-cutoffs = 12
        # max-training-rows = 500000                 # per target; beyond it rows are sampled by seed
        # loyal-top-share = 0.2                      # top share of active customers by 365-day spend = loyal
        # logistic-l2 = 1.0
        # gbdt-trees = 100
        # gbdt-leaves = 31
        # gbdt-learning-rate = 0.1
        # gbdt-min-data-in-leaf = 50
        # seed = 42
        # threads = 2
        # margin-rate = 0.3                          # value: annual spend x margin rate x expected years
        # expected-years = 3

        """
}
