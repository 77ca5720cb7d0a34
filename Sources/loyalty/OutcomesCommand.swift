import ArgumentParser
import Campaigns
import Foundation
import OrderHistory

extension CampaignGrouping: ExpressibleByArgument {}

/// `loyalty outcomes`: what the calls did, called against control, per list and campaign.
struct OutcomesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Measure the calls: purchases and spend after each contact, called against control, per list and campaign, with 95% intervals.",
        discussion: """
            The contact history (--contacts) has a customer id, a contact date and a group (call or control;
            also treatment/control, 1/0), and optionally the list and whether the agent reached the customer
            (1/0). A week's call list and its control file (calllist --control-out) are such files.

            For each contact, the window is the days (d, d + H] after its date: a purchaser has net spend
            (purchases minus returns) above zero in it, and spend per customer counts non-buyers as zero.
            Contacts whose window ends after --as-of are counted as incomplete and left out. The purchase-rate
            difference has Newcombe's hybrid score interval, the spend difference Welch's interval; an
            interval that spans zero says "too few to tell", with the group size that would detect the
            observed difference at 80% power.

            Example:
              loyalty outcomes --contacts contacts.csv --orders notebooks-data/orders.csv --horizon 90d
            """
    )

    @Option(help: "The contact history: customer id, contact date, group (call/control); optional list and reached.")
    var contacts: String
    @Option(help: "The orders file.")
    var orders: String
    @Option(help: "The window after each contact in which purchases count (14d, 90d).")
    var horizon: String = "90d"
    @Option(help: "The day the orders are complete to (yyyy-MM-dd). Default: the last order date.")
    var asOf: String?
    @Option(help: "What a call costs, for the cost per incremental purchaser.")
    var costPerCall: Double?
    @Option(help: "Campaigns by contact date or by week (\(CampaignGrouping.allCases.map(\.rawValue).joined(separator: ", "))).")
    var by: CampaignGrouping = .contactDate
    @Flag(help: "Print one JSON object instead of tables.")
    var json = false
    @Option(help: "Also write the report as JSON to this file (for the report command).")
    var out: String?
    @OptionGroup var input: InputOptions
    @OptionGroup var settingsFile: ConfigOption

    func validate() throws {
        if let costPerCall, !(costPerCall >= 0 && costPerCall.isFinite) {
            throw ValidationError("--cost-per-call \(costPerCall): expected 0 or more")
        }
    }

    func run() throws {
        if let out { try OutputPath.check(out) }
        let windowDays = try parseDays(horizon, flag: "--horizon")
        let options = try input.readOptions()
        var registry = CustomerRegistry()
        let (contactLog, contactSummary, duplicates) = try ContactReader.read(path: contacts, options: options, registry: &registry)
        let (orderLog, orderSummary) = try OrderReader.read(path: orders, options: options, registry: &registry)
        try input.quarantine(contactSummary.badRows, of: contacts)
        try input.quarantine(orderSummary.badRows, of: orders)
        let asOfDay = try cutoffDay(asOf: asOf, lastOrderDay: orderSummary.lastDay, orders: orders)
        let report = CampaignOutcomes.measure(contacts: contactLog, orders: orderLog, customerCount: registry.count,
                                              windowDays: windowDays, asOfDay: asOfDay, by: by, costPerCall: costPerCall)
        if let out {
            try AtomicFile.write(Data((try jsonText(report) + "\n").utf8), to: out)
            printError("wrote \(out)")
            return
        }
        if json {
            print(try jsonText(report))
            return
        }
        print(Self.text(report, duplicates: duplicates))
    }

    /// The report as tables: one block per list, then one line per campaign.
    static func text(_ report: OutcomeReport, duplicates: Int) -> String {
        var lines = ["Outcomes as of \(report.asOf): purchases (net spend above zero) in the \(report.windowDays) days after each contact",
                     "  contacts \(grouped(report.contacts)); left out: \(grouped(report.incomplete)) with a window ending after \(report.asOf), "
                        + "\(grouped(report.afterAsOf)) dated after it; \(grouped(report.withoutOrderHistory)) contacts of customers with "
                        + "no order at all (counted as non-buyers)" + (duplicates > 0 ? "; \(grouped(duplicates)) repeated rows merged" : "")]
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", 100 * $0) } ?? "-" }
        func points(_ value: Double) -> String { String(format: "%+.1f", 100 * value) }
        func amount(_ value: Double?) -> String { value.map(money) ?? "-" }
        for result in report.lists {
            lines.append("")
            lines.append("\(result.list)")
            lines.append("  group     customers  purchasers  purchase rate  spend per customer")
            for (name, arm) in [("called", result.called), ("control", result.control)] {
                lines.append("  " + [name.padding(toLength: 8, withPad: " ", startingAt: 0),
                                     grouped(arm.customers).leftPadded(11), grouped(arm.purchasers).leftPadded(11),
                                     percent(arm.purchaseRate).leftPadded(14), amount(arm.spendPerCustomer).leftPadded(19)].joined(separator: " "))
            }
            lines += effectLines(result, points: points, amount: amount)
        }
        if !report.campaigns.isEmpty {
            lines.append("")
            lines.append("By campaign (\(report.by == .week ? "week starting" : "contact date")):")
            for result in report.campaigns {
                let lift = result.purchaseRateLift.map { "\(points($0.estimate)) points (\(points($0.low)) to \(points($0.high)))" } ?? "no control group"
                lines.append("  \(result.list) \(result.campaign ?? ""): called \(grouped(result.called.customers)), "
                             + "control \(grouped(result.control.customers)); purchase rate \(lift); \(result.verdict)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func effectLines(_ result: OutcomeResult, points: (Double) -> String, amount: (Double?) -> String) -> [String] {
        guard let rate = result.purchaseRateLift else {
            return ["  no lift: the list has no \(result.control.customers == 0 ? "control group" : "called customers")"]
        }
        var lines = ["  purchase rate \(points(rate.estimate)) points (95% interval \(points(rate.low)) to \(points(rate.high))): "
                     + (result.verdict == "too few to tell"
                        ? "too few to tell" + (result.customersNeededPerGroup.map { "; about \(grouped($0)) customers per group would detect a difference this size" } ?? "")
                        : "the calls \(result.verdict) purchases")]
        if let spend = result.spendPerCustomerLift {
            lines.append("  spend per customer \(spend.estimate >= 0 ? "+" : "")\(money(spend.estimate)) (95% interval \(money(spend.low)) to \(money(spend.high)))")
        }
        var totals: [String] = []
        if let relative = result.relativeLift { totals.append("relative lift \(String(format: "%+.1f%%", 100 * relative))") }
        if let purchasers = result.incrementalPurchasers { totals.append("incremental purchasers \(String(format: "%.1f", purchasers))") }
        if let revenue = result.incrementalRevenue { totals.append("incremental revenue \(money(revenue))") }
        if let cost = result.costPerIncrementalPurchaser { totals.append("cost per incremental purchaser \(money(cost))") }
        if !totals.isEmpty { lines.append("  " + totals.joined(separator: "; ")) }
        if let reached = result.reachedPurchaseRateLift, let count = result.called.reached {
            lines.append("  on the \(grouped(count)) reached: \(points(reached.estimate)) points (\(points(reached.low)) to \(points(reached.high)))")
        }
        return lines
    }
}

