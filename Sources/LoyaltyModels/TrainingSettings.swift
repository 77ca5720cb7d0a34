import Features
import ScoringCore

/// Everything `loyalty train` can be told: the schedule, the loyalty rule, the hyper-parameters of both
/// model families, and limits that keep a weekly run fast.
public struct TrainingSettings: Codable, Sendable, Equatable {
    /// Days after each cutoff that its label looks at (H).
    public var horizonDays: Int
    /// Days between cutoffs.
    public var stepDays: Int
    /// Fewest days of history before the earliest cutoff.
    public var minimumHistoryDays: Int
    /// Most cutoffs (latest first; at least enough to reach one cutoff ≤ T − 2H); nil for as far back as
    /// the history allows.
    public var maxCutoffs: Int?
    /// Most training rows per target: beyond it, rows are sampled (deterministically, by seed).
    public var maxTrainingRows: Int
    /// Top share of active customers by trailing spend that counts as loyal.
    public var loyalTopShare: Double
    /// Logistic regression hyper-parameters.
    public var logistic: LogisticRegression.Configuration
    /// Gradient-boosting hyper-parameters (its seed is `seed`).
    public var gbdt: GradientBoosting.Configuration
    /// Random seed (row sampling, gbdt bagging and feature sampling).
    public var seed: UInt64
    /// Most candidates the model search compares out of time (the first of `searchGrid`, after the two
    /// configured models): the same list for a seed on any machine. Nil in bundles written before the
    /// search (two candidates).
    public var searchCandidates: Int?
    /// Seconds after which the search starts no further candidate (the two configured ones always run);
    /// nil for no limit. A bundle whose search was cut short says so (`ModelBundle.search`).
    public var searchBudgetSeconds: Double?

    /// Defaults: 90-day horizon, cutoffs every 30 days, 500,000 rows per target, top 20% loyal,
    /// L2 = 1 logistic regression, 100 trees of 31 leaves at learning rate 0.1 with 50 rows per leaf.
    public init(horizonDays: Int = 90, stepDays: Int = 30, minimumHistoryDays: Int = 90, maxCutoffs: Int? = nil,
                maxTrainingRows: Int = 500_000, loyalTopShare: Double = 0.2,
                logistic: LogisticRegression.Configuration = .init(),
                gbdt: GradientBoosting.Configuration = .init(trees: 100, tree: .init(maxLeaves: 31, split: .init(minDataInLeaf: 50))),
                seed: UInt64 = 42, searchCandidates: Int = 12, searchBudgetSeconds: Double? = nil) {
        self.horizonDays = horizonDays
        self.stepDays = stepDays
        self.minimumHistoryDays = minimumHistoryDays
        self.maxCutoffs = maxCutoffs
        self.maxTrainingRows = maxTrainingRows
        self.loyalTopShare = loyalTopShare
        self.logistic = logistic
        self.gbdt = gbdt
        self.seed = seed
        self.searchCandidates = searchCandidates
        self.searchBudgetSeconds = searchBudgetSeconds
    }

    /// The models `train` compares out of time, simplest first (on a tie of out-of-time AUC the earlier one
    /// is chosen): logistic regression and gradient boosting as configured, then the first
    /// `searchCandidates − 2` entries of `searchGrid`. Adding a candidate is one entry (a name for the
    /// leaderboard, and what to fit).
    public var candidates: [(name: String, specification: ModelSpecification)] {
        var boosting = gbdt
        boosting.seed = seed
        let configured: [(name: String, specification: ModelSpecification)] = [
            (FittedModel.logisticAlgorithm, .logistic(logistic)), (FittedModel.gradientBoostingAlgorithm, .gradientBoosting(boosting))]
        let searched = Array(searchGrid.prefix(max(0, (searchCandidates ?? 2) - configured.count)))
        return configured + searched
    }

    /// The search beyond the configured models, in the order it is tried (so a smaller
    /// `searchCandidates` keeps the most useful): gradient boosting of several sizes, learning rates and
    /// leaf minimums with its trees chosen by early stopping on the held-out cutoff (at most 1,000, 25
    /// rounds of patience), and logistic regression with stronger and weaker L2.
    public var searchGrid: [(name: String, specification: ModelSpecification)] {
        func boosting(leaves: Int, rate: Double, minData: Int, features: Double = 1, rows: Double = 1) -> (String, ModelSpecification) {
            var configuration = GradientBoosting.Configuration(
                trees: 1000, tree: .init(maxLeaves: leaves, split: .init(minDataInLeaf: minData), learningRate: rate),
                featureFraction: features, baggingFraction: rows, earlyStoppingRounds: 25, seed: seed)
            configuration.tree.split.l2 = gbdt.tree.split.l2
            var name = "gbdt \(leaves) leaves, rate \(rate), \(minData) per leaf"
            if features < 1 { name += ", \(Int((features * 100).rounded()))% features" }
            if rows < 1 { name += ", \(Int((rows * 100).rounded()))% rows" }
            return (name, .gradientBoosting(configuration))
        }
        func logistic(l2: Double) -> (String, ModelSpecification) {
            var configuration = self.logistic
            configuration.l2 = l2
            return ("logistic, L2 \(l2)", .logistic(configuration))
        }
        return [
            boosting(leaves: 7, rate: 0.05, minData: 100),
            boosting(leaves: 15, rate: 0.05, minData: 50),
            logistic(l2: 100),
            boosting(leaves: 31, rate: 0.03, minData: 200, features: 0.8),
            boosting(leaves: 4, rate: 0.1, minData: 200),
            logistic(l2: 0.01),
            boosting(leaves: 63, rate: 0.03, minData: 100, rows: 0.8),
            boosting(leaves: 15, rate: 0.1, minData: 20),
            logistic(l2: 1000),
            boosting(leaves: 7, rate: 0.02, minData: 50, features: 0.7),
        ]
    }

    /// The loyalty rule of the labels and of "already loyal".
    public var loyaltyRule: LoyaltyRule { LoyaltyRule(topShare: loyalTopShare) }
}
