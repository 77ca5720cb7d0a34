import Foundation
import Testing
@testable import Features
@testable import OrderHistory

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let onlineRetail = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/online-retail.csv.gz").path

/// RFM features of the real Online Retail file at 2011-09-01 against pandas
/// (`Fixtures/online-retail-rfm.py` wrote `Fixtures/online-retail-rfm-2011-09-01.csv`): counts and days
/// identical, net sums and means within 1e-9 relative.
@Test(.enabled(if: FileManager.default.fileExists(atPath: onlineRetail)))
func onlineRetailRFMMatchesPandas() throws {
    var registry = CustomerRegistry()
    let (log, _) = try OrderReader.read(path: onlineRetail, registry: &registry)
    var table = FeatureTable(asOfDay: day("2011-09-01"), rowCount: registry.count)
    RFMFeatures.add(to: &table, log: log, grouped: CustomerTimeline(log: log, customerCount: registry.count))

    let reference = try String(contentsOf: packageRoot.appendingPathComponent("Tests/FeaturesTests/Fixtures/online-retail-rfm-2011-09-01.csv"), encoding: .utf8)
    var lines = reference.split(separator: "\n")
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    #expect(Array(header.dropFirst()) == table.names)
    #expect(lines.count == registry.count)
    let exactColumns = Set(table.names.filter { $0.hasPrefix("orders_") && $0 != "orders_trend_90d" || $0.hasPrefix("days_") || $0 == "returns_count" || $0 == "distinct_purchase_days" })
    var mismatches = 0
    for line in lines {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let customer = Int(registry.index(of: fields[0])!)
        for (offset, name) in table.names.enumerated() {
            let ours = table.columns[offset][customer]
            let theirs = Double(fields[offset + 1]) ?? .nan
            let matches: Bool
            if theirs.isNaN || ours.isNaN {
                matches = theirs.isNaN && ours.isNaN
            } else if exactColumns.contains(name) {
                matches = ours == theirs
            } else {
                matches = abs(ours - theirs) <= 1e-9 * max(1, abs(theirs))
            }
            if !matches {
                mismatches += 1
                if mismatches <= 10 { Issue.record("customer \(fields[0]) \(name): \(ours) vs pandas \(theirs)") }
            }
        }
    }
    #expect(mismatches == 0)
}
