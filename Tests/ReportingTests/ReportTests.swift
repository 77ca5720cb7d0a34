import Features
import Foundation
import LoyaltyModels
import Testing
@testable import Reporting

@Test func theGainsChartShowsEvaluatesGains() {
    let page = HTMLReport.render(backTest.inputs, language: .en)
    let rows = figureTable(page, id: "gains-churn")
    #expect(rows.first == ["decile", "rows", "outcomes", "rate", "lift", "cumulative gain"])
    let gains = backTest.result.gains
    #expect(rows.count == 11)
    for (row, decile) in zip(rows.dropFirst(), gains) {
        #expect(row == ["\(decile.decile)", "\(decile.rows)", "\(decile.positives)", HTMLReport.percent(decile.rate),
                        HTMLReport.fixed(decile.lift, 2), HTMLReport.percent(decile.cumulativeGain)])
    }
    // The same numbers as `loyalty evaluate`'s: its deciles of the evaluated probabilities.
    #expect(backTest.result.curves?.gains == gains)
    let lift = figureTable(page, id: "lift-churn").dropFirst().map { $0[1] }
    #expect(lift == gains.map { HTMLReport.fixed($0.lift, 2) })
}

@Test func everyChartHasACaptionAndItsNumbers() {
    let page = HTMLReport.render(backTest.inputs, language: .en)
    let figures = page.components(separatedBy: "<figure class=\"chart\"").dropFirst()
    #expect(figures.count == 11, "customer base 4, model 6, drift 1")
    for figure in figures {
        #expect(figure.contains("<svg") && figure.contains("<figcaption>") && figure.contains("<table"))
    }
    for id in ["rfm-ranks", "ltv-nps", "recency-frequency", "lorenz", "gains-churn", "lift-churn", "roc-churn", "calibration-churn",
               "distribution-churn", "impact-churn", "drift-churn"] {
        #expect(page.contains("id=\"\(id)\""), "\(id)")
    }
}

@Test func thePageIsSelfContainedAndTheSameBytesForTheSameInputs() {
    let page = HTMLReport.render(backTest.inputs, language: .en)
    #expect(page == HTMLReport.render(backTest.inputs, language: .en))
    for fetch in ["<script", "<link", "<img", "src=", "@import", "url(", "http://", "https://"] where fetch != "http://" {
        #expect(!page.contains(fetch), "\(fetch)")
    }
    // The only URLs are the SVG namespace's.
    #expect(page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http") == false)
    #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
}

@Test func theJapanesePageIsJapaneseWithTheJapaneseFontsFirst() {
    let page = HTMLReport.render(backTest.inputs, language: .ja)
    #expect(page.contains("<html lang=\"ja\">"))
    #expect(page.contains("顧客ロイヤルティレポート") && page.contains("累積ゲイン"))
    #expect(page.contains("\"Noto Sans CJK JP\", \"Noto Sans JP\", \"Hiragino Sans\", \"Hiragino Kaku Gothic ProN\", Meiryo, \"Yu Gothic\""))
}

@Test func theDriftTableShowsEachFeaturesPSIAndFlagsTheDrifted() throws {
    let page = HTMLReport.render(backTest.inputs, language: .en)
    let rows = figureTable(page, id: "drift-churn").dropFirst()
    let diagnostics = try #require(backTest.inputs.models[0].diagnostics)
    #expect(!rows.isEmpty)
    for row in rows {
        let feature = try #require(diagnostics.features.first { HTMLReport(inputs: backTest.inputs, ja: false).featureName($0.name) == row[0] })
        let psi = try #require(feature.stabilityIndex)
        #expect(row[1] == HTMLReport.fixed(psi, 3))
        #expect((row[2] == "drifted") == (psi > FeatureDistribution.driftThreshold))
    }
}

@Test func featureNamesReadAsTheCatalogsTitles() {
    let english = HTMLReport(inputs: backTest.inputs, ja: false), japanese = HTMLReport(inputs: backTest.inputs, ja: true)
    #expect(english.featureName("days_since_last_purchase") == "days since the last purchase")
    #expect(japanese.featureName("days_since_last_purchase") == "最終購入からの日数")
    #expect(english.featureName("event:email_open:90d") == "email opens, last 90 days")
    #expect(english.featureName("event:email_open:days_since_last") == "days since the last email open")
    #expect(japanese.featureName("orders_365d") == "直近365日の注文数")
    #expect(english.featureName("customer:age_band=40s") == "age_band = 40s")
    #expect(english.featureName("something_new") == "something new", "a column no family claims: its name in words")
}
