import ArgumentParser
import Features
import Foundation
import OrderHistory

/// `loyalty segment`: RFM scores and rank, and the LTV × NPS cell, per customer.
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Write RFM scores (1-5), the RFM rank and the LTV × NPS cell of every customer as of a cutoff.",
        discussion: """
            Scores are quintiles over customers with a purchase (recency: recent is 5; frequency: orders in 365 \
            days; monetary: spend in 365 days). Without --rank-thresholds the rank is relative to \
            the company's own data: S = the loyal flag (top 20% of active customers by 365-day net spend), A \
            and B from quantiles of active customers, else C (Guides/Concepts.md, "RFM rank"). LTV is high \
            at or above the median of customers with a purchase; customers without a survey answer get \
            their own cell.

            Example:
              loyalty segment --orders notebooks-data/orders.csv --surveys notebooks-data/surveys.csv --out segments.csv
            """
    )

    @OptionGroup var history: HistoryOptions
    @Option(help: "Where to write the segments (CSV).")
    var out: String
    @Option(help: "RFM rank thresholds (JSON: [{\"name\", \"maxDaysSinceLastPurchase\", \"minOrders\", \"minSpend\"}], best first). Without it, S = the top --loyal-top-share of active customers by 365-day net spend, and A/B are quantiles of active customers (Guides/Concepts.md).")
    var rankThresholds: String?
    @Option(help: "Share of active customers ranked loyal when no thresholds file is given.")
    var loyalTopShare: Double = 0.2

    @OptionGroup var settingsFile: ConfigOption

    func run() throws {
        try OutputPath.check(out)
        let loaded = try history.load(outputFolder: (out as NSString).deletingLastPathComponent)
        let registry = loaded.registry
        let table = loaded.featureTable(at: try history.cutoff(loaded))
        // Frequency and monetary scores only for customers with a purchase (recency known); the recency
        // column is looked up once, not once per customer.
        let daysSinceLastPurchase = table.values(of: RFMFeatures.daysSinceLastPurchase)
        func ofBuyers(_ values: [Double]) -> [Double] {
            zip(values, daysSinceLastPurchase).map { value, days in days.isNaN ? .nan : value }
        }
        let recency = Segments.quintileScores(daysSinceLastPurchase, higherIsBetter: false)
        let frequency = Segments.quintileScores(ofBuyers(table.values(of: RFMFeatures.orders365)))
        let monetary = Segments.quintileScores(ofBuyers(table.values(of: RFMFeatures.spend365)))
        let ranks: [String]
        if let rankThresholds {
            guard let data = FileManager.default.contents(atPath: rankThresholds) else {
                throw OrderHistoryError.cannotOpen(file: rankThresholds, reason: "it does not exist or is not readable")
            }
            let thresholds: [Segments.RankThreshold]
            do {
                thresholds = try Segments.ranks(fromJSON: data)
            } catch {
                throw UsageError(message: "\(rankThresholds): expected a JSON array of {\"name\", \"maxDaysSinceLastPurchase\", \"minOrders\", \"minSpend\"} (\(error))")
            }
            ranks = Segments.rfmRank(table, ranks: thresholds)
        } else {
            ranks = Segments.rfmRank(table, loyalTopShare: loyalTopShare)
        }
        let cells = Segments.ltvNPSCell(table)
        var file = TextFileBuilder(capacity: registry.count * 64)
        file.appendRow(["customer_id", "recency_score", "frequency_score", "monetary_score", "rfm_rank", "ltv_nps_cell"])
        func score(_ value: Double) -> String { value.isNaN ? "" : String(Int(value)) }
        for customer in 0..<registry.count {
            file.appendRow([registry.ids[customer], score(recency[customer]), score(frequency[customer]),
                            score(monetary[customer]), ranks[customer], cells[customer]])
        }
        try file.write(to: out)
        var counts: [String: Int] = [:]
        for rank in ranks { counts[rank, default: 0] += 1 }
        printError("wrote \(out): \(grouped(registry.count)) customers as of \(CalendarDay.isoString(table.asOfDay)); ranks "
            + [Segments.topRankName, "A", "B", "C"].map { "\($0) \(grouped(counts[$0] ?? 0))" }.joined(separator: ", "))
    }
}
