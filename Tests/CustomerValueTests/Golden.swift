import Foundation
@testable import CustomerValue

/// The committed reference values (`Fixtures/make_golden.py` wrote them with `lifetimes` 0.11.3 and scipy).
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    nonisolated(unsafe) static let json: [String: Any] = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("golden.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func section(_ name: String) -> [String: Any] { json[name] as! [String: Any] }

    static func numbers(_ section: String, _ key: String) -> [Double] {
        (self.section(section)[key] as! [Any]).map { ($0 as! NSNumber).doubleValue }
    }

    static func parameters(_ section: String, _ key: String = "parameters") -> [String: Double] {
        (self.section(section)[key] as! [String: Any]).mapValues { ($0 as! NSNumber).doubleValue }
    }

    static func number(_ section: String, _ key: String) -> Double {
        (self.section(section)[key] as! NSNumber).doubleValue
    }

    /// The CDNOW calibration summary `lifetimes` ships (2,357 customers, weeks).
    static let cdnow: PurchaseSummary = {
        let text = try! String(contentsOf: folder.appendingPathComponent("cdnow_customers_summary.csv"), encoding: .utf8)
        var frequency: [Double] = [], recency: [Double] = [], age: [Double] = [], value: [Double] = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map { Double($0)! }
            frequency.append(fields[1])
            recency.append(fields[2])
            age.append(fields[3])
            value.append(fields[4])
        }
        return PurchaseSummary(frequency: frequency, recency: recency, age: age, monetaryValue: value, timeUnit: .weeks)
    }()

    /// The summary's rows for the purchase models.
    static var cdnowRows: [SIMD4<Double>] {
        (0..<cdnow.count).map { SIMD4(cdnow.frequency[$0], cdnow.recency[$0], cdnow.age[$0], 0) }
    }

    /// BG/NBD fitted on CDNOW once for every test that needs it.
    static let bgnbd = MaximumLikelihoodFit<BetaGeometricNBD>(rows: cdnowRows)
    /// Pareto/NBD fitted on CDNOW once.
    static let paretoNBD = MaximumLikelihoodFit<ParetoNBD>(rows: cdnowRows)
    /// Gamma-Gamma fitted on CDNOW once.
    static let gammaGamma = MaximumLikelihoodFit<GammaGamma>(rows: GammaGamma.rows(of: cdnow))
}

/// |a − b| ≤ tolerance × max(1, |b|).
func close(_ a: Double, _ b: Double, relative tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}
