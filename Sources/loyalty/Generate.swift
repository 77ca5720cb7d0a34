import ArgumentParser
import Foundation
import OrderHistory
import SyntheticData

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

    @OptionGroup var settingsFile: ConfigOption

    func validate() throws {
        guard customers > 0 else { throw ValidationError("--customers must be a positive number") }
    }

    @Flag(help: "Write only orders, customers and truth (no events or surveys), for large benchmarks.")
    var ordersOnly = false

    @Option(help: "Simulated retention campaigns in the history, 35 days apart (call lists with control groups; contacts.csv and campaign_truth.csv).")
    var campaigns: Int = 0

    func run() throws {
        guard campaigns >= 0 && campaigns <= 20 else { throw UsageError(message: "--campaigns \(campaigns): expected 0 to 20") }
        let configuration = SyntheticHistory.Configuration(customers: customers, seed: seed,
                                                           includeEngagement: !ordersOnly, campaigns: campaigns)
        let counts = try SyntheticHistory.write(configuration, to: out)
        printError("wrote \(out)/orders.csv (\(grouped(counts.orders)) rows), customers.csv (\(grouped(counts.customers)))"
            + (ordersOnly ? "" : ", events.csv (\(grouped(counts.events))), surveys.csv (\(grouped(counts.surveys)))")
            + ", truth.csv" + (campaigns > 0 ? ", contacts.csv (\(grouped(counts.contacts))), campaign_truth.csv" : ""))
    }
}
