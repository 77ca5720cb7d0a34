import Campaigns
import Features
import Foundation
import LoyaltyModels
import OrderHistory
@testable import Reporting
import SyntheticData

/// A generated history of 600 customers, written once per test process.
let generatedFolder: String = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loyalty-reporting-\(getpid())").path
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    _ = try! SyntheticHistory.write(.init(customers: 600, seed: 7, includeEngagement: false), to: folder)
    return folder
}()

/// The generated history read back.
func generatedHistory() throws -> CustomerHistory {
    var registry = CustomerRegistry()
    let customerFile = try CustomerReader.read(path: generatedFolder + "/customers.csv", registry: &registry)
    let (log, summary) = try OrderReader.read(path: generatedFolder + "/orders.csv", registry: &registry)
    return CustomerHistory(registry: registry, orders: log, lastOrderDay: summary.lastDay, customers: customerFile.table)
}

/// A back-test: a churn bundle trained as of 2024-09-30 on the generated history, its evaluation there
/// (as `loyalty evaluate`), and the report's inputs built from both. Computed once.
let backTest: (bundle: ModelBundle, result: Evaluation.Result, inputs: ReportInputs) = {
    let history = try! generatedHistory()
    let asOf = CalendarDay.parseISO("2024-09-30")!
    let settings = TrainingSettings(maxCutoffs: 6, gbdt: .init(trees: 20, tree: .init(maxLeaves: 8, split: .init(minDataInLeaf: 20))),
                                    searchCandidates: 2)
    let bundle = try! Trainer.train(history: history, asOf: asOf, targets: [.churn], settings: settings)[0]
    let result = try! Evaluation.evaluate(bundle, history: history, asOf: asOf)
    let table = history.featureTable(at: asOf, loyaltyRule: LoyaltyRule(topShare: bundle.loyalTopShare))
    let kpis = KPIs(log: history.orders, timeline: CustomerTimeline(log: history.orders, customerCount: history.registry.count),
                    surveys: nil, asOfDay: asOf, ltv: table.values(of: ValueFeatures.lifetimeValue),
                    segments: Segments.rfmRank(table, loyalTopShare: bundle.loyalTopShare))
    let model = ModelReport(bundle: bundle, curves: result.curves, source: .evaluated(result),
                            diagnostics: try! BatchScorer.diagnostics(bundle, history: history, asOf: asOf))
    let inputs = ReportInputs(asOf: "2024-09-30", orders: history.orders.count, customers: history.registry.count,
                              firstOrderDay: "2022-01-01", lastOrderDay: "2024-12-31", kpis: kpis, previousKPIs: nil,
                              base: CustomerBase(table: table, loyalTopShare: bundle.loyalTopShare, language: .en),
                              models: [model], callList: nil, outcomes: nil)
    return (bundle, result, inputs)
}()

/// The cells of the table inside `<figure ... id="ID">`, row by row (header first), unescaped.
func figureTable(_ page: String, id: String) -> [[String]] {
    guard let start = page.range(of: "id=\"\(id)\"") else { return [] }
    let rest = page[start.upperBound...]
    guard let end = rest.range(of: "</figure>") else { return [] }
    let figure = String(rest[..<end.lowerBound])
    let cell = try! NSRegularExpression(pattern: "<t[hd][^>]*>(.*?)</t[hd]>")
    return figure.components(separatedBy: "<tr>").dropFirst().map { row in
        cell.matches(in: row, range: NSRange(row.startIndex..., in: row)).map { match in
            String(row[Range(match.range(at: 1), in: row)!])
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        }
    }
}
