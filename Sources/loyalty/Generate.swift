import ArgumentParser
import Foundation
import OrderHistory

/// `loyalty generate`: synthetic order histories with a known ground truth.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write realistic synthetic orders, customers, events and surveys with known ground truth.",
        discussion: """
            Same seed, same bytes.

            Example:
              loyalty generate --customers 5000 --seed 42 --out notebooks-data
            """
    )

    @Option(help: "Number of customers.")
    var customers: Int

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Option(help: "Output folder.")
    var out: String

    func validate() throws {
        guard customers > 0 else { throw ValidationError("--customers must be a positive number") }
    }

    func run() throws {
        throw UsageError(message: "generate: not built yet")
    }
}
