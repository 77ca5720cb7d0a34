import Features
import Foundation
import LoyaltyModels
import OrderHistory
import ScoringCore
import SyntheticData

/// The folder of the generated files: written once per test process (tests run in parallel, and a global
/// is initialised exactly once).
let generatedFolder: String = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loyalty-models-\(getpid())").path
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    _ = try! SyntheticHistory.write(.init(customers: 600, seed: 7, includeEngagement: false), to: folder)
    return folder
}()

/// A generated three-year history of 600 customers (orders and customer file), read back as a
/// `CustomerHistory`; `through` keeps only orders on or before that day (to check nothing later is read).
func generatedHistory(through: Int32? = nil) throws -> CustomerHistory {
    let folder = generatedFolder
    let orders = (folder as NSString).appendingPathComponent("orders.csv")
    var path = orders
    if let through {
        // The same file cut at `through`: dates are the third column (yyyy-MM-dd).
        let text = try String(contentsOfFile: orders, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst()
        let kept = lines.filter { line in
            let date = line.split(separator: ",", omittingEmptySubsequences: false)[2]
            return CalendarDay.parseISO(String(date))! <= through
        }
        path = (folder as NSString).appendingPathComponent("orders-through-\(through).csv")
        try ([String(header)] + kept.map(String.init)).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
    var registry = CustomerRegistry()
    let customerFile = try CustomerReader.read(path: (folder as NSString).appendingPathComponent("customers.csv"), registry: &registry)
    let (log, summary) = try OrderReader.read(path: path, registry: &registry)
    return CustomerHistory(registry: registry, orders: log, lastOrderDay: summary.lastDay, customers: customerFile.table)
}

/// Small, fast training settings for tests.
func quickSettings() -> TrainingSettings {
    TrainingSettings(maxCutoffs: 6, gbdt: .init(trees: 20, tree: .init(maxLeaves: 8, split: .init(minDataInLeaf: 20))), searchCandidates: 2)
}

/// 2024-12-31, the last day of the generated histories.
let lastGeneratedDay = CalendarDay.dayNumber(year: 2024, month: 12, day: 31)
