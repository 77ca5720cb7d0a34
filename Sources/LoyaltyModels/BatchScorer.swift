import Features
import LinearAlgebra
import OrderHistory
import ScoringCore

/// `loyalty score`: every customer with a purchase on or before the cutoff, scored by the churn and
/// loyal-candidate bundles, with net value, deciles, RFM rank, LTV × NPS cell and the top reasons.
public enum BatchScorer {
    /// How many reasons each score carries.
    public static let reasonCount = 3

    /// The smallest push (log-odds) a family of features must give towards a list's outcome to be named
    /// as a reason; below it, nothing stands out.
    public static let minimumReasonContribution = 0.05

    /// Scores `history` as of `asOf` with the bundles given (either may be nil: its columns stay empty);
    /// `threads` share the TreeSHAP work. Warnings say where the scoring is unsound (data unlike the
    /// training data, models older than their horizon, a model that does not beat its baseline).
    public static func score(history: CustomerHistory, asOf: Int32, churn: ModelBundle?, loyalCandidate: ModelBundle?,
                             threads: Int = 1) throws -> (scores: [CustomerScore], warnings: [ScoringWarning]) {
        let topShare = loyalCandidate?.loyalTopShare ?? churn?.loyalTopShare ?? TrainingSettings().loyalTopShare
        let rule = LoyaltyRule(topShare: topShare)
        let table = history.featureTable(at: asOf, loyaltyRule: rule)
        let recency = table.values(of: RFMFeatures.daysSinceLastPurchase)
        let spend365 = table.values(of: RFMFeatures.spend365)
        let customers = (0..<table.rowCount).filter { !recency[$0].isNaN }
        let spend = rule.trailingSpend(log: history.orders, timeline: history.orderTimeline, day: asOf)
        let loyalThreshold = rule.threshold(spend: spend.spend, active: spend.active)
        let ranks = Segments.rfmRank(table, loyalTopShare: topShare)
        let cells = Segments.ltvNPSCell(table)
        let ltv = table.values(of: ValueFeatures.lifetimeValue)
        var warnings: [ScoringWarning] = []
        for bundle in [churn, loyalCandidate].compactMap({ $0 }) {
            warnings += ScoringWarning.bundleWarnings(bundle, history: history, asOf: asOf)
        }
        let churnScores = try churn.map { try targetScores($0, table: table, history: history, asOf: asOf, threads: threads) }
        let loyalScores = try loyalCandidate.map { try targetScores($0, table: table, history: history, asOf: asOf, threads: threads) }
        warnings += (churnScores?.warnings ?? []) + (loyalScores?.warnings ?? [])
        let values = customers.map { ltv[$0].isNaN ? 0 : ltv[$0] }
        let valueDeciles = deciles(values)
        let churnProbabilities = customers.map { churnScores?.probability[$0] ?? .nan }
        let loyalProbabilities = customers.map { loyalScores?.probability[$0] ?? .nan }
        let churnDeciles = deciles(churnProbabilities)
        let loyalDeciles = deciles(loyalProbabilities)
        func rankedBy(_ bundle: ModelBundle?) -> String { bundle?.beatsBaseline == false ? "baseline" : "model" }
        let scores = customers.enumerated().map { position, customer in
            var score = CustomerScore(customerID: history.registry.ids[customer], asOfDay: asOf,
                          churnProbability: churnProbabilities[position], churnDecile: churnDeciles[position],
                          loyalCandidateProbability: loyalProbabilities[position], loyalCandidateDecile: loyalDeciles[position],
                          value: values[position], valueDecile: valueDeciles[position] ?? 10, rfmRank: ranks[customer],
                          ltvNPSCell: cells[customer], daysSinceLastPurchase: recency[customer],
                          isLoyal: spend.active[customer] && spend.spend[customer] >= loyalThreshold,
                          churnReasons: churnScores?.reasons[customer] ?? [],
                          loyalCandidateReasons: loyalScores?.reasons[customer] ?? [])
            score.spend365 = spend365[customer]
            score.churnRankedBy = rankedBy(churn)
            score.loyalCandidateRankedBy = rankedBy(loyalCandidate)
            return score
        }
        return (scores, warnings)
    }

    /// Probabilities (NaN outside the bundle's population) and reason factors, by customer index.
    struct TargetScores {
        var probability: [Double]
        var reasons: [[ReasonFactor]]
        var warnings: [ScoringWarning]
    }

    static func targetScores(_ bundle: ModelBundle, table: FeatureTable, history: CustomerHistory, asOf: Int32,
                             threads: Int) throws -> TargetScores {
        let population = bundle.target.population(history: history, cutoff: asOf, rule: LoyaltyRule(topShare: bundle.loyalTopShare))
        let rows = population.indices.filter { population[$0] }
        let dataset = Dataset(table: table, rows: rows)
        let model = bundle.model
        let features = try dataset.features(named: model.featureNames)
        let probabilities = try model.probabilities(dataset, threads: threads)
        let contributions = try contributionsByFeature(model, features: features, threads: threads)
        var result = TargetScores(probability: [Double](repeating: .nan, count: table.rowCount),
                                  reasons: [[ReasonFactor]](repeating: [], count: table.rowCount), warnings: [])
        let descriptors = model.featureNames.map(FeatureDescriptor.init(name:))
        // Towards the outcome: for churn, the feature's churn-risk direction; for loyal, the opposite.
        let sign = bundle.target == .churn ? 1 : -1
        let typical = model.featureNames.map { bundle.typicalValues[$0] ?? .nan }
        for (position, customer) in rows.enumerated() {
            result.probability[customer] = probabilities[position]
            result.reasons[customer] = reasons(contributions: contributions, row: position, features: features,
                                               descriptors: descriptors, typical: typical, sign: sign)
        }
        result.warnings = driftWarnings(bundle, features: features, contributions: contributions)
        return result
    }

    /// The reasons of one row: families of features ranked by their summed push towards the outcome
    /// (above `minimumReasonContribution`), each named by its strongest member whose value lies on the
    /// outcome's side of typical (so no reason argues against the call), at most `reasonCount`; one
    /// `ReasonFactor.nothingStandsOut` when no family qualifies.
    static func reasons(contributions: Matrix<Double>, row: Int, features: Matrix<Double>, descriptors: [FeatureDescriptor],
                        typical: [Double], sign: Int) -> [ReasonFactor] {
        var familyPush: [FeatureFamily: Double] = [:]
        var representative: [FeatureFamily: Int] = [:]
        for column in 0..<descriptors.count {
            let contribution = contributions[row, column]
            let family = descriptors[column].family
            familyPush[family, default: 0] += contribution
            guard contribution > 0,
                  FeatureDescriptor.argues(value: features[row, column], typical: typical[column],
                                           direction: sign * descriptors[column].churnRiskDirection, kind: descriptors[column].kind)
            else { continue }
            if let current = representative[family], contributions[row, current] >= contribution { continue }
            representative[family] = column
        }
        let ranked = representative.keys
            .filter { familyPush[$0, default: 0] > minimumReasonContribution }
            .sorted { familyPush[$0]! > familyPush[$1]! || (familyPush[$0]! == familyPush[$1]! && $0 < $1) }
            .prefix(reasonCount)
        guard !ranked.isEmpty else { return [ReasonFactor.nothingStandsOut] }
        return ranked.map { family in
            let column = representative[family]!
            return ReasonFactor(feature: descriptors[column].name, value: features[row, column], typical: typical[column],
                                contribution: contributions[row, column])
        }
    }

    /// Drift of the features that move this bundle's scores most (the five largest mean absolute
    /// contributions, tenure left out): a warning for each with a PSI above
    /// `FeatureDistribution.driftThreshold`.
    static func driftWarnings(_ bundle: ModelBundle, features: Matrix<Double>, contributions: Matrix<Double>) -> [ScoringWarning] {
        guard let distributions = bundle.featureDistributions, features.rows > 0 else { return [] }
        let names = bundle.model.featureNames
        var impact = [Double](repeating: 0, count: names.count)
        for row in 0..<contributions.rows {
            for column in 0..<names.count { impact[column] += abs(contributions[row, column]) }
        }
        // Tenure (days since the first purchase, since sign-up) grows with the calendar by construction, so
        // against training rows from earlier cutoffs it always "drifts"; it is left out of the check.
        let checked = names.indices.filter { FeatureDescriptor(name: names[$0]).family != .tenure }
        let top = checked.sorted { impact[$0] > impact[$1] || (impact[$0] == impact[$1] && $0 < $1) }.prefix(5)
        return top.compactMap { column in
            guard let distribution = distributions[names[column]] else { return nil }
            let psi = distribution.stabilityIndex(of: (0..<features.rows).map { features[$0, column] })
            guard psi > FeatureDistribution.driftThreshold else { return nil }
            return ScoringWarning(kind: .featureDrift, target: bundle.target.rawValue,
                                  message: "\(bundle.target.rawValue): feature \(names[column]) has drifted from training (PSI \(rounded(psi, 3)), above \(FeatureDistribution.driftThreshold))")
        }
    }

    /// Contributions (log-odds) of each input feature to each row's score: TreeSHAP for trees; for a linear
    /// model, coefficient × distance from the training mean, a missing indicator's share added to its column.
    static func contributionsByFeature(_ model: ModelFile, features: Matrix<Double>, threads: Int) throws -> Matrix<Double> {
        if let gbdt = model.gbdt { return gbdt.contributions(features, threads: threads) }
        guard let logistic = model.logistic, let transform = model.transform else {
            throw LoyaltyModelsError.cannotExplain(model: model.algorithm)
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
