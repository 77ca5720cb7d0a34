import LoyaltyModels
import ScoringCore

/// The scoring script: one SQL query over a table of features (the columns `loyalty features
/// --labels-horizon` writes, one row per customer, `NULL` for a missing value) that returns
/// `customer_id` and each bundle's probability, as `loyalty score` computes them from the same features.
///
/// Each target is three common table expressions: its trees (or its linear score) as columns, in
/// groups of at most `treesPerGroup` trees and `SQLDialect.groupBytes` of SQL (each group its own scan,
/// joined on the customer id, so Spark's generated Java stays under its 64 KB a method); the log-odds as
/// a balanced sum of the groups' sums; the probability through the stable sigmoid and the calibration.
public struct ScoringScript: Sendable {
    /// The dialect written.
    public let dialect: SQLDialect
    /// The features table (as written into the SQL: a name, or `schema.name`).
    public let featuresTable: String
    /// The features table's column of customer ids.
    public let customerColumn: String

    /// Trees summed in one intermediate column.
    public static let treesPerGroup = 50

    /// `terms` in order, cut into groups of at most `treesPerGroup` terms and about `maximumBytes` of SQL
    /// each (a term longer than that is a group of its own).
    static func groups(_ terms: [String], maximumBytes: Int) -> [[String]] {
        var groups: [[String]] = [], current: [String] = [], bytes = 0
        for term in terms {
            if !current.isEmpty && (current.count == treesPerGroup || bytes + term.utf8.count > maximumBytes) {
                groups.append(current)
                current = []
                bytes = 0
            }
            current.append(term)
            bytes += term.utf8.count
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// A script writer.
    public init(dialect: SQLDialect, featuresTable: String, customerColumn: String = "customer_id") {
        self.dialect = dialect
        self.featuresTable = featuresTable
        self.customerColumn = customerColumn
    }

    /// The query scoring `bundles` (churn, loyal candidate; in that order), ended by `;` and a line break.
    /// Throws for a model kind that has no SQL form (uplift).
    public func query(_ bundles: [ModelBundle]) throws -> String {
        let writer = ModelSQL(dialect: dialect)
        let id = dialect.identifier(customerColumn)
        var ctes: [String] = []
        var outputs: [String] = []
        for bundle in bundles {
            guard let terms = writer.scoreTerms(bundle.model) else {
                throw WarehouseSQLError.noSQLForm(target: bundle.target.rawValue, algorithm: bundle.model.algorithm)
            }
            let stem = bundle.target.rawValue.replacingOccurrences(of: "-", with: "_")
            // Groups of trees: each group's trees as columns, then their sum as one column of the group.
            let groups = Self.groups(terms, maximumBytes: dialect.groupBytes)
            let groupColumns = groups.indices.map { "\(stem)_g\($0)" }
            for (index, group) in groups.enumerated() {
                let trees = group.enumerated().map { "    \($0.element) AS t\($0.offset)" }.joined(separator: ",\n")
                let sum = writer.balancedSum(group.indices.map { "t\($0)" })
                ctes.append("""
                \(stem)_trees\(index) AS (
                  SELECT \(id) AS customer_id,
                \(trees)
                  FROM \(featuresTable)
                ),
                \(stem)_group\(index) AS (
                  SELECT customer_id, \(sum) AS \(groupColumns[index]) FROM \(stem)_trees\(index)
                )
                """)
            }
            let joins = groupColumns.indices.dropFirst().map { "JOIN \(stem)_group\($0) USING (customer_id)" }.joined(separator: " ")
            ctes.append("""
            \(stem)_score AS (
              SELECT customer_id, \(writer.balancedSum(groupColumns)) AS score FROM \(stem)_group0 \(joins)
            ),
            \(stem)_raw AS \(dialect.materialized)(
              SELECT customer_id, \(writer.sigmoid("score")) AS raw FROM \(stem)_score
            )
            """)
            outputs.append("\(writer.calibrated("\(stem)_raw.raw", calibration: bundle.calibration?.calibration)) AS \(stem)_probability")
        }
        let stems = bundles.map { $0.target.rawValue.replacingOccurrences(of: "-", with: "_") }
        let from = stems.enumerated().map { index, stem in
            index == 0 ? "FROM \(stem)_raw" : "JOIN \(stem)_raw USING (customer_id)"
        }.joined(separator: "\n")
        let header = "-- loyalty export-sql (\(dialect.rawValue)): " + bundles.map { bundle in
            "\(bundle.target.rawValue) as of \(bundle.asOf), \(bundle.chosen)" + (bundle.calibration.map { ", calibration \($0.calibration.method)" } ?? "")
        }.joined(separator: "; ")
        return header + "\nWITH\n" + ctes.joined(separator: ",\n") + "\nSELECT customer_id,\n  "
            + outputs.joined(separator: ",\n  ") + "\n" + from + "\nORDER BY customer_id;\n"
    }
}

/// What can keep a bundle from being written as SQL.
public enum WarehouseSQLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model kind has no SQL form yet.
    case noSQLForm(target: String, algorithm: String)

    /// The message for stderr.
    public var description: String {
        switch self {
        case .noSQLForm(let target, let algorithm):
            return "the \(target) bundle's model (\(algorithm)) has no SQL form; export-sql writes logistic regression and gradient boosting"
        }
    }
}
