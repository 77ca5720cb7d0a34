import Foundation
import LinearAlgebra
@testable import ScoringCore

/// The committed fixtures of `Fixtures/` (made by `make_logistic_golden.py` with scikit-learn).
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A plain numeric CSV (no quotes) as a header and rows; empty cells are NaN.
    static func table(_ name: String) -> (header: [String], rows: [[Double]]) {
        let text = try! String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let rows = lines.map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) ?? .nan }
        }
        return (header, rows)
    }

    /// The logistic fixture: five features, labels and weights.
    static let logistic: (features: Matrix<Double>, labels: [Double], weights: [Double]) = {
        let (_, rows) = table("logistic-fixture.csv")
        return (Matrix(rows.map { Array($0[0..<5]) }), rows.map { $0[5] }, rows.map { $0[6] })
    }()

    /// The golden values.
    nonisolated(unsafe) static let golden: [String: Any] = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("logistic-golden.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func goldenFit(_ key: String) -> (coefficients: [Double], intercept: Double, probabilities: [Double]) {
        let entry = golden[key] as! [String: Any]
        return (entry["coefficients"] as! [Double], entry["intercept"] as! Double, entry["probabilities"] as! [Double])
    }
}
