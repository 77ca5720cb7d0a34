import Testing
@testable import Features

@Test func familiesAndDirectionsOfTheCatalog() {
    #expect(FeatureDescriptor(name: "orders_365d").family == .frequency && FeatureDescriptor(name: "orders_all").family == .frequency)
    #expect(FeatureDescriptor(name: "event:email_open:30d").family == .engagement(type: "email_open"))
    #expect(FeatureDescriptor(name: "event:email_open:days_since_last").family == .engagement(type: "email_open"))
    #expect(FeatureDescriptor(name: "customer:age_band=40s").family == .attribute(name: "age_band"))
    #expect(FeatureDescriptor(name: "days_since_last_purchase").churnRiskDirection == 1)
    #expect(FeatureDescriptor(name: "spend_365d").churnRiskDirection == -1)
}

/// Names made from the data live in their own namespaces and read back to the kind they came from, for
/// any event type or column, including one spelled like a built-in feature or holding colons.
@Test func dataDerivedNamesRoundTripThroughTheirKind() {
    let kinds: [FeatureKind] = [.eventCount(type: "purchase", windowDays: 30), .daysSinceLastEvent(type: "orders"),
                                .eventCount(type: "a:b", windowDays: 365), .daysSinceLastEvent(type: "x:30d"),
                                .attribute(name: "spend_365d"), .level(attribute: "plan", level: "gold=1")]
    for kind in kinds {
        let name = kind.dataDerivedName!
        #expect(FeatureKind(name: name) == kind, "\(name)")
        #expect(FeatureKind(name: name) != FeatureKind(name: String(name.drop { $0 != ":" }.dropFirst())))
    }
    #expect(FeatureKind.eventCount(type: "purchase", windowDays: 30).dataDerivedName == "event:purchase:30d")
    #expect(FeatureKind.daysSinceLastPurchase.dataDerivedName == nil)
    #expect(FeatureKind(name: "days_since_last_purchase") == .daysSinceLastPurchase)
    #expect(FeatureKind(name: "email_open_30d") == .other(name: "email_open_30d"), "no longer an event name")
    #expect(FeatureDescriptor(name: "mystery").family == .unknown(name: "mystery"))
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
