/// One customer's scores as of a cutoff: what `loyalty score` writes (one row of scores.csv) and
/// `loyalty calllist` reads.
///
/// Probabilities are `NaN` where a model does not apply (churn: customers with no purchase in the active
/// window; loyal candidate: inactive or already loyal customers).
public struct CustomerScore: Sendable, Equatable {
    /// The customer's id as in the input files.
    public var customerID: String
    /// The cutoff the scores are as of (days since 1970-01-01).
    public var asOfDay: Int32
    /// Probability of no purchase within the horizon.
    public var churnProbability: Double
    /// 1 (highest 10% of churn probabilities) ... 10; nil where the probability is `NaN`.
    public var churnDecile: Int?
    /// Probability of becoming loyal within the horizon.
    public var loyalCandidateProbability: Double
    /// 1 (highest 10%) ... 10; nil where the probability is `NaN`.
    public var loyalCandidateDecile: Int?
    /// Customer value (LTV: mean order value × purchases), 0 without purchases.
    public var value: Double
    /// 1 (highest 10% of values) ... 10.
    public var valueDecile: Int
    /// RFM rank (loyal, A, B, C).
    public var rfmRank: String
    /// LTV × NPS cell (e.g. "churn candidate", "advocate", "high value, no answer").
    public var ltvNPSCell: String
    /// Days since the last purchase at the cutoff; `NaN` when the customer never bought.
    public var daysSinceLastPurchase: Double
    /// Whether the customer is loyal at the cutoff (by the bundle's loyalty rule).
    public var isLoyal: Bool
    /// The reasons for the churn probability, strongest first (at most three; one family each; only
    /// pushes towards churn): `ReasonFactor.nothingStandsOut` when no factor stands out.
    public var churnReasons: [ReasonFactor]
    /// The reasons for the loyal-candidate probability, as `churnReasons`.
    public var loyalCandidateReasons: [ReasonFactor]
    /// Net spend in the last 365 days (the loyal-candidate baseline); `NaN` when unknown.
    public var spend365: Double = .nan
    /// `model`, or `baseline` when the churn model did not beat its baseline out of time (the call list
    /// then ranks retention by days since the last purchase × value).
    public var churnRankedBy: ListRanking = .model
    /// `model`, or `baseline` when the loyal-candidate model did not beat its baseline (the call list then
    /// ranks upgrade by 365-day spend).
    public var loyalCandidateRankedBy: ListRanking = .model
    /// How much a retention call raises the customer's chance to buy in the horizon (the retention-uplift
    /// bundle's two models: called − not called); `NaN` without that bundle.
    public var retentionUplift: Double = .nan

    /// Probability that the customer is still an active buyer at the cutoff (BG/NBD, as `loyalty clv`);
    /// `NaN` when unknown.
    public var probabilityAlive: Double = .nan
    /// Expected net value of the customer's purchases in the next horizon (expected purchases × expected
    /// order value, P(alive) included); `NaN` when unknown.
    public var expectedValue: Double = .nan
    /// Expected value in the next horizon had the customer stayed (`expectedValue` / P(alive)): what a
    /// churn loses. The retention list's value at stake is the churn probability × this, so P(alive) is
    /// not counted twice. `NaN` when unknown (the list then falls back to the historical `value`).
    public var valueIfRetained: Double = .nan
    /// Days since the first purchase at the cutoff (`RFMFeatures`' `days_since_first_purchase`); `NaN`
    /// when unknown. At most `RFMFeatures.newCustomerDays` makes a new customer, who gets a welcome call.
    public var daysSinceFirstPurchase: Double = .nan

    /// A score row.
    public init(customerID: String, asOfDay: Int32, churnProbability: Double, churnDecile: Int?,
                loyalCandidateProbability: Double, loyalCandidateDecile: Int?, value: Double, valueDecile: Int,
                rfmRank: String, ltvNPSCell: String, daysSinceLastPurchase: Double, isLoyal: Bool,
                churnReasons: [ReasonFactor], loyalCandidateReasons: [ReasonFactor]) {
        self.customerID = customerID
        self.asOfDay = asOfDay
        self.churnProbability = churnProbability
        self.churnDecile = churnDecile
        self.loyalCandidateProbability = loyalCandidateProbability
        self.loyalCandidateDecile = loyalCandidateDecile
        self.value = value
        self.valueDecile = valueDecile
        self.rfmRank = rfmRank
        self.ltvNPSCell = ltvNPSCell
        self.daysSinceLastPurchase = daysSinceLastPurchase
        self.isLoyal = isLoyal
        self.churnReasons = churnReasons
        self.loyalCandidateReasons = loyalCandidateReasons
    }
}

/// What a call list is ranked by: the model's probability, or the baseline when the model did not beat
/// it out of time (the bundle's `beatsBaseline`). Written as `model` / `baseline` in scores files and JSON.
public enum ListRanking: String, Codable, Sendable {
    /// The model's probability (with value, as the list's rule says).
    case model
    /// The target's baseline: days since the last purchase × value (churn), 365-day net spend (loyal).
    case baseline
    /// The retention uplift × value (`calllist --rank-by uplift`): the expected incremental value of a call.
    case uplift
}

/// One feature's push on a customer's score, with the numbers a reason in plain words needs.
///
/// Equal with `NaN` equal to `NaN` (a missing value is the same on both sides).
public struct ReasonFactor: Sendable, Equatable {
    /// The feature's name (a column of `loyalty features`, e.g. `days_since_last_purchase`).
    public var feature: String
    /// The customer's value of it (`NaN` = no data).
    public var value: Double
    /// The typical value: its median over the training population (`NaN` if unknown).
    public var typical: Double
    /// Its contribution to the score in log-odds (positive: towards the target).
    public var contribution: Double
    /// The words the reason was written with, when read back from a scores file (empty otherwise).
    public var text: String = ""

    /// The feature code of "nothing stands out".
    public static let nothingStandsOutCode = "none"

    /// The reason given when no factor pushes the score clearly towards the outcome.
    public static let nothingStandsOut = ReasonFactor(feature: nothingStandsOutCode, value: .nan, typical: .nan, contribution: 0)

    /// A reason factor.
    public init(feature: String, value: Double, typical: Double, contribution: Double, text: String = "") {
        self.feature = feature
        self.value = value
        self.typical = typical
        self.contribution = contribution
        self.text = text
    }

    /// Field by field, `NaN` equal to `NaN`.
    public static func == (left: ReasonFactor, right: ReasonFactor) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return left.feature == right.feature && same(left.value, right.value) && same(left.typical, right.typical)
            && same(left.contribution, right.contribution) && left.text == right.text
    }
}
