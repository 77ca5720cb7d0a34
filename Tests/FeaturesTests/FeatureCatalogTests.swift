import Testing
@testable import Features

@Test func familiesAndDirectionsOfTheCatalog() {
    #expect(FeatureDescriptor(name: "orders_365d").family == .frequency && FeatureDescriptor(name: "orders_all").family == .frequency)
    #expect(FeatureDescriptor(name: "email_open_30d").family == .engagement(type: "email_open"))
    #expect(FeatureDescriptor(name: "days_since_last_email_open").family == .engagement(type: "email_open"))
    #expect(FeatureDescriptor(name: "age_band=40s").family == .attribute(name: "age_band"))
    #expect(FeatureDescriptor(name: "days_since_last_purchase").churnRiskDirection == 1)
    #expect(FeatureDescriptor(name: "spend_365d").churnRiskDirection == -1)
}

@Test func aReasonMustLieOnTheOutcomesSideOfTypical() {
    let recency = FeatureKind.daysSinceLastPurchase
    #expect(FeatureDescriptor.argues(value: 142, typical: 35, direction: 1, kind: recency))
    #expect(!FeatureDescriptor.argues(value: 10, typical: 35, direction: 1, kind: recency))
    // Never bought anything of a kind counts as "long ago" / "none".
    #expect(FeatureDescriptor.argues(value: .nan, typical: 35, direction: 1, kind: .daysSinceLastEvent(type: "site_visit")))
    // Orders down 67% do not argue for becoming loyal, even against a typical −100%; up 50% does.
    let trend = FeatureKind.ordersTrend(windowDays: 90)
    #expect(!FeatureDescriptor.argues(value: -0.667, typical: -1, direction: 1, kind: trend))
    #expect(FeatureDescriptor.argues(value: 0.5, typical: -1, direction: 1, kind: trend))
    #expect(!FeatureDescriptor.argues(value: 0.5, typical: 1, direction: -1, kind: trend))
}
