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

    /// Defaults: 90-day horizon, cutoffs every 30 days, 500,000 rows per target, top 20% loyal,
    /// L2 = 1 logistic regression, 100 trees of 31 leaves at learning rate 0.1 with 50 rows per leaf.
    public init(horizonDays: Int = 90, stepDays: Int = 30, minimumHistoryDays: Int = 90, maxCutoffs: Int? = nil,
                maxTrainingRows: Int = 500_000, loyalTopShare: Double = 0.2,
                logistic: LogisticRegression.Configuration = .init(),
                gbdt: GradientBoosting.Configuration = .init(trees: 100, tree: .init(maxLeaves: 31, split: .init(minDataInLeaf: 50))),
                seed: UInt64 = 42) {
        self.horizonDays = horizonDays
        self.stepDays = stepDays
        self.minimumHistoryDays = minimumHistoryDays
        self.maxCutoffs = maxCutoffs
        self.maxTrainingRows = maxTrainingRows
        self.loyalTopShare = loyalTopShare
        self.logistic = logistic
        self.gbdt = gbdt
        self.seed = seed
    }

    /// The models `train` compares out of time, simplest first (on a tie of out-of-time AUC the earlier one
    /// is chosen): logistic regression, then gradient boosting with `seed`. Adding a candidate is one
    /// entry here (a name for the leaderboard, and what to fit).
    public var candidates: [(name: String, specification: ModelSpecification)] {
        var boosting = gbdt
        boosting.seed = seed
        return [(FittedModel.logisticAlgorithm, .logistic(logistic)), (FittedModel.gradientBoostingAlgorithm, .gradientBoosting(boosting))]
    }

    /// The loyalty rule of the labels and of "already loyal".
    public var loyaltyRule: LoyaltyRule { LoyaltyRule(topShare: loyalTopShare) }
}
