import ArgumentParser
import Foundation
import LoyaltyModels
import OrderHistory
import Outreach
import Reporting
import WarehouseSQL
import ScoringCore

/// The `loyalty` command: whom should the call center phone first, and why.
@main
struct Loyalty: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loyalty",
        abstract: "Learn from order history whom the call center should phone first, and why.",
        discussion: """
            Examples:
              loyalty generate --customers 5000 --seed 42 --out notebooks-data
              loyalty inspect --orders notebooks-data/orders.csv
              loyalty demo
              loyalty train --orders notebooks-data/orders.csv --horizon 90d --models models
              loyalty score --orders notebooks-data/orders.csv --models models --out scores.csv
              loyalty calllist --scores scores.csv --customers notebooks-data/customers.csv --capacity 200 --out calllist.csv
              loyalty init && loyalty run --config loyalty.toml
              loyalty ml fit --data train.csv --label churned --algorithm logistic --out model.json

            Exit codes: 0 success; 1 bad input or usage (message on stderr, nothing half-written); \
            2 internal error.
            """,
        version: "loyalty 0.4.0",
        subcommands: [Generate.self, Inspect.self, FeaturesCommand.self, SegmentCommand.self, KPICommand.self, Train.self,
                      Evaluate.self, Score.self, CallListCommand.self, ReportCommand.self, ExportSQLCommand.self, OutcomesCommand.self, CLVCommand.self, Run.self, Demo.self, Init.self, ML.self]
    )

    /// Parses the arguments and runs the command, mapping every failure to the exit codes of the contract:
    /// 0 success, 1 bad input or usage, 2 internal error.
    static func main() {
        let code = run(arguments: Array(CommandLine.arguments.dropFirst()))
        Foundation.exit(code)
    }

    /// Runs one command line and returns its exit code (used by `main` and by tests).
    ///
    /// A setting refused by the command (a value it cannot read, an option's bad value) that came from
    /// `--config F` is reported with the file, line and key in front (`ConfigFile.Expansion.attribute`).
    static func run(arguments: [String]) -> Int32 {
        var expansion = ConfigFile.Expansion(arguments: arguments, path: nil, settings: [])
        do {
            expansion = try ConfigFile.expand(arguments)
            var command = try parseAsRoot(CommandFlags.joiningNegativeNumbers(expansion.arguments))
            try command.run()
            return 0
        } catch let error as OrderHistoryError {
            if case .invalidOption = error, let attributed = expansion.attribute("\(error)") {
                printError("error: \(attributed)")
            } else {
                printError("error: \(error)")
            }
            return 1
        } catch let error as ScoringCoreError {
            printError("error: \(error)")
            return 1
        } catch let error as LoyaltyModelsError {
            printError("error: \(error)")
            return 1
        } catch let code as ExitCode where code != .success && code.rawValue <= 2 {
            // A step of `demo` that failed has already printed its message.
            return code.rawValue
        } catch let error as OutreachError {
            printError("error: \(error)")
            return 1
        } catch let error as ReportError {
            printError("error: \(error)")
            return 1
        } catch let error as WarehouseSQLError {
            printError("error: \(error)")
            return 1
        } catch let error as UsageError {
            printError("error: \(expansion.attribute(error.message) ?? error.message)")
            return 1
        } catch {
            let exitCode = Self.exitCode(for: error)
            let message = fullMessage(for: error)
            if exitCode == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if exitCode == .validationFailure {
                if let attributed = expansion.attribute(Self.message(for: error)) {
                    printError("error: \(attributed)")
                } else {
                    printError(message)
                }
                return 1
            }
            printError("internal error: \(error)")
            return 2
        }
    }
}

/// Runs one `loyalty` command line as a user would, after printing it (the steps of `demo` and `run`);
/// a failing step has printed its message and throws its exit code.
func runStep(_ arguments: [String]) throws {
    printError("$ loyalty " + arguments.joined(separator: " "))
    let code = Loyalty.run(arguments: arguments)
    // A step's report on standard output stays beside its own lines on standard error (a cron log).
    fflush(nil)
    if code != 0 { throw ExitCode(code) }
}

/// A problem with how the command was called, reported with exit code 1.
struct UsageError: Error {
    let message: String
}

/// Prints a command's report (its `--json` summary): on standard output, or on standard error when the
/// command's data goes to standard output (`--out -`), so the two never mix. A final line end is added
/// when missing.
func printReport(_ text: String, besideOutput out: String) {
    let line = text.hasSuffix("\n") ? String(text.dropLast()) : text
    if OutputPath.isStandardOutput(out) { printError(line) } else { print(line) }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
