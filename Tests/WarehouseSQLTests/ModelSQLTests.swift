@testable import ScoringCore
import Testing
@testable import WarehouseSQL

/// A tree of two splits: x ≤ 0.5 (missing left) → leaf 0; else y ≤ 10 (missing right) → leaf 1, else leaf 2.
private func twoSplitTree() -> Tree {
    var tree = Tree()
    tree.feature = [0, 1]
    tree.threshold = [0.5, 10]
    tree.missingGoesLeft = [true, false]
    tree.left = [~0, ~1]
    tree.right = [1, ~2]
    tree.leafValue = [-0.25, 0.125, 1e-5]
    return tree
}

@Test func aTreeIsNestedCasesOnTheTrainingComparison() {
    let duckdb = ModelSQL(dialect: .duckdb).tree(tree: twoSplitTree(), names: ["x", "y"])
    #expect(duckdb == "CASE WHEN \"x\" <= (0.5)::DOUBLE OR \"x\" IS NULL THEN (-0.25)::DOUBLE ELSE "
        + "CASE WHEN \"y\" <= (10.0)::DOUBLE THEN (0.125)::DOUBLE ELSE (1e-05)::DOUBLE END END")
    let spark = ModelSQL(dialect: .spark).tree(tree: twoSplitTree(), names: ["x", "event:email_open:90d"])
    #expect(spark == "CASE WHEN `x` <= 0.5D OR `x` IS NULL THEN -0.25D ELSE "
        + "CASE WHEN `event:email_open:90d` <= 10.0D THEN 0.125D ELSE 1e-05D END END")
    let postgres = ModelSQL(dialect: .postgres).tree(tree: twoSplitTree(), names: ["x", "y"])
    #expect(postgres.hasPrefix("CASE WHEN \"x\" <= (0.5)::float8 OR \"x\" IS NULL THEN (-0.25)::float8 ELSE"))
    // A tree of one leaf is its value.
    var stump = Tree()
    stump.leafValue = [0.75]
    #expect(ModelSQL(dialect: .duckdb).tree(tree: stump, names: []) == "(0.75)::DOUBLE")
}

@Test func literalsAreShortestRoundTripDoublesAndIdentifiersAreQuoted() {
    #expect(SQLDialect.duckdb.double(0.1) == "(0.1)::DOUBLE")
    #expect(SQLDialect.postgres.double(-3) == "(-3.0)::float8")
    #expect(SQLDialect.spark.double(0) == "0.0D")
    #expect(SQLDialect.spark.double(1.0 / 3) == "0.3333333333333333D")
    #expect(Double("0.3333333333333333") == 1.0 / 3, "the text reads back to the same double")
    #expect(SQLDialect.postgres.identifier("a\"b") == "\"a\"\"b\"")
    #expect(SQLDialect.spark.identifier("a`b") == "`a``b`")
}

@Test func aLogisticRegressionIsImputedLoggedStandardizedAndWeighted() {
    let transform = FeatureTransform(settings: .init(), columns: [
        FeatureTransform.Column(name: "x", median: 2, log1p: true, missingIndicator: true),
        FeatureTransform.Column(name: "y", median: 0.5, log1p: false, missingIndicator: false),
    ], means: [1, 0.5, 0.25], scales: [2, 1, 0.5])
    let model = FittedLogisticRegression(coefficients: [0.5, -1, 2], intercept: 0.25, featureMeans: [0, 0, 0], iterations: 1, converged: true)
    let sql = ModelSQL(dialect: .duckdb).linear(transform: transform, model: model, names: ["x", "y"])
    #expect(sql == "((0.25)::DOUBLE\n"
        + "      + (0.5)::DOUBLE * ((LN((1.0)::DOUBLE + GREATEST(COALESCE(\"x\", (2.0)::DOUBLE), (0.0)::DOUBLE)) - (1.0)::DOUBLE) / (2.0)::DOUBLE)\n"
        + "      + (-1.0)::DOUBLE * ((COALESCE(\"y\", (0.5)::DOUBLE) - (0.5)::DOUBLE) / (1.0)::DOUBLE)\n"
        + "      + (2.0)::DOUBLE * (((CASE WHEN \"x\" IS NULL THEN (1.0)::DOUBLE ELSE (0.0)::DOUBLE END) - (0.25)::DOUBLE) / (0.5)::DOUBLE))")
}

@Test func sumsAreBalancedSoNoEngineMeetsADeepChain() {
    let writer = ModelSQL(dialect: .duckdb)
    #expect(writer.balancedSum(["a", "b", "c", "d"]) == "((a + b) + (c + d))")
    #expect(writer.balancedSum(["a", "b", "c"]) == "(a + (b + c))")
    #expect(writer.balancedSum(["a"]) == "a")
    let deep = writer.balancedSum((0..<200).map { "t\($0)" })
    var depth = 0, maximum = 0
    for character in deep {
        if character == "(" { depth += 1; maximum = max(maximum, depth) } else if character == ")" { depth -= 1 }
    }
    #expect(maximum == 8, "⌈log₂ 200⌉")
}

@Test func theSigmoidIsClampedAndStableAndCalibrationFollowsTheBundle() {
    let writer = ModelSQL(dialect: .duckdb)
    #expect(writer.sigmoid("s") == "(CASE WHEN LEAST(GREATEST(s, (-700.0)::DOUBLE), (700.0)::DOUBLE) >= (0.0)::DOUBLE THEN "
        + "(1.0)::DOUBLE / ((1.0)::DOUBLE + EXP(-LEAST(GREATEST(s, (-700.0)::DOUBLE), (700.0)::DOUBLE))) ELSE "
        + "EXP(LEAST(GREATEST(s, (-700.0)::DOUBLE), (700.0)::DOUBLE)) / ((1.0)::DOUBLE + EXP(LEAST(GREATEST(s, (-700.0)::DOUBLE), (700.0)::DOUBLE))) END)")
    #expect(writer.calibrated("p", calibration: .identity) == "p")
    #expect(writer.calibrated("p", calibration: nil) == "p")
    let platt = writer.calibrated("p", calibration: .platt(slope: 2, intercept: -0.5))
    #expect(platt.contains("(2.0)::DOUBLE * LN(LEAST(GREATEST(p, (1e-15)::DOUBLE), (0.999999999999999)::DOUBLE)"))
    let isotonic = writer.calibrated("p", calibration: .isotonic(inputs: [0.1, 0.2, 0.2, 0.5], outputs: [0.05, 0.1, 0.3, 0.6]))
    #expect(isotonic.hasPrefix("LEAST(GREATEST(CASE WHEN p IS NULL THEN NULL WHEN p <= (0.1)::DOUBLE THEN (0.05)::DOUBLE WHEN p >= (0.5)::DOUBLE THEN (0.6)::DOUBLE"))
    #expect(isotonic.components(separatedBy: "WHEN p < ").count - 1 == 2, "the zero-width knot 0.2-0.2 has no segment")
    #expect(isotonic.hasSuffix(" END, (1e-06)::DOUBLE), (0.999999)::DOUBLE)"))
}

@Test func treesAreGroupedByCountAndBySize() {
    let terms = (0..<120).map { "t\($0)" }
    #expect(ScoringScript.groups(terms, maximumBytes: 10_000_000).map(\.count) == [50, 50, 20])
    let big = [String](repeating: String(repeating: "x", count: 5_000), count: 5)
    #expect(ScoringScript.groups(big, maximumBytes: 12_000).map(\.count) == [2, 2, 1])
    #expect(ScoringScript.groups([String(repeating: "y", count: 20_000)], maximumBytes: 12_000).map(\.count) == [1], "a long tree is a group of its own")
    #expect(SQLDialect.spark.groupBytes < SQLDialect.duckdb.groupBytes)
}
