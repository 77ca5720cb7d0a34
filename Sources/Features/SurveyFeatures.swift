import OrderHistory

/// The survey family: NPS, CSAT and CES answers up to the cutoff T.
///
/// Customers who never answered get `NaN` for every value except `nps_answers` (0): "no answer" is not
/// a score of 0.
public enum SurveyFeatures {
    /// `last_nps_class`: the class of the last NPS answer (promoter 1, passive 0, detractor −1).
    public static let lastNPSClass = "last_nps_class"

    /// The feature names, in column order.
    public static let names = ["last_nps", "last_nps_class", "mean_nps", "nps_answers", "days_since_last_answer",
                               "last_csat", "last_ces"]

    /// The NPS class of a 0-10 answer: promoter (9-10) 1, passive (7-8) 0, detractor (0-6) −1.
    public static func npsClass(_ score: Int8) -> Double {
        score >= 9 ? 1 : (score >= 7 ? 0 : -1)
    }

    /// Adds the survey columns as of `table.asOfDay`.
    public static func add(to table: inout FeatureTable, surveys: SurveyLog, timeline: CustomerTimeline) {
        let asOf = table.asOfDay
        var columns = [[Double]](repeating: [Double](repeating: .nan, count: timeline.customerCount), count: names.count)
        for customer in 0..<timeline.customerCount {
            var answers = 0.0, sum = 0.0
            var last: Int?
            var lastCSAT = Double.nan, lastCES = Double.nan
            for record in timeline.records(of: customer) {
                let index = Int(record)
                if surveys.day[index] > asOf { break }
                answers += 1
                sum += Double(surveys.nps[index])
                last = index
                if !surveys.csat[index].isNaN { lastCSAT = surveys.csat[index] }
                if !surveys.ces[index].isNaN { lastCES = surveys.ces[index] }
            }
            columns[3][customer] = answers
            guard let last else { continue }
            columns[0][customer] = Double(surveys.nps[last])
            columns[1][customer] = npsClass(surveys.nps[last])
            columns[2][customer] = sum / answers
            columns[4][customer] = Double(asOf - surveys.day[last])
            columns[5][customer] = lastCSAT
            columns[6][customer] = lastCES
        }
        for (name, values) in zip(names, columns) { table.add(name, values) }
    }
}

extension SurveyFeatures: FeatureFamilyBuilder {
    /// The survey columns (nothing without a surveys file).
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        guard let surveys = history.surveys, let timeline = history.surveyTimeline else { return }
        add(to: &table, surveys: surveys, timeline: timeline)
    }

    /// The seven survey columns.
    public static func descriptor(for name: String) -> FeatureDescriptor? {
        guard let descriptor = untitledDescriptor(for: name) else { return nil }
        guard let (english, japanese) = title(of: name) else { return descriptor }
        return descriptor.titled(english, japanese)
    }

    /// The column's name in plain words, in English and Japanese.
    static func title(of name: String) -> (String, String)? {
        switch name {
        case "last_nps": return ("last NPS answer", "直近のNPS回答")
        case "last_nps_class": return ("last NPS class", "直近のNPS区分")
        case "mean_nps": return ("average NPS answer", "NPS回答の平均")
        case "nps_answers": return ("NPS answers", "NPS回答数")
        case "days_since_last_answer": return ("days since the last survey answer", "最終アンケート回答からの日数")
        case "last_csat": return ("last satisfaction (CSAT)", "直近の満足度 (CSAT)")
        case "last_ces": return ("last effort score (CES)", "直近の努力度 (CES)")
        default: return nil
        }
    }

    private static func untitledDescriptor(for name: String) -> FeatureDescriptor? {
        let never = "never answered a survey", neverJapanese = "アンケート未回答"
        func feature(_ unit: FeatureUnit, _ direction: Int, missing: MissingValueMeaning = .unknown, score: Bool,
                     english: @escaping @Sendable (ReasonWords) -> String,
                     japanese: @escaping @Sendable (ReasonWords) -> String) -> FeatureDescriptor {
            FeatureDescriptor(name: name, family: .satisfaction, unit: unit, churnRiskDirection: direction, missing: missing,
                              isSatisfactionScore: score, input: .surveys, english: english, japanese: japanese)
        }
        switch name {
        case "last_nps":
            return feature(.score, -1, score: true, english: { w in
                if w.value.isNaN { return never }
                let note = w.showsTypical() ? "; typical: \(ReasonWords.number(w.typical))" : ""
                return "NPS \(ReasonWords.number(w.value)) (\(npsClassName(npsClass(w.value), japanese: false)!)\(note))"
            }, japanese: { w in
                if w.value.isNaN { return neverJapanese }
                let note = w.showsTypical() ? "、通常: \(ReasonWords.number(w.typical))" : ""
                return "NPS \(ReasonWords.number(w.value)) (\(npsClassName(npsClass(w.value), japanese: true)!)\(note))"
            })
        case lastNPSClass:
            return feature(.score, -1, score: true, english: { w in
                if w.value.isNaN { return never }
                let note = w.showsTypical() && npsClassName(w.typical, japanese: false) != nil
                    ? " (typical: \(npsClassName(w.typical, japanese: false)!))" : ""
                return "last NPS answer: \(npsClassName(w.value, japanese: false) ?? ReasonWords.number(w.value))" + note
            }, japanese: { w in
                if w.value.isNaN { return neverJapanese }
                let note = w.showsTypical() && npsClassName(w.typical, japanese: true) != nil
                    ? " (通常: \(npsClassName(w.typical, japanese: true)!))" : ""
                return "直近のNPS回答: \(npsClassName(w.value, japanese: true) ?? ReasonWords.number(w.value))" + note
            })
        case "mean_nps":
            return feature(.score, -1, score: true, english: { w in
                w.value.isNaN ? never : "average NPS \(ReasonWords.number(w.value))" + w.typicalNote
            }, japanese: { w in
                w.value.isNaN ? neverJapanese : "NPS平均\(ReasonWords.number(w.value))" + w.typicalNoteJapanese()
            })
        case "nps_answers":
            return feature(.count, 0, missing: .none, score: false, english: { w in
                if w.value.isNaN || w.value == 0 { return never }
                return "answered \(ReasonWords.counted(w.value, "survey", "surveys"))" + w.typicalNote
            }, japanese: { w in
                if w.value.isNaN || w.value == 0 { return neverJapanese }
                return "アンケート回答\(ReasonWords.number(w.value))回" + w.typicalNoteJapanese("回")
            })
        case "days_since_last_answer":
            return feature(.days, 0, missing: .longAgo, score: false, english: { w in
                w.value.isNaN ? never : "last survey answer \(ReasonWords.ago(w.value))" + w.typicalNote
            }, japanese: { w in
                w.value.isNaN ? neverJapanese : "最終アンケート回答から\(ReasonWords.number(w.value))日" + w.typicalNoteJapanese("日")
            })
        case "last_csat":
            return feature(.score, -1, score: true, english: { w in
                w.value.isNaN ? "no satisfaction (CSAT) answer" : "satisfaction (CSAT) \(ReasonWords.number(w.value))" + w.typicalNote
            }, japanese: { w in
                w.value.isNaN ? "満足度 (CSAT) 未回答" : "満足度 (CSAT) \(ReasonWords.number(w.value))" + w.typicalNoteJapanese()
            })
        case "last_ces":
            return feature(.score, 0, score: true, english: { w in
                w.value.isNaN ? "no effort (CES) answer" : "effort score (CES) \(ReasonWords.number(w.value))" + w.typicalNote
            }, japanese: { w in
                w.value.isNaN ? "努力度 (CES) 未回答" : "努力度 (CES) \(ReasonWords.number(w.value))" + w.typicalNoteJapanese()
            })
        default:
            return nil
        }
    }

    /// The NPS class of a 0-10 score as a number (promoter 1, passive 0, detractor −1).
    private static func npsClass(_ score: Double) -> Double {
        score >= 9 ? 1 : (score >= 7 ? 0 : -1)
    }

    /// `promoter`, `passive`, `detractor` (推奨者, 中立者, 批判者) for a class −1/0/1; nil for any other value.
    private static func npsClassName(_ value: Double, japanese: Bool) -> String? {
        switch value {
        case -1: return japanese ? "批判者" : "detractor"
        case 0: return japanese ? "中立者" : "passive"
        case 1: return japanese ? "推奨者" : "promoter"
        default: return nil
        }
    }
}
