import Foundation
import Testing

/// The sample's features (`features --labels-horizon 90d`), scores at full precision and the query for
/// `dialect`, written under `prefix` in the sample pipeline's folder; the three paths.
private func parityInputs(dialect: String, prefix: String) throws -> (features: String, scores: String, sql: String) {
    let (folder, _) = samplePipeline
    let paths = (features: "\(folder)/\(prefix)-features.csv", scores: "\(folder)/\(prefix)-scores.csv", sql: "\(folder)/score-\(prefix).sql")
    let features = try CommandLineHarness.run(["features"] + sampleInputs + ["--as-of", "2024-12-31", "--labels-horizon", "90d", "--out", paths.features])
    #expect(features.exitCode == 0, "\(features.stderr)")
    let score = try CommandLineHarness.run(["score"] + sampleInputs + ["--as-of", "2024-12-31", "--models", folder + "/models",
                                                                       "--full-precision", "--out", paths.scores, "--quiet"])
    #expect(score.exitCode == 0, "\(score.stderr)")
    let export = try CommandLineHarness.run(["export-sql", "--models", folder + "/models", "--dialect", dialect, "--features-table", "features",
                                             "--out", paths.sql])
    #expect(export.exitCode == 0 && export.stderr.contains("\(dialect) query scoring churn and loyal-candidate"), "\(export.stderr)")
    return paths
}

/// The query run in real DuckDB (PyPI `duckdb`, driven by `bench/warehouse-check/check_scores.py`) on the
/// features `loyalty features` writes gives `loyalty score`'s probabilities within 1e-9, customer by
/// customer, for both bundles.
@Test func theDuckDBQueryGivesScoresProbabilitiesToOneInABillion() throws {
    let paths = try parityInputs(dialect: "duckdb", prefix: "duckdb")
    let (status, text) = try runPythonScript("bench/warehouse-check/check_scores.py", [
        "--features", paths.features, "--sql", paths.sql, "--scores", paths.scores])
    #expect(status == 0, "\(text)")
    #expect(text.contains("probabilities compared"), "\(text)")
}

/// The same in a real PostgreSQL server (`make test` starts one: bench/warehouse-check/postgres.sh, and
/// says how to reach it in LOYALTY_TEST_PSQL), through its own client `psql`.
@Test func thePostgreSQLQueryGivesScoresProbabilitiesToOneInABillion() throws {
    let connection = try #require(ProcessInfo.processInfo.environment["LOYALTY_TEST_PSQL"],
                                  "LOYALTY_TEST_PSQL is not set: run the tests with `make test`, which starts PostgreSQL")
    let paths = try parityInputs(dialect: "postgres", prefix: "postgres")
    let (status, text) = try runPythonScript("bench/warehouse-check/check_scores.py", [
        "--engine", "postgres", "--psql=\(connection)", "--features", paths.features, "--sql", paths.sql, "--scores", paths.scores])
    #expect(status == 0 && text.hasPrefix("postgres "), "\(text)")
}

/// The same in Spark (PyPI `pyspark`, local mode on two cores, on the machine's Java 17): the query's tree
/// groups are small enough that Spark compiles them (no "Code grows beyond 64 KB" fallback).
@Test func theSparkQueryGivesScoresProbabilitiesToOneInABillion() throws {
    let paths = try parityInputs(dialect: "spark", prefix: "spark")
    let (status, text) = try runPythonScript("bench/warehouse-check/check_scores.py", [
        "--engine", "spark", "--features", paths.features, "--sql", paths.sql, "--scores", paths.scores])
    #expect(status == 0 && text.contains("spark 4."), "\(text)")
    #expect(!text.contains("grows beyond 64 KB"), "Spark compiled every group")
}

@Test func exportSQLWritesEveryDialectTheSameBytesTwiceAndRefusesBadInput() throws {
    let (folder, _) = samplePipeline
    for dialect in ["spark", "postgres", "duckdb"] {
        let path = folder + "/score-\(dialect)-a.sql"
        #expect(try CommandLineHarness.run(["export-sql", "--models", folder + "/models", "--dialect", dialect, "--out", path, "--quiet"]).exitCode == 0)
        #expect(try CommandLineHarness.run(["export-sql", "--models", folder + "/models", "--dialect", dialect, "--out", path + ".2", "--quiet"]).exitCode == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(try String(contentsOfFile: path + ".2", encoding: .utf8) == text)
        #expect(text.hasPrefix("-- loyalty export-sql (\(dialect)): churn as of 2024-12-31") && text.hasSuffix("ORDER BY customer_id;\n"))
    }
    let unknown = try CommandLineHarness.run(["export-sql", "--models", folder + "/models", "--dialect", "oracle", "--out", folder + "/x.sql"])
    #expect(unknown.exitCode == 1 && unknown.stderr.contains("oracle"), "\(unknown.stderr)")
    let empty = try CommandLineHarness.run(["export-sql", "--models", folder + "/no-such-folder", "--dialect", "duckdb", "--out", folder + "/x.sql"])
    #expect(empty.exitCode == 1, "\(empty.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/x.sql"))
}
