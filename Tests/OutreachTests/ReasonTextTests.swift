import Features
import Foundation
import Testing
@testable import Outreach

private func english(_ feature: String, _ value: Double, typical: Double = .nan) -> String {
    ReasonText.describe(ReasonFactor(feature: feature, value: value, typical: typical, contribution: 0.5), language: .en)
}

private func japanese(_ feature: String, _ value: Double, typical: Double = .nan) -> String {
    ReasonText.describe(ReasonFactor(feature: feature, value: value, typical: typical, contribution: 0.5), language: .ja)
}

@Test func numbersHaveThousandsSeparatorsAndAtMostOneDecimal() {
    #expect(ReasonText.number(0) == "0")
    #expect(ReasonText.number(12_300) == "12,300")
    #expect(ReasonText.number(1_234_567.89) == "1,234,567.9")
    #expect(ReasonText.number(6.54) == "6.5")
    #expect(ReasonText.number(999.96) == "1,000")
    #expect(ReasonText.number(-1_234.5) == "-1,234.5")
    #expect(ReasonText.number(-0.04) == "0")
    #expect(ReasonText.percent(-0.6) == "60%")
    #expect(ReasonText.percent(0.125) == "12.5%")
}

@Test func rfmReasonsInEnglish() {
    #expect(english("days_since_last_purchase", 142, typical: 35) == "no purchase for 142 days (typical: 35)")
    #expect(english("days_since_last_purchase", 1, typical: 35) == "no purchase for 1 day (typical: 35)")
    #expect(english("days_since_first_purchase", 40, typical: 400) == "first purchase 40 days ago (new customer)")
    #expect(english("days_since_first_purchase", 400, typical: 700) == "first purchase 400 days ago (typical: 700)")
    #expect(english("orders_365d", 2, typical: 9) == "2 orders in the last 365 days (typical: 9)")
    #expect(english("orders_30d", 1, typical: 0) == "1 order in the last 30 days (typical: 0)")
    #expect(english("orders_90d", 0, typical: 2) == "no orders in the last 90 days (typical: 2)")
    #expect(english("orders_all", 12, typical: 9) == "12 orders in total (typical: 9)")
    #expect(english("spend_365d", 12_300, typical: 45_000) == "spent 12,300 in the last 365 days (typical: 45,000)")
    #expect(english("spend_all", 120_000) == "spent 120,000 in total")
    #expect(english("mean_order_value", 4_500.25, typical: 6_000) == "average order 4,500.3 (typical: 6,000)")
    #expect(english("max_order_value", 20_000, typical: 9_000) == "largest order 20,000 (typical: 9,000)")
    #expect(english("mean_days_between_orders", 45, typical: 30) == "a purchase every 45 days on average (typical: 30)")
    #expect(english("sd_days_between_orders", 20.4, typical: 10) == "gaps between purchases vary by 20.4 days (typical: 10)")
    #expect(english("returns_count", 3, typical: 0) == "3 returns (typical: 0)")
    #expect(english("returns_amount", 5_000, typical: 0) == "returned goods worth 5,000 (typical: 0)")
    #expect(english("distinct_purchase_days", 5, typical: 12) == "bought on 5 different days (typical: 12)")
}

@Test func orderTrendIsAPercentageChange() {
    #expect(english("orders_trend_90d", -0.6) == "orders in the last 90 days down 60% on the 90 before")
    #expect(english("orders_trend_90d", 0.25, typical: -0.1)
        == "orders in the last 90 days up 25% on the 90 before (typical: down 10%)")
    #expect(english("orders_trend_90d", 0, typical: 0) == "orders in the last 90 days level with the 90 before")
    #expect(english("orders_trend_90d", .nan) == "no orders in the 90 days before the last 90")
    #expect(japanese("orders_trend_90d", -0.6) == "直近90日の注文が前の90日より60%減少")
    #expect(japanese("orders_trend_90d", 0.5, typical: 0) == "直近90日の注文が前の90日より50%増加 (通常: 横ばい)")
}

@Test func valueAndEngagementReasonsInEnglish() {
    #expect(english("ltv_order_value_times_orders", 120_000, typical: 60_000) == "lifetime value 120,000 (typical: 60,000)")
    #expect(english("ltv_annual_margin", 30_000) == "projected margin 30,000")
    #expect(english("event:site_visit:days_since_last", 80, typical: 12) == "no site visit for 80 days (typical: 12)")
    #expect(english("event:support_contact:90d", 3) == "3 support contacts in the last 90 days")
    #expect(english("event:email_open:30d", 0, typical: 4) == "no email opens in the last 30 days (typical: 4)")
    #expect(english("event:app_session:365d", 1, typical: 1) == "1 app session in the last 365 days")
    #expect(english("event:review:days_since_last", .nan) == "no review on record")
    #expect(english("event:webinar_signup:30d", 2) == "2 webinar signups in the last 30 days")
    #expect(english("active_days_all", 12, typical: 30) == "active on 12 days (typical: 30)")
}

@Test func surveyReasonsInEnglish() {
    #expect(english("last_nps", 3) == "NPS 3 (detractor)")
    #expect(english("last_nps", 7, typical: 8) == "NPS 7 (passive; typical: 8)")
    #expect(english("last_nps", 10, typical: 10) == "NPS 10 (promoter)")
    #expect(english("last_nps_class", -1, typical: 0) == "last NPS answer: detractor (typical: passive)")
    #expect(english("mean_nps", 6.5, typical: 8) == "average NPS 6.5 (typical: 8)")
    #expect(english("nps_answers", 3, typical: 1) == "answered 3 surveys (typical: 1)")
    #expect(english("nps_answers", 0, typical: 1) == "never answered a survey")
    #expect(english("days_since_last_answer", 200, typical: 90) == "last survey answer 200 days ago (typical: 90)")
    #expect(english("last_csat", 2, typical: 4) == "satisfaction (CSAT) 2 (typical: 4)")
    #expect(english("last_ces", 6, typical: 3) == "effort score (CES) 6 (typical: 3)")
}

@Test func attributeReasonsAndTheGenericFallback() {
    #expect(english("days_since_signup", 400, typical: 900) == "signed up 400 days ago (typical: 900)")
    #expect(english("days_since_last_contact", 20, typical: 120) == "last contacted 20 days ago (typical: 120)")
    #expect(english("customer:prefecture=東京都", 1, typical: 0) == "prefecture: 東京都")
    #expect(english("customer:prefecture=東京都", 0, typical: 0) == "prefecture: not 東京都")
    #expect(english("customer:prefecture=東京都", .nan) == "prefecture unknown")
    #expect(japanese("customer:prefecture=東京都", 1) == "prefecture: 東京都")
    #expect(japanese("customer:prefecture=東京都", 0) == "prefecture: 東京都以外")
    #expect(english("customer:age", 42, typical: 38.5) == "age: 42 (typical: 38.5)")
    #expect(english("customer:age", .nan, typical: 38.5) == "age: no data")
    #expect(japanese("customer:age", 42, typical: 38.5) == "age: 42 (通常: 38.5)")
    #expect(english("mystery_score", 3) == "mystery_score: 3", "a name the catalog does not know keeps its name")
}

@Test func missingValuesSayNoData() {
    #expect(english("days_since_last_purchase", .nan, typical: 35) == "no purchase yet")
    #expect(english("mean_order_value", .nan, typical: 5_000) == "no purchase yet")
    #expect(english("last_nps", .nan, typical: 8) == "never answered a survey")
    #expect(english("days_since_last_answer", .nan) == "never answered a survey")
    #expect(english("mean_days_between_orders", .nan) == "fewer than two purchase days")
    #expect(english("last_csat", .nan) == "no satisfaction (CSAT) answer")
    #expect(english("days_since_signup", .nan) == "sign-up date unknown")
    #expect(japanese("days_since_last_purchase", .nan) == "購入なし")
    #expect(japanese("last_nps", .nan) == "アンケート未回答")
    #expect(japanese("event:site_visit:days_since_last", .nan) == "サイト訪問の記録なし")
}

@Test func typicalIsLeftOutWhenUnknownOrTheSame() {
    #expect(english("orders_90d", 4, typical: 4) == "4 orders in the last 90 days")
    #expect(english("orders_90d", 4, typical: 4.02) == "4 orders in the last 90 days")
    #expect(english("orders_90d", 4) == "4 orders in the last 90 days")
    #expect(japanese("days_since_last_purchase", 35, typical: 35) == "最終購入から35日")
}

@Test func japaneseReasons() {
    #expect(japanese("days_since_last_purchase", 142, typical: 35) == "最終購入から142日 (通常: 35日)")
    #expect(japanese("last_nps", 3) == "NPS 3 (批判者)")
    #expect(japanese("last_nps", 9, typical: 7) == "NPS 9 (推奨者、通常: 7)")
    #expect(japanese("orders_365d", 2, typical: 9) == "直近365日の注文2件 (通常: 9件)")
    #expect(japanese("spend_365d", 12_300, typical: 45_000) == "直近365日の購入金額12,300 (通常: 45,000)")
    #expect(japanese("event:site_visit:days_since_last", 80, typical: 12) == "最終サイト訪問から80日 (通常: 12日)")
    #expect(japanese("event:support_contact:90d", 3) == "直近90日のサポート問い合わせ3回")
    #expect(japanese("days_since_first_purchase", 40) == "初回購入から40日 (新規顧客)")
    #expect(japanese("ltv_order_value_times_orders", 120_000) == "顧客生涯価値 (LTV) 120,000")
    #expect(japanese("last_csat", .nan) == "満足度 (CSAT) 未回答")
}

@Test func everyFeatureFamilyHasItsOwnWordingAndFitsCP932() {
    let names = [
        "days_since_last_purchase", "days_since_first_purchase", "orders_30d", "orders_90d", "orders_180d",
        "orders_365d", "orders_all", "spend_30d", "spend_90d", "spend_180d", "spend_365d", "spend_all",
        "mean_order_value", "max_order_value", "mean_days_between_orders", "sd_days_between_orders",
        "returns_count", "returns_amount", "orders_trend_90d", "distinct_purchase_days",
        "ltv_order_value_times_orders", "ltv_annual_margin", "event:site_visit:30d", "event:email_open:90d", "event:email_click:365d",
        "event:app_session:30d", "event:support_contact:90d", "event:review:365d", "event:site_visit:days_since_last",
        "event:email_open:days_since_last", "event:email_click:days_since_last", "event:app_session:days_since_last",
        "event:support_contact:days_since_last", "event:review:days_since_last", "active_days_all", "last_nps", "last_nps_class",
        "mean_nps", "nps_answers", "days_since_last_answer", "last_csat", "last_ces", "days_since_signup",
        "days_since_last_contact", "customer:age_band=40s",
    ]
    for name in names {
        #expect(FeatureDescriptor(name: name).family != .unknown(name: name), "\(name)")
        for value in [0.0, 1, 7, 123.45, .nan] {
            for language in ReasonLanguage.allCases {
                let text = ReasonText.describe(ReasonFactor(feature: name, value: value, typical: 3, contribution: 1),
                                               language: language)
                #expect(!text.isEmpty && !text.contains("nan") && !text.contains(name), "\(name) \(value) \(text)")
                #expect(cp932(text) != nil, "\(text)")
            }
        }
    }
}

@Test func distanceToLoyalReadsAsAShareOfTheThreshold() {
    let ratio = ReasonFactor(feature: "spend_to_loyal_threshold", value: 0.8, typical: 0.3, contribution: 1)
    #expect(ReasonText.describe(ratio, language: .en) == "365-day spend at 80% of the loyal threshold")
    #expect(ReasonText.describe(ratio, language: .ja) == "直近365日の購入額がロイヤル基準の80%")
    let percentile = ReasonFactor(feature: "spend_percentile_among_active", value: 0.75, typical: 0.5, contribution: 1)
    #expect(ReasonText.describe(percentile, language: .en) == "spends more than 75% of active customers")
}

@Test func aFactorWithoutItsCodeKeepsItsWords() {
    // A reason read back from a scores file written before the code columns existed.
    let old = ReasonFactor(feature: "", value: .nan, typical: .nan, contribution: .nan, text: "no purchase for 142 days (typical: 35)")
    #expect(ReasonText.describe(old, language: .en) == "no purchase for 142 days (typical: 35)")
    #expect(ReasonText.describe(old, language: .ja) == "no purchase for 142 days (typical: 35)")
    // With a code the words are written again from the numbers, in the language asked for.
    let coded = ReasonFactor(feature: "days_since_last_purchase", value: 142, typical: 35, contribution: 0.8, text: "old words")
    #expect(ReasonText.describe(coded, language: .ja) == "最終購入から142日 (通常: 35日)")
}

@Test func nothingStandsOutHasItsOwnWords() {
    #expect(ReasonFactor.nothingStandsOut.feature == ReasonFactor.nothingStandsOutCode)
    #expect(ReasonFactor.nothingStandsOutCode == "none")
    #expect(ReasonText.describe(.nothingStandsOut, language: .en) == "no single factor stands out (the overall pattern)")
    #expect(ReasonText.describe(.nothingStandsOut, language: .ja) == "特に目立つ要因なし (全体的な傾向)")
    #expect(cp932(ReasonText.describe(.nothingStandsOut, language: .ja)) != nil)
}

@Test func reasonFactorsAreEqualWithNaNEqualToNaN() {
    let a = ReasonFactor(feature: "last_nps", value: .nan, typical: 8, contribution: 0.4)
    #expect(a == ReasonFactor(feature: "last_nps", value: .nan, typical: 8, contribution: 0.4))
    #expect(a != ReasonFactor(feature: "last_nps", value: 3, typical: 8, contribution: 0.4))
    #expect(a != ReasonFactor(feature: "last_nps", value: .nan, typical: 8, contribution: 0.4, text: "NPS"))
    #expect(a != ReasonFactor(feature: "mean_nps", value: .nan, typical: 8, contribution: 0.4))
}

@Test func wordsReadTheRightWayRoundForLowValues() {
    #expect(english("distinct_purchase_days", 1, typical: 2) == "bought on 1 day only (typical: 2)")
    let low = ReasonFactor(feature: "spend_percentile_among_active", value: 0, typical: .nan, contribution: 0.3)
    #expect(ReasonText.describe(low, language: .en) == "spends less than 100% of active customers")
    #expect(ReasonText.describe(low, language: .ja) == "購入額がアクティブ顧客の100%を下回る")
    // A typical trend of −1 is a typical customer without recent orders.
    #expect(english("orders_trend_90d", 5, typical: -1)
        == "orders in the last 90 days up 500% on the 90 before (typical: no orders in the last 90 days)")
}
