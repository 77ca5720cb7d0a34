import Features
import LinearAlgebra
import OrderHistory
import ScoringCore

/// `loyalty score`: every customer with a purchase on or before the cutoff, scored by the churn and
/// loyal-candidate bundles, with value, deciles, RFM rank, LTV × NPS cell and the top reasons.
public enum BatchScorer {
    /// How many reasons each score carries.
    public static let reasonCount = 3

    /// Scores `history` as of `asOf` with the bundles given (either may be nil: its columns stay empty).
    /// `describe` turns a reason factor into plain words; `threads` share the TreeSHAP work.
    public static func score(history: CustomerHistory, asOf: Int32, churn: ModelBundle?, loyalCandidate: ModelBundle?,
                             threads: Int = 1, describe: (ReasonFactor) -> String) throws -> [CustomerScore] {
        let topShare = loyalCandidate?.loyalTopShare ?? churn?.loyalTopShare ?? TrainingSettings().loyalTopShare
        let rule = LoyaltyRule(topShare: topShare)
        let table = history.featureTable(at: asOf, loyaltyRule: rule)
        let recency = table.column("days_since_last_purchase")!
        let customers = (0..<table.rowCount).filter { !recency[$0].isNaN }
        let spend = rule.trailingSpend(log: history.orders, timeline: history.orderTimeline, day: asOf)
        let loyalThreshold = rule.threshold(spend: spend.spend, active: spend.active)
        let ranks = Segments.rfmRank(table, loyalTopShare: topShare)
        let cells = Segments.ltvNPSCell(table)
        let ltv = table.column("ltv_order_value_times_orders")!
        let churnScores = try churn.map { try targetScores($0, table: table, history: history, asOf: asOf, threads: threads) }
        let loyalScores = try loyalCandidate.map { try targetScores($0, table: table, history: history, asOf: asOf, threads: threads) }
        let values = customers.map { ltv[$0].isNaN ? 0 : ltv[$0] }
        let valueDeciles = deciles(values)
        let churnProbabilities = customers.map { churnScores?.probability[$0] ?? .nan }
        let loyalProbabilities = customers.map { loyalScores?.probability[$0] ?? .nan }
        let churnDeciles = deciles(churnProbabilities)
        let loyalDeciles = deciles(loyalProbabilities)
        return customers.enumerated().map { position, customer in
            CustomerScore(customerID: history.registry.ids[customer], asOfDay: asOf,
                          churnProbability: churnProbabilities[position], churnDecile: churnDeciles[position],
                          loyalCandidateProbability: loyalProbabilities[position], loyalCandidateDecile: loyalDeciles[position],
                          value: values[position], valueDecile: valueDeciles[position] ?? 10, rfmRank: ranks[customer],
                          ltvNPSCell: cells[customer], daysSinceLastPurchase: recency[customer],
                          isLoyal: spend.active[customer] && spend.spend[customer] >= loyalThreshold,
                          churnReasons: (churnScores?.reasons[customer] ?? []).map(describe),
                          loyalCandidateReasons: (loyalScores?.reasons[customer] ?? []).map(describe))
        }
    }

    /// Probabilities (NaN outside the bundle's population) and reason factors, by customer index.
    struct TargetScores {
        var probability: [Double]
        var reasons: [[ReasonFactor]]
    }

    static func targetScores(_ bundle: ModelBundle, table: FeatureTable, history: CustomerHistory, asOf: Int32,
                             threads: Int) throws -> TargetScores {
        let population = bundle.target.population(history: history, cutoff: asOf, rule: LoyaltyRule(topShare: bundle.loyalTopShare))
        let rows = population.indices.filter { population[$0] }
        let dataset = Dataset(table: table, rows: rows)
        let model = bundle.model
        let features = try dataset.features(named: model.featureNames)
        let probabilities = try model.probabilities(dataset, threads: threads)
        let contributions = contributionsByFeature(model, features: features, threads: threads)
        var result = TargetScores(probability: [Double](repeating: .nan, count: table.rowCount),
                                  reasons: [[ReasonFactor]](repeating: [], count: table.rowCount))
        let width = model.featureNames.count
        for (position, customer) in rows.enumerated() {
            result.probability[customer] = probabilities[position]
            // The features pushing hardest towards the target, strongest first (ties: feature order).
            var top: [(column: Int, value: Double)] = []
            for column in 0..<width {
                let value = contributions[position, column]
                guard value > 0 else { continue }
                if top.count < reasonCount || value > top[top.count - 1].value {
                    let at = top.firstIndex { value > $0.value } ?? top.count
                    top.insert((column, value), at: at)
                    if top.count > reasonCount { top.removeLast() }
                }
            }
            result.reasons[customer] = top.map { column, contribution in
                let name = model.featureNames[column]
                return ReasonFactor(feature: name, value: features[position, column], typical: bundle.typicalValues[name] ?? .nan,
                                    contribution: contribution)
            }
        }
        return result
    }

    /// Contributions (log-odds) of each input feature to each row's score: TreeSHAP for trees; for a linear
    /// model, coefficient × distance from the training mean, a missing indicator's share added to its column.
    static func contributionsByFeature(_ model: ModelFile, features: Matrix<Double>, threads: Int) -> Matrix<Double> {
        if let gbdt = model.gbdt { return gbdt.contributions(features, threads: threads) }
        guard let logistic = model.logistic, let transform = model.transform else {
            return Matrix(rows: features.rows, columns: features.columns)
        }
        let transformed = transform.apply(features)
        var source: [Int] = Array(0..<transform.columns.count)
        source += transform.columns.indices.filter { transform.columns[$0].missingIndicator }
        var result = Matrix<Double>(rows: features.rows, columns: features.columns)
        for row in 0..<features.rows {
            for output in 0..<transformed.columns {
                let share = logistic.coefficients[output] * (transformed[row, output] - logistic.featureMeans[output])
                result[row, source[output]] += share
            }
        }
        return result
    }

    /// Deciles of `values` (1 = highest 10%), ties broken by position; nil for NaN.
    static func deciles(_ values: [Double]) -> [Int?] {
        let present = values.indices.filter { !values[$0].isNaN }
        let order = present.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var result = [Int?](repeating: nil, count: values.count)
        for (rank, index) in order.enumerated() { result[index] = 1 + rank * 10 / order.count }
        return result
    }
}
