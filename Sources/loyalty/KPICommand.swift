import ArgumentParser
import Features
import Foundation
import OrderHistory

/// `loyalty kpi`: NPS, retention, repeat rate, churn rate, net revenue retention and LTV per segment.
struct KPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "Print the KPIs of the period ending at the cutoff: NPS, retention, repeat rate, churn rate, NRR, LTV per RFM rank (ranked as `segment` ranks by default).",
        discussion: """
            The period is (T − P, T] with P = --period-days, compared with the period before it.

            Example:
              loyalty kpi --orders notebooks-data/orders.csv --surveys notebooks-data/surveys.csv --as-of 2024-12-31 --json
            """
    )

    @OptionGroup var history: HistoryOptions
    @Option(help: "Length of the period in days.")
    var periodDays: Int = 365
    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @OptionGroup var settingsFile: ConfigOption

    func validate() throws {
        guard periodDays > 0 else { throw ValidationError("--period-days must be positive") }
    }

    func run() throws {
        let loaded = try history.load(outputFolder: ".")
        let registry = loaded.registry
        let table = loaded.featureTable(at: try history.cutoff(loaded))
        let kpis = KPIs(log: loaded.orders, timeline: CustomerTimeline(log: loaded.orders, customerCount: registry.count),
                        surveys: loaded.surveys.map { ($0, CustomerTimeline(customerIndex: $0.customerIndex, day: $0.day, customerCount: registry.count)) },
                        asOfDay: table.asOfDay, periodDays: periodDays,
                        ltv: table.values(of: ValueFeatures.lifetimeValue), segments: Segments.rfmRank(table, loyalTopShare: 0.2),
                        firstDataDay: loaded.firstOrderDay)
        if json {
            print(try jsonText(kpis))
            return
        }
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", 100 * $0) } ?? "-" }
        var lines = ["KPIs for the \(periodDays) days ending \(kpis.asOf)",
                     "  NPS                    \(kpis.nps.map { String(format: "%.1f", $0) } ?? "-")   (\(grouped(kpis.npsRespondents)) respondents)",
                     "  active customers       \(grouped(kpis.activeCustomers))",
                     "  retention rate         \(percent(kpis.retentionRate))",
                     "  churn rate             \(percent(kpis.churnRate))",
                     "  repeat purchase rate   \(percent(kpis.repeatPurchaseRate))",
                     "  net revenue retention  \(percent(kpis.netRevenueRetention))",
                     "  average LTV by RFM rank"]
        for rank in [Segments.topRankName, "A", "B", "C"] {
            if let value = kpis.ltvBySegment[rank] { lines.append("    \(rank.padding(toLength: 6, withPad: " ", startingAt: 0)) \(money(value))") }
        }
        print(lines.joined(separator: "\n"))
        for warning in kpis.warnings { printError("warning: \(warning)") }
    }
}
