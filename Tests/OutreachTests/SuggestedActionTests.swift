import Features
import Testing
@testable import Outreach

private func factor(_ feature: String, _ value: Double = 1) -> ReasonFactor {
    ReasonFactor(feature: feature, value: value, typical: .nan, contribution: 0.5)
}

private func retention(_ features: String..., rank: String = "B") -> SuggestedAction {
    SuggestedAction.choose(list: .retention, reasons: features.map { factor($0) }, rfmRank: rank)
}

private func upgrade(_ features: String..., rank: String = "B") -> SuggestedAction {
    SuggestedAction.choose(list: .upgrade, reasons: features.map { factor($0) }, rfmRank: rank)
}

private let surveyScores = ["last_nps", "last_nps_class", "mean_nps", "last_csat", "last_ces"]

// MARK: - choose: one test per rule

@Test func complaintActionsOnlyForASurveyScoreAmongTheReasons() {
    for score in surveyScores {
        #expect(retention(score) == .recoverComplaint, "\(score)")
        #expect(upgrade(score) == .resolveComplaintFirst, "\(score)")
        // Survey scores come first, wherever they are among the reasons.
        #expect(retention("days_since_last_purchase", "orders_365d", score) == .recoverComplaint, "\(score)")
        #expect(upgrade("spend_365d", score) == .resolveComplaintFirst, "\(score)")
    }
    // Without a survey score, no complaint action whatever else the reasons are.
    let others = ["days_since_last_purchase", "orders_365d", "orders_trend_90d", "event:email_open:90d", "active_days_all",
                  "days_since_last_answer", "nps_answers", "returns_count", "days_since_first_purchase", "spend_365d",
                  "days_since_last_contact", "customer:age_band=40s"]
    for feature in others {
        #expect(![SuggestedAction.recoverComplaint, .resolveComplaintFirst].contains(retention(feature)), "\(feature)")
        #expect(![SuggestedAction.recoverComplaint, .resolveComplaintFirst].contains(upgrade(feature)), "\(feature)")
    }
}

@Test func recencyCallsForAWinBack() {
    #expect(retention("days_since_last_purchase") == .winBack)
    // Upgrade has no recency action: the next reason, else the invitation.
    #expect(upgrade("days_since_last_purchase") == .inviteLoyalty)
    #expect(upgrade("days_since_last_purchase", "orders_365d") == .suggestNextPurchase)
}

@Test func frequencyAndTrendCallToReEngageOrSuggestTheNextPurchase() {
    for feature in ["orders_365d", "orders_all", "distinct_purchase_days", "mean_days_between_orders", "sd_days_between_orders",
                    "orders_trend_90d"] {
        #expect(retention(feature) == .reEngage, "\(feature)")
        #expect(upgrade(feature) == .suggestNextPurchase, "\(feature)")
    }
}

@Test func engagementActivityAndSurveyNonScoresCallToReconnectOrInviteToEngage() {
    for feature in ["event:email_open:90d", "event:site_visit:30d", "event:site_visit:days_since_last", "event:support_contact:90d", "active_days_all",
                    "days_since_last_answer", "nps_answers"] {
        #expect(retention(feature) == .reconnect, "\(feature)")
        #expect(upgrade(feature) == .inviteEngagement, "\(feature)")
    }
}

@Test func returnsCallForAFollowUp() {
    #expect(retention("returns_count") == .returnsFollowUp)
    #expect(retention("returns_amount") == .returnsFollowUp)
    // No returns action on the upgrade list.
    #expect(upgrade("returns_count") == .inviteLoyalty)
}

@Test func tenureCallsForAWelcomeOnlyWithinNinetyDays() {
    for feature in ["days_since_first_purchase", "days_since_signup"] {
        for days in [0.0, 40, 90] {
            #expect(SuggestedAction.choose(list: .retention, reasons: [factor(feature, days)], rfmRank: "B") == .onboard,
                    "\(feature) \(days)")
            #expect(SuggestedAction.choose(list: .upgrade, reasons: [factor(feature, days)], rfmRank: "B") == .welcomeOffer,
                    "\(feature) \(days)")
        }
        // A long (or unknown) tenure is skipped: the next reason decides, else the default.
        for days in [91.0, 400, .nan] {
            #expect(SuggestedAction.choose(list: .retention, reasons: [factor(feature, days)], rfmRank: "B") == .checkIn,
                    "\(feature) \(days)")
            #expect(SuggestedAction.choose(list: .upgrade, reasons: [factor(feature, days)], rfmRank: "B") == .inviteLoyalty,
                    "\(feature) \(days)")
            #expect(SuggestedAction.choose(list: .retention, reasons: [factor(feature, days), factor("orders_365d")],
                                           rfmRank: "B") == .reEngage, "\(feature) \(days)")
        }
    }
    #expect(SuggestedAction.newCustomerDays == 90)
}

@Test func aNewCustomerGetsAWelcomeWhateverTheModelsReasons() {
    // Online Retail, 2011-12-09: a customer who first bought 40 days ago, their "spend is low" and "too few
    // purchases" reasons (a short history) called for "Spending is down" before this rule.
    let reasons = [factor("spend_all"), factor("sd_days_between_orders"), factor("days_since_last_purchase")]
    for days in [0.0, 40, 90] {
        #expect(SuggestedAction.choose(list: .retention, reasons: reasons, rfmRank: "B", daysSinceFirstPurchase: days) == .onboard)
        #expect(SuggestedAction.choose(list: .upgrade, reasons: reasons, rfmRank: "A", daysSinceFirstPurchase: days) == .welcomeOffer)
        // A survey score still comes first: the complaint is heard before any welcome.
        #expect(SuggestedAction.choose(list: .retention, reasons: reasons + [factor("last_nps")], rfmRank: "B",
                                       daysSinceFirstPurchase: days) == .recoverComplaint)
    }
    // Past 90 days, or unknown, the reasons decide as before.
    for days in [91.0, 365, .nan] {
        #expect(SuggestedAction.choose(list: .retention, reasons: reasons, rfmRank: "B", daysSinceFirstPurchase: days) == .valueCheckIn)
        #expect(SuggestedAction.choose(list: .upgrade, reasons: reasons, rfmRank: "B", daysSinceFirstPurchase: days) == .inviteLoyalty)
    }
    #expect(SuggestedAction.isNewCustomer(daysSinceFirstPurchase: 90))
    #expect(!SuggestedAction.isNewCustomer(daysSinceFirstPurchase: .nan))
}

@Test func monetaryCallsForAValueCheckInOrTheLoyaltyInvitation() {
    for feature in ["spend_365d", "spend_all", "mean_order_value", "max_order_value", "ltv_order_value_times_orders",
                    "ltv_annual_margin", "spend_to_loyal_threshold", "spend_percentile_among_active"] {
        #expect(retention(feature) == .valueCheckIn, "\(feature)")
        #expect(upgrade(feature) == .inviteLoyalty, "\(feature)")
    }
}

@Test func nothingParticularCallsForACheckInOrTheLoyaltyInvitation() {
    let empty = ReasonFactor(feature: "", value: .nan, typical: .nan, contribution: .nan, text: "no purchase for 142 days")
    for reasons in [[], [ReasonFactor.nothingStandsOut], [empty], [factor("days_since_last_contact"), factor("customer:age_band=40s"), factor("age")]] {
        #expect(SuggestedAction.choose(list: .retention, reasons: reasons, rfmRank: "B") == .checkIn, "\(reasons)")
        #expect(SuggestedAction.choose(list: .upgrade, reasons: reasons, rfmRank: "B") == .inviteLoyalty, "\(reasons)")
    }
}

@Test func theStrongestReasonWithAnActionDecides() {
    #expect(retention("orders_365d", "days_since_last_purchase") == .reEngage)
    #expect(retention("days_since_last_purchase", "orders_365d") == .winBack)
    // Families without an action (contact, attributes) are passed over.
    #expect(retention("customer:age_band=40s", "days_since_last_contact", "returns_amount") == .returnsFollowUp)
    #expect(upgrade("customer:age_band=40s", "event:email_open:30d") == .inviteEngagement)
}

@Test func aPromoterWhoStoppedAnsweringSurveysIsNeverTreatedAsAComplaint() {
    // The only satisfaction reason is how long ago the last answer was; the customer is a promoter.
    let reasons = [ReasonFactor(feature: "days_since_last_answer", value: 400, typical: 90, contribution: 0.7)]
    for rank in ["S", "A", "B", "C"] {
        #expect(SuggestedAction.choose(list: .retention, reasons: reasons, rfmRank: rank) == .reconnect)
        #expect(SuggestedAction.choose(list: .upgrade, reasons: reasons, rfmRank: rank) == .inviteEngagement)
    }
    let scores = [
        TestScores.score("p", churn: 0.8, value: 100, cell: "high-value promoter", rank: "S", churnReasons: reasons),
        TestScores.score("q", loyalCandidate: 0.6, value: 100, cell: "high-value promoter", rank: "S", loyalCandidateReasons: reasons),
    ]
    for language in ReasonLanguage.allCases {
        let entries = CallList.build(scores: scores, contacts: nil,
                                     settings: TestScores.noFloors(capacity: 2, retentionShare: 0.5, language: language)).entries
        #expect(entries.map(\.actionCode) == ["reconnect", "invite_engagement"])
        for entry in entries {
            #expect(!entry.action.contains("complaint") && !entry.action.contains("不満"), "\(entry.action)")
        }
    }
}

// MARK: - text

@Test func topRanksGetThePersonalCallWording() {
    for action in [SuggestedAction.winBack, .reEngage, .valueCheckIn] {
        for rank in ["S", "A"] {
            #expect(action.text(rfmRank: rank, language: .en).hasPrefix("Personal call: "), "\(action) \(rank)")
            #expect(action.text(rfmRank: rank, language: .ja).hasPrefix("担当者からの電話: "), "\(action) \(rank)")
        }
        for rank in ["B", "C", ""] {
            #expect(!action.text(rfmRank: rank, language: .en).hasPrefix("Personal call"), "\(action) \(rank)")
            #expect(!action.text(rfmRank: rank, language: .ja).hasPrefix("担当者からの電話"), "\(action) \(rank)")
        }
    }
    #expect(SuggestedAction.winBack.text(rfmRank: "S", language: .en)
        == "Personal call: it has been a while; ask how they are and offer an exclusive win-back benefit")
    #expect(SuggestedAction.winBack.text(rfmRank: "B", language: .en)
        == "It has been a while: tell them what is new and offer a win-back coupon")
    #expect(SuggestedAction.inviteLoyalty.text(rfmRank: "A", language: .en)
        == "Thank them and invite them to the loyal tier with a dedicated call and an exclusive benefit")
    #expect(SuggestedAction.inviteLoyalty.text(rfmRank: "C", language: .en)
        == "Invite to the loyalty programme: they are close to the loyal tier")
    // S and A read the same; actions without a top-rank wording read the same for every rank.
    for action in SuggestedAction.allCases {
        for language in ReasonLanguage.allCases {
            #expect(action.text(rfmRank: "S", language: language) == action.text(rfmRank: "A", language: language))
            #expect(action.text(rfmRank: "B", language: language) == action.text(rfmRank: "C", language: language))
        }
    }
    for action in [SuggestedAction.recoverComplaint, .reconnect, .returnsFollowUp, .checkIn, .resolveComplaintFirst,
                   .suggestNextPurchase, .inviteEngagement, .welcomeOffer] {
        #expect(action.text(rfmRank: "S", language: .en) == action.text(rfmRank: "B", language: .en), "\(action)")
    }
    #expect(SuggestedAction.isTopRank(Segments.topRankName) && SuggestedAction.isTopRank("A") && !SuggestedAction.isTopRank("B"))
}

@Test func actionCodesAndTextsAreDistinctAndEveryJapaneseTextFitsCP932() {
    #expect(SuggestedAction.allCases.map(\.rawValue) == [
        "recover_complaint", "win_back", "re_engage", "reconnect", "returns_follow_up", "onboard", "value_check_in", "check_in",
        "resolve_complaint_first", "invite_loyalty", "suggest_next_purchase", "invite_engagement", "welcome_offer",
    ])
    for rank in ["S", "A", "B", "C"] {
        for language in ReasonLanguage.allCases {
            let texts = SuggestedAction.allCases.map { $0.text(rfmRank: rank, language: language) }
            #expect(Set(texts).count == texts.count, "\(rank) \(language)")
            for text in texts {
                #expect(!text.isEmpty)
                #expect(cp932(text) != nil, "\(text)")
            }
        }
    }
    #expect(SuggestedAction.recoverComplaint.text(rfmRank: "B", language: .en)
        == "Call to recover: apologise, resolve the complaint, then offer a benefit to come back")
    #expect(SuggestedAction.recoverComplaint.text(rfmRank: "B", language: .ja) == "回復のための電話: お詫びし、不満を解消してから再購入特典を案内")
}

// MARK: - Wording

@Test func listNamesInBothLanguages() {
    #expect(Wording.listName(.retention, language: .en) == "retention" && Wording.listName(.upgrade, language: .en) == "upgrade")
    #expect(Wording.listName(.retention, language: .ja) == "離反防止" && Wording.listName(.upgrade, language: .ja) == "ロイヤル化")
}

@Test func riskWordsHaveBandsAndRoundedPercentages() {
    #expect(Wording.risk(0.82, list: .retention, language: .en) == "high risk (82%)")
    #expect(Wording.risk(0.5, list: .retention, language: .en) == "high risk (50%)")
    #expect(Wording.risk(0.49, list: .retention, language: .en) == "medium risk (49%)")
    #expect(Wording.risk(0.25, list: .retention, language: .en) == "medium risk (25%)")
    #expect(Wording.risk(0.125, list: .retention, language: .en) == "low risk (13%)")
    #expect(Wording.risk(0, list: .retention, language: .en) == "low risk (0%)")
    #expect(Wording.risk(0.45, list: .upgrade, language: .en) == "good chance (45%)")
    #expect(Wording.risk(0.4, list: .upgrade, language: .en) == "good chance (40%)")
    #expect(Wording.risk(0.39, list: .upgrade, language: .en) == "fair chance (39%)")
    #expect(Wording.risk(0.15, list: .upgrade, language: .en) == "fair chance (15%)")
    #expect(Wording.risk(0.1, list: .upgrade, language: .en) == "slight chance (10%)")
    #expect(Wording.risk(0.82, list: .retention, language: .ja) == "離反リスク高 (82%)")
    #expect(Wording.risk(0.3, list: .retention, language: .ja) == "離反リスク中 (30%)")
    #expect(Wording.risk(0.1, list: .retention, language: .ja) == "離反リスク低 (10%)")
    #expect(Wording.risk(0.45, list: .upgrade, language: .ja) == "ロイヤル化の見込み高 (45%)")
    #expect(Wording.risk(0.2, list: .upgrade, language: .ja) == "ロイヤル化の見込み中 (20%)")
    #expect(Wording.risk(0.05, list: .upgrade, language: .ja) == "ロイヤル化の見込み低 (5%)")
    #expect(Wording.risk(.nan, list: .retention, language: .en).isEmpty && Wording.risk(.nan, list: .upgrade, language: .ja).isEmpty)
}

@Test func segmentsAreTheRenamedCellsAndTranslateToJapanese() {
    #expect(Segments.ltvNPSCells == ["churn candidate", "high-value passive", "high-value promoter", "uncooperative", "indifferent",
                                     "advocate", "high value, no answer", "low value, no answer"])
    #expect(Wording.segment("high-value passive", language: .ja) == "高価値・中立者")
    #expect(Wording.segment("high-value promoter", language: .ja) == "高価値・推奨者")
    #expect(Wording.segment("churn candidate", language: .ja) == "離反予備軍 (高価値・批判者)")
    #expect(Wording.segment("low value, no answer", language: .ja) == "低価値・未回答")
    let japanese = Segments.ltvNPSCells.map { Wording.segment($0, language: .ja) }
    #expect(Set(japanese).count == Segments.ltvNPSCells.count)
    for (cell, words) in zip(Segments.ltvNPSCells, japanese) {
        #expect(words != cell, "\(cell)")
        #expect(cp932(words) != nil, "\(words)")
        #expect(Wording.segment(cell, language: .en) == cell)
    }
    // Anything else as it is (e.g. a scores file written before the cells were renamed).
    #expect(Wording.segment("loyal candidate", language: .ja) == "loyal candidate")
    #expect(Segments.topRankName == "S")
}
