import ArgumentParser
import Foundation
import LoyaltyModels
import OrderHistory
import WarehouseSQL

/// `loyalty export-sql`: the bundles' scoring as one SQL query, to run where the data is.
struct ExportSQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-sql",
        abstract: "Write the bundles' scoring as one SQL query for Spark, PostgreSQL or DuckDB, over a table of features.",
        discussion: """
            The query reads --features-table (the columns `loyalty features --labels-horizon` writes, one row \
            per customer, NULL for a missing value) and returns customer_id and each bundle's probability, \
            computed as `loyalty score` computes them: logistic regression as an expression (median \
            imputation, log1p, standardization), gradient boosting as one CASE per tree summed in balanced \
            groups, a clamped stable sigmoid, then the bundle's calibration; constants as shortest \
            round-trip doubles. Rows outside a target's population (churn: no purchase in the active window) \
            get a probability too; `score` leaves them empty. Computing the features themselves in SQL is not \
            built yet.

            Example:
              loyalty features --orders orders.csv --as-of 2024-12-31 --labels-horizon 90d --out features.csv
              loyalty export-sql --models models --dialect duckdb --features-table features --out score.sql
            """
    )

    @Option(help: "Folder with the bundles.")
    var models: String
    @Option(help: "The engine: spark, postgres or duckdb.")
    var dialect: SQLDialect
    @Option(help: "The table (or view) of features the query reads.")
    var featuresTable: String = "features"
    @Option(help: "Where to write the query (.sql; - for standard output).")
    var out: String
    @Flag(help: "No summary line.")
    var quiet = false

    @OptionGroup var settingsFile: ConfigOption

    func run() throws {
        try OutputPath.check(out)
        let found = try ModelBundle.loadAll(folder: models)
        let bundles = PredictionTarget.allCases.compactMap { found[$0] }
        guard !bundles.isEmpty else {
            throw UsageError(message: "--models \(models): no churn.json or loyal-candidate.json there; train first")
        }
        let query = try ScoringScript(dialect: dialect, featuresTable: featuresTable).query(bundles)
        try AtomicFile.write(Data(query.utf8), to: out)
        if !quiet {
            printError("wrote \(out): \(dialect.rawValue) query scoring \(bundles.map(\.target.rawValue).joined(separator: " and ")) "
                + "(\(query.utf8.count) bytes)")
        }
    }
}

extension SQLDialect: ExpressibleByArgument {}
