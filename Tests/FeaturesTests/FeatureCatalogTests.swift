import Testing
@testable import Features

@Test func familiesAndDirectionsOfTheCatalog() {
    #expect(FeatureDescriptor(name: "orders_365d").family == .frequency && FeatureDescriptor(name: "orders_all").family == .frequency)
    #expect(FeatureDescriptor(name: "event:email_open:30d").family == .engagement(type: "email_open"))
    #expect(FeatureDescriptor(name: "event:email_open:days_since_last").family == .engagement(type: "email_open"))
    #expect(FeatureDescriptor(name: "customer:age_band=40s").family == .attribute(name: "age_band"))
    #expect(FeatureDescriptor(name: "days_since_last_purchase").churnRiskDirection == 1)
    #expect(FeatureDescriptor(name: "spend_365d").churnRiskDirection == -1)
    #expect(FeatureDescriptor(name: "spend_365d").unit == .money && FeatureDescriptor(name: "orders_90d").unit == .count)
    #expect(FeatureDescriptor(name: "last_nps").isSatisfactionScore && !FeatureDescriptor(name: "nps_answers").isSatisfactionScore)
    #expect(FeatureDescriptor(name: "event:review:30d").input == .events && FeatureDescriptor(name: "customer:x").input == .customers)
    #expect(FeatureDescriptor(name: "last_ces").input == .surveys && FeatureDescriptor(name: "orders_trend_90d").input == .orders)
}

/// Every column any family makes has a descriptor from that family, not the unknown one.
@Test func everyColumnOfEveryFamilyIsDescribed() {
    let names = RFMFeatures.names + ValueFeatures.names + LoyaltyDistanceFeatures.names + SurveyFeatures.names
        + ["days_since_signup", "days_since_last_contact", EngagementFeatures.activeDays]
    for name in names {
        #expect(FeatureDescriptor(name: name).family != .unknown(name: name), "\(name)")
        #expect(FeatureDescriptor(name: name).input != nil, "\(name)")
    }
    // Exactly one family claims each name.
    for name in names + ["event:a:30d", "customer:b", "customer:b=c"] {
        #expect(CustomerHistory.families.filter { $0.descriptor(for: name) != nil }.count == 1, "\(name)")
    }
}

/// Names made from the data live in their own namespaces and read back to what they came from, for
/// any event type or column, including one spelled like a built-in feature or holding colons.
@Test func dataDerivedNamesReadBackToWhatTheyCameFrom() {
    let cases: [(String, FeatureFamily, FeatureUnit)] = [
        (EngagementFeatures.countName(type: "purchase", window: 30), .engagement(type: "purchase"), .count),
        (EngagementFeatures.daysSinceLastName(type: "orders"), .engagement(type: "orders"), .days),
        (EngagementFeatures.countName(type: "a:b", window: 365), .engagement(type: "a:b"), .count),
        (EngagementFeatures.daysSinceLastName(type: "x:30d"), .engagement(type: "x:30d"), .days),
        (AttributeFeatures.numericName("spend_365d"), .attribute(name: "spend_365d"), .number),
        (AttributeFeatures.levelName("plan", level: "gold=1"), .attribute(name: "plan"), .indicator),
    ]
    for (name, family, unit) in cases {
        let descriptor = FeatureDescriptor(name: name)
        #expect(descriptor.family == family && descriptor.unit == unit, "\(name)")
        #expect(descriptor != FeatureDescriptor(name: String(name.drop { $0 != ":" }.dropFirst())), "\(name)")
    }
    #expect(EngagementFeatures.countName(type: "purchase", window: 30) == "event:purchase:30d")
    #expect(FeatureDescriptor(name: "email_open_30d").family == .unknown(name: "email_open_30d"), "no longer an event name")
    #expect(FeatureDescriptor(name: "event:x:abc").family == .unknown(name: "event:x:abc"))
    #expect(FeatureDescriptor(name: "mystery").family == .unknown(name: "mystery"))
    #expect(FeatureDescriptor(name: "score_d").family == .unknown(name: "score_d"))
    #expect(FeatureDescriptor(name: "_30d").family == .unknown(name: "_30d"))
}

@Test func theUnknownWordingIsTheNameAndTheNumbers() {
    let mystery = FeatureDescriptor(name: "mystery")
    #expect(mystery.words(value: 12_300, typical: 4, language: .en) == "mystery: 12,300 (typical: 4)")
    #expect(mystery.words(value: .nan, typical: 4, language: .ja) == "mystery: データなし")
    #expect(mystery.churnRiskDirection == 0 && mystery.input == nil)
}

@Test func aReasonMustLieOnTheOutcomesSideOfTypical() {
    let recency = FeatureDescriptor(name: "days_since_last_purchase")
    #expect(recency.argues(value: 142, typical: 35, direction: 1))
    #expect(!recency.argues(value: 10, typical: 35, direction: 1))
    // Never bought anything of a kind counts as "long ago" / "none".
    #expect(FeatureDescriptor(name: "event:site_visit:days_since_last").argues(value: .nan, typical: 35, direction: 1))
    #expect(FeatureDescriptor(name: "orders_90d").argues(value: .nan, typical: 3, direction: -1))
    #expect(!FeatureDescriptor(name: "mean_order_value").argues(value: .nan, typical: 3, direction: -1))
    // Orders down 67% do not argue for becoming loyal, even against a typical −100%; up 50% does.
    let trend = FeatureDescriptor(name: "orders_trend_90d")
    #expect(!trend.argues(value: -0.667, typical: -1, direction: 1))
    #expect(trend.argues(value: 0.5, typical: -1, direction: 1))
    #expect(!trend.argues(value: 0.5, typical: 1, direction: -1))
}

@Test func everyColumnOfEveryFamilyHasATitleInBothLanguages() {
    let names = RFMFeatures.names + ValueFeatures.names + LoyaltyDistanceFeatures.names + SurveyFeatures.names
        + PurchaseProcessFeatures.names + ["days_since_signup", "days_since_last_contact", EngagementFeatures.activeDays,
                                           EngagementFeatures.countName(type: "email_open", window: 90),
                                           EngagementFeatures.daysSinceLastName(type: "site_visit")]
    for name in names {
        let descriptor = FeatureDescriptor(name: name)
        let fallback = name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: ":", with: " ")
        #expect(descriptor.title(language: .en) != fallback, "\(name)")
        #expect(descriptor.title(language: .ja).unicodeScalars.contains { $0.value > 0x3000 }, "\(name): \(descriptor.title(language: .ja))")
    }
    #expect(FeatureDescriptor(name: "orders_trend_90d").title(language: .en) == "orders, last 90 days against the 90 before")
    #expect(FeatureDescriptor(name: "event:site_visit:days_since_last").title(language: .ja) == "最終サイト訪問からの日数")
    #expect(FeatureDescriptor(name: "mystery_column").title(language: .ja) == "mystery column", "unknown: the name in words")
}
