/// The SQL engines the scoring script is written for, and what differs between them: how an identifier
/// is quoted and how a double literal is written (a bare `0.1` is a DECIMAL in Spark and DuckDB and a
/// NUMERIC in PostgreSQL; the scripts compute in IEEE doubles, as `loyalty score` does).
public enum SQLDialect: String, CaseIterable, Sendable {
    /// Spark SQL (Databricks).
    case spark
    /// PostgreSQL.
    case postgres
    /// DuckDB.
    case duckdb

    /// `name` as a quoted identifier: backticks in Spark, double quotes elsewhere (quotes inside doubled).
    public func identifier(_ name: String) -> String {
        switch self {
        case .spark: return "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
        case .postgres, .duckdb: return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    /// `value` as a double literal, printed as the shortest text that reads back to the same double:
    /// `1.5D` (Spark), `1.5::float8` (PostgreSQL), `1.5::DOUBLE` (DuckDB). Only finite values.
    public func double(_ value: Double) -> String {
        precondition(value.isFinite, "SQL has no literal for \(value)")
        let text = value == 0 ? "0.0" : "\(value)"
        switch self {
        case .spark: return "\(text)D"
        case .postgres: return "(\(text))::float8"
        case .duckdb: return "(\(text))::DOUBLE"
        }
    }

    /// What follows `name AS` in a common table expression that is referenced many times over (the
    /// probability inside an isotonic calibration's `CASE`): `MATERIALIZED` where the engine would
    /// otherwise inline the expression at every reference (PostgreSQL 12+, DuckDB), nothing in Spark.
    public var materialized: String {
        switch self {
        case .spark: return ""
        case .postgres, .duckdb: return "MATERIALIZED "
        }
    }

    /// About how much SQL text of trees one group holds (`ScoringScript`): in Spark little enough that the
    /// code it generates for a group stays within the JVM's 64 KB a method (above it Spark falls back to
    /// interpreting the plan, with a stack trace in the log); elsewhere only the tree count bounds a group.
    public var groupBytes: Int {
        switch self {
        case .spark: return 12_000
        case .postgres, .duckdb: return 10_000_000
        }
    }

    /// The column type of a double.
    public var doubleType: String {
        switch self {
        case .spark: return "DOUBLE"
        case .postgres: return "DOUBLE PRECISION"
        case .duckdb: return "DOUBLE"
        }
    }
}
