import CustomerValue
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
    /// training data, models older than their horizon, a model that does not beat its baseline). With a
    /// `retentionUplift` bundle, each score also gets its retention uplift, from the same feature table.
    public static func score(history: CustomerHistory, asOf: Int32, churn: ModelBundle?, loyalCandidate: ModelBundle?,
                             retentionUplift: UpliftBundle? = nil,
                             threads: Int = 1) throws -> (scores: [CustomerScore], warnings: [ScoringWarning]) {
        let topShare = loyalCandidate?.loyalTopShare ?? churn?.loyalTopShare ?? TrainingSettings().loyalTopShare
        let rule = LoyaltyRule(topShare: topShare)
        let table = history.featureTable(at: asOf, loyaltyRule: rule)
        let recency = table.values(of: RFMFeatures.daysSinceLastPurchase)
        let tenure = table.values(of: RFMFeatures.daysSinceFirstPurchase)
        let spend365 = table.values(of: RFMFeatures.spend365)
        let customers = (0..<table.rowCount).filter { !recency[$0].isNaN }
        let spend = rule.trailingSpend(log: history.orders, timeline: history.orderTimeline, day: asOf)
        let loyalThreshold = rule.threshold(spend: spend.spend, active: spend.active)
        let ranks = Segments.rfmRank(table, loyalTopShare: topShare)
        let cells = Segments.ltvNPSCell(table)
        let ltv = table.values(of: ValueFeatures.lifetimeValue)
        var warnings: [ScoringWarning] = []
        let medianOrderValue = DataFingerprint.medianOrderValue(history.orders, through: asOf)
        for bundle in [churn, loyalCandidate].compactMap({ $0 }) {
            warnings += ScoringWarning.bundleWarnings(bundle, medianOrderValue: medianOrderValue, asOf: asOf)
        }
        let churnScores = try churn.map { try targetScores($0, table: table, history: history, asOf: asOf, threads: threads) }
        let loyalScores = try loyalCandidate.map { try targetScores($0, table: table, history: history, asOf: asOf, threads: threads) }
        warnings += (churnScores?.warnings ?? []) + (loyalScores?.warnings ?? [])
        let values = customers.map { ltv[$0].isNaN ? 0 : ltv[$0] }
        let valueDeciles = deciles(values)
        let churnProbabilities = customers.map { churnScores?.probability[$0] ?? .nan }
        let loyalProbabilities = customers.map { loyalScores?.probability[$0] ?? .nan }
        let uplift = try retentionUplift?.uplift(table, include: recency.map { !$0.isNaN }, threads: threads)
        let lifetime = lifetimeValue(history: history, asOf: asOf, horizonDays: churn?.horizonDays ?? loyalCandidate?.horizonDays ?? 90,
                                     rows: table.rowCount)
        let churnDeciles = deciles(churnProbabilities)
        let loyalDeciles = deciles(loyalProbabilities)
        func rankedBy(_ bundle: ModelBundle?) -> ListRanking { bundle?.beatsBaseline == false ? .baseline : .model }
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
            score.daysSinceFirstPurchase = tenure[customer]
            score.churnRankedBy = rankedBy(churn)
            score.loyalCandidateRankedBy = rankedBy(loyalCandidate)
            if let uplift { score.retentionUplift = uplift[customer] }
            score.probabilityAlive = lifetime.alive[customer]
            score.expectedValue = lifetime.expected[customer]
            score.valueIfRetained = lifetime.ifRetained[customer]
            return score
        }
        return (scores, warnings)
    }

    /// Most customers the scoring-time BG/NBD and Gamma-Gamma parameters are fitted on: the same sample
    /// as the purchase-process features', so the scores' `p_alive` is the value the churn model saw.
    public static let lifetimeValueFitCustomers = PurchaseProcessFeatures.fitCustomers

    /// P(alive), expected value in the next `horizonDays` and expected value had the customer stayed, by
    /// customer index (`NaN` without a purchase, or when the fit fails): BG/NBD and Gamma-Gamma as
    /// `loyalty clv` fits them, on net purchase days up to `asOf`.
    static func lifetimeValue(history: CustomerHistory, asOf: Int32, horizonDays: Int,
                              rows: Int) -> (alive: [Double], expected: [Double], ifRetained: [Double]) {
        var alive = [Double](repeating: .nan, count: rows), expected = alive, ifRetained = alive
        var settings = LifetimeValueAnalysis.Settings()
        settings.horizonDays = horizonDays
        settings.maximumFitCustomers = lifetimeValueFitCustomers
        let summary = PurchaseSummary(log: history.orders, grouped: history.orderTimeline, asOfDay: asOf, timeUnit: settings.timeUnit)
        guard summary.count > 0 else { return (alive, expected, ifRetained) }
        let analysis = LifetimeValueAnalysis(summary: summary, settings: settings)
        guard analysis.purchaseFit.logLikelihood.isFinite else { return (alive, expected, ifRetained) }
        for (position, customer) in summary.customer.enumerated() where Int(customer) < rows {
            let probability = analysis.probabilityAlive[position], value = analysis.expectedValue[position]
            guard probability.isFinite, value.isFinite else { continue }
            alive[Int(customer)] = probability
            expected[Int(customer)] = value
            ifRetained[Int(customer)] = probability > 0 ? value / probability : 0
        }
        return (alive, expected, ifRetained)
    }

    /// Probabilities (NaN outside the bundle's population) and reason factors, by customer index.
    struct TargetScores {
        var probability: [Double]
        var reasons: [[ReasonFactor]]
        var warnings: [ScoringWarning]
    }

    static func targetScores(_ bundle: ModelBundle, table: FeatureTable, history: CustomerHistory, asOf: Int32,
                             threads: Int) throws -> TargetScores {
        try bundle.checkInputs(table)
        let population = bundle.target.population(history: history, cutoff: asOf, rule: LoyaltyRule(topShare: bundle.loyalTopShare))
        let rows = population.indices.filter { population[$0] }
        let dataset = Dataset(table: table, rows: rows)
        let model = bundle.model
        let features = try dataset.features(named: model.featureNames)
        let probabilities = try bundle.probabilities(dataset, threads: threads)
        let contributions = model.fitted.contributions(features, threads: threads)
        var result = TargetScores(probability: [Double](repeating: .nan, count: table.rowCount),
                                  reasons: [[ReasonFactor]](repeating: [], count: table.rowCount), warnings: [])
        // Towards the outcome: for churn, the feature's churn-risk direction; for loyal, the opposite.
        let selector = ReasonSelector(descriptors: model.featureNames.map(FeatureDescriptor.init(name:)),
                                      typical: model.featureNames.map { bundle.typicalValues[$0] ?? .nan },
                                      sign: bundle.target == .churn ? 1 : -1)
        for (position, customer) in rows.enumerated() {
            result.probability[customer] = probabilities[position]
            result.reasons[customer] = selector.reasons(contributions: contributions, row: position, features: features)
        }
        result.warnings = driftWarnings(bundle, features: features, contributions: contributions)
        return result
    }

    /// Drift of the features that move this bundle's scores most (the five largest mean absolute
    /// contributions, tenure left out): a warning for each with a PSI above
    /// `FeatureDistribution.driftThreshold`.
    static func driftWarnings(_ bundle: ModelBundle, features: Matrix<Double>, contributions: Matrix<Double>) -> [ScoringWarning] {
        guard let distributions = bundle.featureDistributions, features.rows > 0 else { return [] }
        let names = bundle.model.featureNames
        let impact = meanAbsoluteContributions(contributions)
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


    /// The mean absolute contribution of each column (log-odds) over the rows: a feature's global impact.
    static func meanAbsoluteContributions(_ contributions: Matrix<Double>) -> [Double] {
        var impact = [Double](repeating: 0, count: contributions.columns)
        for row in 0..<contributions.rows {
            for column in 0..<contributions.columns { impact[column] += abs(contributions[row, column]) }
        }
        return impact.map { contributions.rows > 0 ? $0 / Double(contributions.rows) : 0 }
    }

    /// What moves `bundle`'s scores as of `asOf` and whether its inputs drifted: each model feature's mean
    /// absolute contribution over the scored population (TreeSHAP or the linear terms, in log-odds) and
    /// its PSI against the training distribution, by descending impact (ties by name). `table` is the
    /// feature table at `asOf` with the bundle's loyalty rule when the caller has it (built otherwise).
    public static func diagnostics(_ bundle: ModelBundle, history: CustomerHistory, asOf: Int32, table: FeatureTable? = nil,
                                   threads: Int = 1) throws -> ModelDiagnostics {
        let table = table ?? history.featureTable(at: asOf, loyaltyRule: LoyaltyRule(topShare: bundle.loyalTopShare))
        try bundle.checkInputs(table)
        let population = bundle.target.population(history: history, cutoff: asOf, rule: LoyaltyRule(topShare: bundle.loyalTopShare))
        let dataset = Dataset(table: table, rows: population.indices.filter { population[$0] })
        let names = bundle.model.featureNames
        let features = try dataset.features(named: names)
        let impact = meanAbsoluteContributions(bundle.model.fitted.contributions(features, threads: threads))
        let rows = names.indices.map { column in
            ModelDiagnostics.Feature(name: names[column], meanAbsoluteContribution: impact[column],
                                     stabilityIndex: bundle.featureDistributions?[names[column]].map { distribution in
                                         distribution.stabilityIndex(of: (0..<features.rows).map { features[$0, column] })
                                     })
        }.sorted { $0.meanAbsoluteContribution > $1.meanAbsoluteContribution
            || ($0.meanAbsoluteContribution == $1.meanAbsoluteContribution && $0.name < $1.name) }
        return ModelDiagnostics(target: bundle.target, rows: features.rows, features: rows)
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

/// Picks the reasons of each row of one model's contributions: families of features ranked by their summed
/// push towards the outcome (above `BatchScorer.minimumReasonContribution`), each named by its strongest
/// member whose value lies on the outcome's side of typical (so no reason argues against the call), at
/// most `BatchScorer.reasonCount`; one `ReasonFactor.nothingStandsOut` when no family qualifies.
///
/// Descriptors (families, directions, what a missing value means) are resolved once per model, so a row
/// costs two passes over its contributions and no hashing.
struct ReasonSelector {
    let descriptors: [FeatureDescriptor]
    let typical: [Double]
    /// Per column: the feature's direction towards the outcome (+1 higher, −1 lower, 0 unknown).
    let direction: [Int]
    /// Per column: its family's position in `families`, which are sorted by code (the tie order).
    let familyOf: [Int]
    let familyCount: Int

    /// A selector for the model's features (`descriptors`, their typical values) and target (`sign` +1 for
    /// churn, −1 for the loyal candidate, whose directions are the opposite of churn's).
    init(descriptors: [FeatureDescriptor], typical: [Double], sign: Int) {
        self.descriptors = descriptors
        self.typical = typical
        direction = descriptors.map { sign * $0.churnRiskDirection }
        let families = Array(Set(descriptors.map(\.family))).sorted()
        let position = Dictionary(uniqueKeysWithValues: families.enumerated().map { ($1, $0) })
        familyOf = descriptors.map { position[$0.family]! }
        familyCount = families.count
    }

    /// The reasons of `row`.
    func reasons(contributions: Matrix<Double>, row: Int, features: Matrix<Double>) -> [ReasonFactor] {
        var push = [Double](repeating: 0, count: familyCount)
        var representative = [Int](repeating: -1, count: familyCount)
        for column in 0..<descriptors.count {
            let contribution = contributions[row, column]
            let family = familyOf[column]
            push[family] += contribution
            guard contribution > 0, !descriptors[column].isEstimate,
                  descriptors[column].argues(value: features[row, column], typical: typical[column],
                                             direction: direction[column])
            else { continue }
            let current = representative[family]
            if current >= 0 && contributions[row, current] >= contribution { continue }
            representative[family] = column
        }
        let ranked = (0..<familyCount)
            .filter { representative[$0] >= 0 && push[$0] > BatchScorer.minimumReasonContribution }
            .sorted { push[$0] > push[$1] || (push[$0] == push[$1] && $0 < $1) }
            .prefix(BatchScorer.reasonCount)
        guard !ranked.isEmpty else { return [ReasonFactor.nothingStandsOut] }
        return ranked.map { family in
            let column = representative[family]
            return ReasonFactor(feature: descriptors[column].name, value: features[row, column], typical: typical[column],
                                contribution: contributions[row, column])
        }
    }
}

/// A model's features at scoring: global impact and drift (`BatchScorer.diagnostics`).
public struct ModelDiagnostics: Sendable, Equatable {
    /// One feature.
    public struct Feature: Sendable, Equatable {
        /// The feature's name (a column of `loyalty features`).
        public var name: String
        /// Its mean absolute contribution to the score over the scored customers, in log-odds.
        public var meanAbsoluteContribution: Double
        /// Its population stability index against the training rows; nil when the bundle has no
        /// distribution for it.
        public var stabilityIndex: Double?
    }

    /// The bundle's target.
    public var target: PredictionTarget
    /// Customers scored.
    public var rows: Int
    /// Every model feature, by descending impact.
    public var features: [Feature]
}
