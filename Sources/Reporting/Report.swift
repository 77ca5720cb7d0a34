import Campaigns
import Features
import Foundation
import LoyaltyModels
import Outreach
import ScoringCore

/// One model's part of the report: its bundle, the out-of-time curves and where they come from, and its
/// features' impact and drift at the report's cutoff.
public struct ModelReport: Sendable {
    /// Where the curves were measured.
    public enum CurvesSource: Sendable, Equatable {
        /// Scored at `asOf` and measured on the horizon after it, as `loyalty evaluate` does.
        case evaluated(Evaluation.Result)
        /// Recorded at training: the reporting half of the held-out cutoff, before the refit.
        case heldOut
        /// Neither (a bundle written before the curves were recorded, and no data after its cutoff).
        case none
    }

    /// The bundle.
    public var bundle: ModelBundle
    /// The curves shown (nil with `.none`).
    public var curves: ModelCurves?
    /// Where they come from.
    public var source: CurvesSource
    /// Feature impact and drift at the report's cutoff (nil without data).
    public var diagnostics: ModelDiagnostics?

    /// A model's part.
    public init(bundle: ModelBundle, curves: ModelCurves?, source: CurvesSource, diagnostics: ModelDiagnostics?) {
        self.bundle = bundle
        self.curves = curves
        self.source = source
        self.diagnostics = diagnostics
    }
}

/// The call list as the report reads it from `calllist --out F.json`: its summary and, per row, the list,
/// the reason codes and the value at stake.
public struct CallListDigest: Sendable, Decodable {
    /// One row.
    public struct Row: Sendable, Decodable {
        /// `retention` or `upgrade`.
        public var list: CallListName
        /// The row's reason codes.
        public var reasonCodes: [String]
        /// Its value at stake.
        public var valueAtStake: Double?
        /// Its action code.
        public var actionCode: String
    }

    /// Rows, exclusions and value covered per list.
    public var summary: CallListSummary
    /// The calls.
    public var entries: [Row]

    /// Reads a call list JSON; `file` names it in errors.
    public static func read(_ data: Data, file: String) throws -> CallListDigest {
        do {
            return try JSONDecoder().decode(CallListDigest.self, from: data)
        } catch {
            throw ReportError.unreadable(file: file, expected: "a call list as `loyalty calllist --out F.json` writes it", detail: "\(error)")
        }
    }
}

/// What can go wrong building a report.
public enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An input file is not what the flag expects.
    case unreadable(file: String, expected: String, detail: String)

    /// The message for stderr.
    public var description: String {
        switch self {
        case .unreadable(let file, let expected, let detail):
            let short = detail.count > 200 ? String(detail.prefix(200)) + "..." : detail
            return "\(file): expected \(expected) (\(short))"
        }
    }
}

/// Everything the report shows.
public struct ReportInputs: Sendable {
    /// The cutoff (yyyy-MM-dd).
    public var asOf: String
    /// Orders, customers and the order days of the data.
    public var orders: Int, customers: Int, firstOrderDay: String, lastOrderDay: String
    /// KPIs for the year to the cutoff and the year before it.
    public var kpis: KPIs, previousKPIs: KPIs?
    /// The customer base at the cutoff.
    public var base: CustomerBase
    /// Each model (churn, then loyal candidate).
    public var models: [ModelReport]
    /// The call list (from its JSON), if given.
    public var callList: CallListDigest?
    /// Measured outcomes of past calls, if given.
    public var outcomes: OutcomeReport?
    /// This run's scores file, in brief, if given.
    public var scores: ScoresDigest?

    /// The inputs.
    public init(asOf: String, orders: Int, customers: Int, firstOrderDay: String, lastOrderDay: String, kpis: KPIs,
                previousKPIs: KPIs?, base: CustomerBase, models: [ModelReport], callList: CallListDigest?, outcomes: OutcomeReport?) {
        self.asOf = asOf
        self.orders = orders
        self.customers = customers
        self.firstOrderDay = firstOrderDay
        self.lastOrderDay = lastOrderDay
        self.kpis = kpis
        self.previousKPIs = previousKPIs
        self.base = base
        self.models = models
        self.callList = callList
        self.outcomes = outcomes
    }
}

/// A scores file in brief: customers scored per target and their mean probability.
public struct ScoresDigest: Sendable, Equatable {
    /// Customers in the file.
    public var customers: Int
    /// Customers with a churn probability, and its mean over them.
    public var churnScored: Int, meanChurn: Double
    /// Customers with a loyal-candidate probability, and its mean over them.
    public var loyalCandidateScored: Int, meanLoyalCandidate: Double

    /// The digest of `scores`.
    public init(scores: [CustomerScore]) {
        customers = scores.count
        let churn = scores.map(\.churnProbability).filter { !$0.isNaN }
        let loyal = scores.map(\.loyalCandidateProbability).filter { !$0.isNaN }
        churnScored = churn.count
        meanChurn = churn.isEmpty ? .nan : churn.reduce(0, +) / Double(churn.count)
        loyalCandidateScored = loyal.count
        meanLoyalCandidate = loyal.isEmpty ? .nan : loyal.reduce(0, +) / Double(loyal.count)
    }
}

/// The report as one self-contained HTML page (inline SVG and CSS, no script, nothing fetched), in
/// English or Japanese. Every chart is a `figure.chart` with its caption and the table of its numbers.
public struct HTMLReport {
    let inputs: ReportInputs
    let ja: Bool

    /// The page for `inputs` in `language`.
    public static func render(_ inputs: ReportInputs, language: ReasonLanguage) -> String {
        HTMLReport(inputs: inputs, ja: language == .ja).page()
    }

    func t(_ english: String, _ japanese: String) -> String { ja ? japanese : english }

    // MARK: - numbers in words

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        let text = String(format: "%.\(decimals)f", value)
        return text == "-0" || text.hasPrefix("-0.") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    static func percent(_ value: Double?, _ decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return "-" }
        return fixed(100 * value, decimals) + "%"
    }

    static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        let negative = value < 0
        let whole = UInt64(abs(value).rounded())
        return (negative && whole > 0 ? "-" : "") + ReasonWords.grouped(whole)
    }

    static func grouped(_ value: Int) -> String { grouped(Double(value)) }

    /// A feature's name in plain words, from its descriptor in the catalog (`days since the last
    /// purchase`, `最終購入からの日数`).
    func featureName(_ name: String) -> String {
        FeatureDescriptor(name: name).title(language: ja ? .ja : .en)
    }

    // MARK: - the page

    func page() -> String {
        var body = header()
        body += customerBaseSection()
        for model in inputs.models { body += modelSection(model) }
        body += driftSection()
        if let list = inputs.callList { body += callListSection(list) }
        if let outcomes = inputs.outcomes { body += outcomesSection(outcomes) }
        body += HTML.paragraph(t("Written by loyalty report. Every chart's numbers are in the table beside it.",
                                 "loyalty report で作成。各グラフの数値は横の表にあります。"), className: "note")
        return HTML.page(language: ja ? "ja" : "en", title: t("Customer loyalty report", "顧客ロイヤルティレポート") + " " + inputs.asOf, body: body)
    }

    func header() -> String {
        var text = "<header><h1>\(HTML.escape(t("Customer loyalty report", "顧客ロイヤルティレポート")))</h1>"
        text += HTML.paragraph(t("As of ", "基準日 ") + inputs.asOf + t(": data from ", ": データ期間 ") + inputs.firstOrderDay
            + t(" to ", " 〜 ") + inputs.lastOrderDay + t(", ", "、") + HTMLReport.grouped(inputs.orders) + t(" orders, ", "件の注文、")
            + HTMLReport.grouped(inputs.customers) + t(" customers.", "人の顧客。"), className: "meta")
        if let bundle = inputs.models.first?.bundle {
            text += HTML.paragraph(t("Models trained as of ", "モデルの学習基準日 ") + bundle.asOf + t(", horizon ", "、予測期間 ")
                + "\(bundle.horizonDays)" + t(" days, on \(bundle.cutoffs.count) cutoffs ", "日、学習時点 \(bundle.cutoffs.count)回 ") + (bundle.cutoffs.min() ?? "-") + " … "
                + (bundle.cutoffs.max() ?? "-") + t(" (held out: ", " (検証用: ") + bundle.heldOutCutoff + ").", className: "meta")
        }
        if let scores = inputs.scores {
            text += HTML.paragraph(t("Scores: ", "スコア: ") + HTMLReport.grouped(scores.customers) + t(" customers; mean churn probability ", "人、平均離反確率 ")
                + HTMLReport.percent(scores.meanChurn) + t(" (", " (") + HTMLReport.grouped(scores.churnScored) + t(" scored), mean loyal-candidate probability ", "人)、平均ロイヤル化確率 ")
                + HTMLReport.percent(scores.meanLoyalCandidate) + " (" + HTMLReport.grouped(scores.loyalCandidateScored) + t(" scored).", "人)。"), className: "meta")
        }
        let now = inputs.kpis, before = inputs.previousKPIs
        func tile(_ name: String, _ value: Double?, _ previous: Double?, percent: Bool) -> String {
            let shown = percent ? HTMLReport.percent(value) : value.map { HTMLReport.fixed($0, 1) } ?? "-"
            var change = t("previous year: ", "前年: ") + (percent ? HTMLReport.percent(previous) : previous.map { HTMLReport.fixed($0, 1) } ?? "-")
            if let value, let previous, value.isFinite, previous.isFinite {
                let delta = percent ? 100 * (value - previous) : value - previous
                change += " (" + (delta >= 0 ? "+" : "") + HTMLReport.fixed(delta, 1) + (percent ? t(" pt", "ポイント") : "") + ")"
            }
            return HTML.tile(name: name, value: shown, change: change)
        }
        text += "<div class=\"tiles\">"
        text += tile("NPS", now.nps, before?.nps, percent: false)
        text += HTML.tile(name: t("Active customers", "アクティブ顧客"), value: HTMLReport.grouped(now.activeCustomers),
                          change: t("previous year: ", "前年: ") + (before.map { HTMLReport.grouped($0.activeCustomers) } ?? "-"))
        text += tile(t("Retention", "継続率"), now.retentionRate, before?.retentionRate, percent: true)
        text += tile(t("Churn", "離反率"), now.churnRate, before?.churnRate, percent: true)
        text += tile(t("Repeat rate", "リピート率"), now.repeatPurchaseRate, before?.repeatPurchaseRate, percent: true)
        text += tile(t("Net revenue retention", "売上継続率 (NRR)"), now.netRevenueRetention, before?.netRevenueRetention, percent: true)
        text += "</div>"
        text += HTML.paragraph(t("KPIs over the \(now.periodDays) days to the cutoff against the \(now.periodDays) days before.",
                                 "KPIは基準日までの\(now.periodDays)日間と、その前の\(now.periodDays)日間の比較。"), className: "note")
        return text + "</header>"
    }

    // MARK: - the customer base

    func customerBaseSection() -> String {
        let base = inputs.base
        var body = ""
        let totalCustomers = Double(max(1, base.customers))
        body += HTML.figure(
            id: "rfm-ranks",
            caption: t("RFM ranks: share of customers and share of 365-day net spend.", "RFMランク: 顧客数と直近365日の純購入額の構成比。"),
            svg: SVGChart.bars(categories: base.ranks.map(\.name),
                               series: [SVGChart.Series(name: t("customers", "顧客数"), values: base.ranks.map { Double($0.customers) / totalCustomers }),
                                        SVGChart.Series(name: t("spend", "購入額"), values: base.ranks.map(\.shareOfSpend))],
                               xLabel: t("RFM rank", "RFMランク"), yLabel: t("share", "構成比"), format: { HTMLReport.percent($0, 0) },
                               label: t("RFM ranks", "RFMランク")),
            table: HTML.table(header: [t("rank", "ランク"), t("customers", "顧客数"), t("share", "構成比"), t("365-day spend", "365日購入額"), t("share of spend", "購入額構成比")],
                              rows: base.ranks.map { [$0.name, HTMLReport.grouped($0.customers), HTMLReport.percent(Double($0.customers) / totalCustomers),
                                                      HTMLReport.grouped($0.spend), HTMLReport.percent($0.shareOfSpend)] }))
        let cells = Dictionary(base.ltvNPS.map { ($0.cell, $0.customers) }, uniquingKeysWith: +)
        let npsColumns = [t("detractor", "批判者"), t("passive", "中立者"), t("promoter", "推奨者"), t("no answer", "未回答")]
        let matrix: [[Int]] = [["churn candidate", "high-value passive", "high-value promoter", "high value, no answer"],
                               ["uncooperative", "indifferent", "advocate", "low value, no answer"]].map { $0.map { cells[$0] ?? 0 } }
        let valueRows = [t("high value", "高価値"), t("low value", "低価値")]
        body += HTML.figure(
            id: "ltv-nps",
            caption: t("The LTV × NPS matrix: customers by value (above or below the median LTV) and their last NPS answer.",
                       "LTV × NPS マトリクス: 価値 (LTV中央値以上/未満) と直近のNPS回答別の顧客数。"),
            svg: SVGChart.heatMap(rows: valueRows, columns: npsColumns, values: matrix.map { $0.map(Double.init) },
                                  xLabel: "NPS", yLabel: "LTV", format: { HTMLReport.grouped($0) }, label: "LTV × NPS"),
            table: HTML.table(header: [""] + npsColumns, rows: zip(valueRows, matrix).map { [$0.0] + $0.1.map { HTMLReport.grouped($0) } }))
        body += HTML.figure(
            id: "recency-frequency",
            caption: t("Customers by days since the last purchase and by purchase days so far.", "最終購入からの日数と購入日数別の顧客数。"),
            svg: SVGChart.heatMap(rows: base.recencyBands, columns: base.frequencyBands, values: base.heatMap.map { $0.map(Double.init) },
                                  xLabel: t("purchase days", "購入日数"), yLabel: t("recency", "最終購入"), format: { HTMLReport.grouped($0) },
                                  label: t("recency × frequency", "最終購入 × 購入頻度")),
            table: HTML.table(header: [t("recency", "最終購入")] + base.frequencyBands,
                              rows: zip(base.recencyBands, base.heatMap).map { [$0.0] + $0.1.map { HTMLReport.grouped($0) } }))
        let decilePoints = stride(from: 0, through: 100, by: 10).map { step -> (Double, Double) in
            let target = Double(step) / 100
            return base.lorenz.min { abs($0.shareOfCustomers - target) < abs($1.shareOfCustomers - target) }.map { ($0.shareOfCustomers, $0.shareOfValue) } ?? (target, target)
        }
        body += HTML.figure(
            id: "lorenz",
            caption: t("Value concentration (Lorenz curve of net value): the top 20% of customers hold ", "価値の集中 (純顧客価値のローレンツ曲線): 上位20%の顧客が")
                + HTMLReport.percent(base.topFifthShare) + t(" of it.", "を占める。"),
            svg: SVGChart.lines(series: [SVGChart.Series(name: t("customers", "顧客"), values: base.lorenz.map(\.shareOfValue), x: base.lorenz.map(\.shareOfCustomers)),
                                         SVGChart.Series(name: t("equal shares", "均等"), values: [0, 1], x: [0, 1], dashed: true)],
                                xRange: 0...1, yRange: 0...1, xLabel: t("share of customers (lowest value first)", "顧客の累積比 (低価値から)"),
                                yLabel: t("share of value", "価値の累積比"), xFormat: { HTMLReport.percent($0, 0) }, yFormat: { HTMLReport.percent($0, 0) },
                                label: t("Lorenz curve", "ローレンツ曲線")),
            table: HTML.table(header: [t("share of customers", "顧客の累積比"), t("share of value", "価値の累積比")],
                              rows: decilePoints.map { [HTMLReport.percent($0.0, 0), HTMLReport.percent($0.1)] }
                                + [[t("top 20%", "上位20%"), HTMLReport.percent(base.topFifthShare)]], textColumns: []))
        return HTML.section(id: "customer-base", title: t("The customer base", "顧客基盤") + " (" + HTMLReport.grouped(base.customers) + t(" customers with a purchase)", "人の購入顧客)"), body: body)
    }

    // MARK: - models

    func targetName(_ target: PredictionTarget) -> String {
        target == .churn ? t("Churn", "離反") : t("Loyal candidate", "ロイヤル化候補")
    }

    func modelSection(_ model: ModelReport) -> String {
        let bundle = model.bundle
        let id = bundle.target.rawValue
        var body = HTML.paragraph(t("Chosen: ", "採用モデル: ") + bundle.chosen + (bundle.beatsBaseline == false
            ? t(". It did not beat its baseline out of time: lists rank by the baseline.", "。検証でベースラインに及ばないため、リストはベースラインで並べます。") : "."))
        let leaderboard = bundle.leaderboard
        body += "<h3>\(HTML.escape(t("Leaderboard (held-out cutoff ", "候補モデル (検証時点 ") + bundle.heldOutCutoff + t(", reporting half)", "、報告用の半分)")))</h3>"
        body += HTML.table(header: [t("model", "モデル"), "ROC AUC", "PR AUC", t("log loss", "対数損失"), "Brier", t("top-10% lift", "上位10%リフト"), t("rows", "件数")],
                           rows: leaderboard.map { [$0.model, HTMLReport.fixed($0.rocAUC, 4), HTMLReport.fixed($0.averagePrecision, 4),
                                                    $0.logLoss.map { HTMLReport.fixed($0, 4) } ?? "-", $0.brierScore.map { HTMLReport.fixed($0, 4) } ?? "-",
                                                    HTMLReport.fixed($0.topDecileLift, 2), HTMLReport.grouped($0.rows)] })
        guard let curves = model.curves else {
            body += HTML.paragraph(t("This bundle has no recorded out-of-time curves and the data has no horizon after its cutoff: retrain it to see them.",
                                     "このバンドルには検証結果の曲線がなく、基準日以降のデータもありません。再学習すると表示されます。"), className: "note")
            return HTML.section(id: "model-\(id)", title: targetName(bundle.target), body: body)
        }
        let measured: LeaderboardEntry?
        switch model.source {
        case .evaluated(let result):
            measured = result.model
            body += HTML.paragraph(t("Out of time: scored as of ", "時系列外の検証: ") + result.asOf + t(" and measured on the \(result.horizonDays) days after it (as loyalty evaluate).",
                                     " 時点でスコアし、その後\(result.horizonDays)日間の実績で評価 (loyalty evaluate と同じ)。"), className: "meta")
        case .heldOut:
            measured = bundle.chosenEntry
            body += HTML.paragraph(t("Out of time: the held-out cutoff ", "時系列外の検証: 検証時点 ") + bundle.heldOutCutoff
                + t(", its reporting half of the customers (they took no part in choosing the model or its calibration), calibrated probabilities before the refit.",
                    " の報告用の半分の顧客 (モデル選択・校正に不使用)、再学習前の校正済み確率。"), className: "meta")
        case .none:
            measured = nil
        }
        if let measured {
            body += "<div class=\"tiles\">"
            body += HTML.tile(name: "ROC AUC", value: HTMLReport.fixed(measured.rocAUC, 4), change: t("baseline ", "ベースライン ") + (bundle.baselineEntry.map { HTMLReport.fixed($0.rocAUC, 4) } ?? "-"))
            body += HTML.tile(name: "PR AUC", value: HTMLReport.fixed(measured.averagePrecision, 4), change: t("base rate ", "基準率 ") + HTMLReport.percent(curves.positiveRate))
            body += HTML.tile(name: t("log loss", "対数損失"), value: measured.logLoss.map { HTMLReport.fixed($0, 4) } ?? "-", change: "")
            body += HTML.tile(name: "Brier", value: measured.brierScore.map { HTMLReport.fixed($0, 4) } ?? "-", change: "")
            body += HTML.tile(name: t("base rate", "基準率"), value: HTMLReport.percent(curves.positiveRate), change: HTMLReport.grouped(curves.rows) + t(" customers", "人"))
            body += "</div>"
        }
        let capacity = inputs.callList.map { Double($0.summary[bundle.target == .churn ? .retention : .upgrade].rows) }
            ?? Double(Evaluation.defaultCapacity)
        let capacityDeciles = curves.rows > 0 ? min(10, 10 * capacity / Double(curves.rows)) : 0
        let capacityLabel = t("calls: ", "架電数: ") + HTMLReport.grouped(capacity)
        let decileNames = curves.gains.map { "\($0.decile)" }
        body += HTML.figure(
            id: "gains-\(id)",
            caption: t("Cumulative gains: the share of all ", "累積ゲイン: 上位の十分位までに含まれる") + targetName(bundle.target).lowercased()
                + t(" outcomes found in the top deciles, against calling at random; the dashed red line marks the call capacity.",
                    "の実績の割合 (ランダム架電との比較)。赤の破線は架電可能数。"),
            svg: SVGChart.lines(series: [SVGChart.Series(name: t("model", "モデル"), values: [0] + curves.gains.map(\.cumulativeGain), x: (0...10).map(Double.init)),
                                         SVGChart.Series(name: t("random", "ランダム"), values: [0, 1], x: [0, 10], dashed: true)],
                                xRange: 0...10, yRange: 0...1, xLabel: t("deciles called (highest scores first)", "架電した十分位 (高スコア順)"),
                                yLabel: t("share of outcomes found", "捕捉率"), xFormat: { HTMLReport.fixed($0, $0 == $0.rounded() ? 0 : 1) }, yFormat: { HTMLReport.percent($0, 0) },
                                marker: capacityDeciles, markerLabel: capacityLabel, label: t("cumulative gains", "累積ゲイン")),
            table: HTML.table(header: [t("decile", "十分位"), t("rows", "件数"), t("outcomes", "実績"), t("rate", "実績率"), t("lift", "リフト"), t("cumulative gain", "累積ゲイン")],
                              rows: curves.gains.map { ["\($0.decile)", HTMLReport.grouped($0.rows), HTMLReport.grouped($0.positives), HTMLReport.percent($0.rate),
                                                        HTMLReport.fixed($0.lift, 2), HTMLReport.percent($0.cumulativeGain)] }))
        body += HTML.figure(
            id: "lift-\(id)",
            caption: t("Lift by decile: each decile's outcome rate over the base rate.", "十分位別リフト: 各十分位の実績率 ÷ 基準率。"),
            svg: SVGChart.bars(categories: decileNames, series: [SVGChart.Series(name: t("lift", "リフト"), values: curves.gains.map(\.lift))],
                               xLabel: t("decile", "十分位"), yLabel: t("lift", "リフト"), format: { HTMLReport.fixed($0, 1) },
                               marker: capacityDeciles, markerLabel: capacityLabel, label: t("lift by decile", "十分位別リフト")),
            table: HTML.table(header: [t("decile", "十分位"), t("lift", "リフト")], rows: curves.gains.map { ["\($0.decile)", HTMLReport.fixed($0.lift, 2)] }))
        let rocTable = stride(from: 0, through: 10, by: 1).map { step -> [String] in
            let target = Double(step) / 10
            let point = curves.roc.last { $0.falsePositiveRate <= target + 1e-12 } ?? BinaryMetrics.ROCPoint(falsePositiveRate: 0, truePositiveRate: 0)
            return [HTMLReport.percent(target, 0), HTMLReport.percent(point.truePositiveRate)]
        }
        body += HTML.figure(
            id: "roc-\(id)",
            caption: t("ROC curve: true-positive rate against false-positive rate; AUC ", "ROC曲線: 偽陽性率に対する真陽性率。AUC ")
                + (measured.map { HTMLReport.fixed($0.rocAUC, 4) } ?? "-") + ".",
            svg: SVGChart.lines(series: [SVGChart.Series(name: t("model", "モデル"), values: curves.roc.map(\.truePositiveRate), x: curves.roc.map(\.falsePositiveRate)),
                                         SVGChart.Series(name: t("random", "ランダム"), values: [0, 1], x: [0, 1], dashed: true)],
                                xRange: 0...1, yRange: 0...1, xLabel: t("false-positive rate", "偽陽性率"), yLabel: t("true-positive rate", "真陽性率"),
                                xFormat: { HTMLReport.fixed($0, 2) }, yFormat: { HTMLReport.fixed($0, 2) }, label: t("ROC curve", "ROC曲線")),
            table: HTML.table(header: [t("false-positive rate", "偽陽性率"), t("true-positive rate", "真陽性率")], rows: rocTable, textColumns: []))
        let predicted = curves.gains.map { $0.meanScore ?? .nan }
        body += HTML.figure(
            id: "calibration-\(id)",
            caption: t("Calibration: the mean predicted probability and the observed rate in each decile.", "校正: 十分位ごとの平均予測確率と実績率。"),
            svg: SVGChart.bars(categories: decileNames, series: [SVGChart.Series(name: t("predicted", "予測"), values: predicted),
                                                                  SVGChart.Series(name: t("observed", "実績"), values: curves.gains.map(\.rate))],
                               xLabel: t("decile", "十分位"), yLabel: t("rate", "率"), format: { HTMLReport.percent($0, 0) }, label: t("calibration", "校正")),
            table: HTML.table(header: [t("decile", "十分位"), t("predicted", "予測"), t("observed", "実績")],
                              rows: curves.gains.map { ["\($0.decile)", HTMLReport.percent($0.meanScore), HTMLReport.percent($0.rate)] }))
        let positives = Double(max(1, curves.histogramPositives.reduce(0, +))), negatives = Double(max(1, curves.histogramNegatives.reduce(0, +)))
        let bins = curves.histogramPositives.indices.map { HTMLReport.fixed(Double($0) * 5, 0) }
        body += HTML.figure(
            id: "distribution-\(id)",
            caption: t("Score distribution by class: the share of customers with and without the outcome in each 5-point probability bin.",
                       "クラス別スコア分布: 実績あり・なしの顧客の確率帯 (5%刻み) ごとの構成比。"),
            svg: SVGChart.bars(categories: bins, series: [SVGChart.Series(name: t("with the outcome", "実績あり"), values: curves.histogramPositives.map { Double($0) / positives }),
                                                          SVGChart.Series(name: t("without", "実績なし"), values: curves.histogramNegatives.map { Double($0) / negatives })],
                               xLabel: t("probability from (%)", "確率帯の下限 (%)"), yLabel: t("share of the class", "クラス内構成比"), format: { HTMLReport.percent($0, 0) },
                               label: t("score distribution", "スコア分布")),
            table: HTML.table(header: [t("probability", "確率"), t("with", "あり"), t("without", "なし")],
                              rows: curves.histogramPositives.indices.map { ["\(bins[$0])-\(HTMLReport.fixed(Double($0 + 1) * 5, 0))%", HTMLReport.grouped(curves.histogramPositives[$0]),
                                                                            HTMLReport.grouped(curves.histogramNegatives[$0])] }))
        if let diagnostics = model.diagnostics {
            let top = Array(diagnostics.features.prefix(12))
            body += HTML.figure(
                id: "impact-\(id)",
                caption: t("Global feature impact: the mean absolute contribution to the score (log-odds) over the ", "特徴量の影響度: スコア対象の")
                    + HTMLReport.grouped(diagnostics.rows) + t(" customers scored as of ", "人 (基準日 ") + inputs.asOf + t(".", ") の平均絶対寄与 (対数オッズ)。"),
                svg: SVGChart.horizontalBars(names: top.map { featureName($0.name) }, values: top.map(\.meanAbsoluteContribution),
                                             format: { HTMLReport.fixed($0, 3) }, label: t("feature impact", "特徴量の影響度")),
                table: HTML.table(header: [t("feature", "特徴量"), t("mean |contribution|", "平均絶対寄与")],
                                  rows: top.map { [featureName($0.name), HTMLReport.fixed($0.meanAbsoluteContribution, 4)] }))
        }
        return HTML.section(id: "model-\(id)", title: targetName(bundle.target) + t(" model", "モデル"), body: body)
    }

    // MARK: - drift

    func driftSection() -> String {
        let models = inputs.models.filter { $0.diagnostics != nil }
        guard !models.isEmpty else { return "" }
        var body = HTML.paragraph(t("The population stability index (PSI) of each model's most important features, training rows against the customers scored as of ",
                                    "各モデルの重要な特徴量の母集団安定性指標 (PSI): 学習データと基準日 ")
            + inputs.asOf + t("; above \(HTMLReport.fixed(FeatureDistribution.driftThreshold, 2)) is flagged (a significant shift). Tenure grows with the calendar and is not judged.",
                              " のスコア対象の比較。\(HTMLReport.fixed(FeatureDistribution.driftThreshold, 2)) を超えると要注意。在籍期間は暦とともに伸びるため判定しません。"))
        for model in models {
            guard let diagnostics = model.diagnostics else { continue }
            let top = diagnostics.features.filter { FeatureDescriptor(name: $0.name).family != .tenure && $0.stabilityIndex != nil }.prefix(8)
            let id = model.bundle.target.rawValue
            body += HTML.figure(
                id: "drift-\(id)",
                caption: targetName(model.bundle.target) + t(": PSI of the top features; the dashed red line is the 0.25 threshold.", ": 主要特徴量のPSI。赤の破線は閾値0.25。"),
                svg: SVGChart.horizontalBars(names: top.map { featureName($0.name) }, values: top.map { $0.stabilityIndex ?? 0 },
                                             format: { HTMLReport.fixed($0, 3) }, marker: FeatureDistribution.driftThreshold, label: "PSI"),
                table: HTML.table(header: [t("feature", "特徴量"), "PSI", ""],
                                  rows: top.map { [featureName($0.name), HTMLReport.fixed($0.stabilityIndex ?? 0, 3),
                                                   ($0.stabilityIndex ?? 0) > FeatureDistribution.driftThreshold ? t("drifted", "変化あり") : ""] },
                                  textColumns: [0, 2]))
        }
        return HTML.section(id: "drift", title: t("Drift", "データの変化 (ドリフト)"), body: body)
    }

    // MARK: - the call list

    func listName(_ list: CallListName) -> String { Wording.listName(list, language: ja ? .ja : .en) }

    func callListSection(_ list: CallListDigest) -> String {
        let summary = list.summary
        let states = [summary.retention, summary.upgrade]
        var body = HTML.table(header: ["", listName(.retention), listName(.upgrade)], rows: [
            [t("rows (calls)", "件数 (架電)")] + states.map { HTMLReport.grouped($0.rows) },
            [t("quota", "割当")] + states.map { HTMLReport.grouped($0.quota) },
            [t("candidates", "候補")] + states.map { HTMLReport.grouped($0.candidates) },
            [t("value covered", "対象価値")] + states.map { HTMLReport.grouped($0.valueCovered) },
            [t("control rows", "対照群")] + states.map { HTMLReport.grouped($0.controlRows) },
        ])
        let reasons = CallListExclusion.allCases.filter { reason in states.contains { $0.excluded(reason) > 0 } }
        body += HTML.figure(
            id: "exclusions",
            caption: t("Candidates left off each list, by the first reason that excluded them.", "各リストから除外された候補者数 (最初の除外理由別)。"),
            svg: SVGChart.horizontalBars(names: reasons.map { CallListWriter.label($0, summary, language: ja ? .ja : .en) }, values: reasons.map { reason in Double(states.reduce(0) { $0 + $1.excluded(reason) }) },
                                         format: { HTMLReport.grouped($0) }, label: t("exclusions", "除外理由")),
            table: HTML.table(header: [t("reason", "理由"), listName(.retention), listName(.upgrade)],
                              rows: reasons.map { reason in [CallListWriter.label(reason, summary, language: ja ? .ja : .en)] + states.map { HTMLReport.grouped($0.excluded(reason)) } }))
        for name in CallListName.allCases {
            let rows = list.entries.filter { $0.list == name }
            var counts: [String: Int] = [:]
            for row in rows { for code in row.reasonCodes where !code.isEmpty { counts[code, default: 0] += 1 } }
            let top = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(10)
            guard !top.isEmpty else { continue }
            let named = top.map { $0.key == ReasonFactor.nothingStandsOutCode ? t("nothing stands out", "特になし") : featureName($0.key) }
            body += HTML.figure(
                id: "reasons-\(name.rawValue)",
                caption: listName(name) + t(": how often each reason appears on the ", ": 各理由が") + HTMLReport.grouped(rows.count) + t(" rows.", "件の行に現れる回数。"),
                svg: SVGChart.horizontalBars(names: named, values: top.map { Double($0.value) }, format: { HTMLReport.grouped($0) },
                                             label: t("reasons", "理由")),
                table: HTML.table(header: [t("reason", "理由"), t("rows", "件数"), t("share", "割合")],
                                  rows: zip(named, top).map { [$0.0, HTMLReport.grouped($0.1.value), HTMLReport.percent(Double($0.1.value) / Double(max(1, rows.count)))] }))
        }
        return HTML.section(id: "call-list", title: t("The call list", "コールリスト") + " (" + HTMLReport.grouped(list.entries.count) + t(" calls)", "件)"), body: body)
    }

    // MARK: - outcomes

    func outcomesSection(_ report: OutcomeReport) -> String {
        let results = report.lists.map { (t("list ", "リスト ") + $0.list, $0) }
            + report.campaigns.map { ($0.list + " " + ($0.campaign ?? ""), $0) }
        var body = HTML.paragraph(t("Purchase rate of called customers against their control group within \(report.windowDays) days of each call, with 95% intervals; ",
                                    "架電した顧客と対照群の、架電から\(report.windowDays)日以内の購入率の差 (95%区間)。")
            + HTMLReport.grouped(report.contacts) + t(" contacts, as of ", "件の接触、基準日 ") + report.asOf + t(".", "。"))
        let shown = results.filter { $0.1.purchaseRateLift != nil }
        body += HTML.figure(
            id: "lift",
            caption: t("Measured lift in purchase rate (called − control), per list and campaign; the whiskers are the 95% intervals.",
                       "購入率のリフト (架電 − 対照群)、リスト・キャンペーン別。ひげは95%区間。"),
            svg: SVGChart.horizontalBars(names: shown.map(\.0), values: shown.map { $0.1.purchaseRateLift?.estimate ?? 0 },
                                         low: shown.map { $0.1.purchaseRateLift?.low ?? 0 }, high: shown.map { $0.1.purchaseRateLift?.high ?? 0 },
                                         format: { HTMLReport.percent($0, 1) }, label: t("measured lift", "リフト")),
            table: HTML.table(header: [t("list / campaign", "リスト / キャンペーン"), t("called", "架電"), t("control", "対照群"), t("lift", "リフト"), t("95% interval", "95%区間"), t("verdict", "判定")],
                              rows: results.map { name, result in
                                  [name, HTMLReport.percent(result.called.purchaseRate) + " (" + HTMLReport.grouped(result.called.customers) + ")",
                                   HTMLReport.percent(result.control.purchaseRate) + " (" + HTMLReport.grouped(result.control.customers) + ")",
                                   HTMLReport.percent(result.purchaseRateLift?.estimate),
                                   result.purchaseRateLift.map { HTMLReport.percent($0.low) + " … " + HTMLReport.percent($0.high) } ?? "-", result.verdict]
                              }, textColumns: [0, 5]))
        return HTML.section(id: "outcomes", title: t("Did the calls work?", "架電の効果"), body: body)
    }
}
