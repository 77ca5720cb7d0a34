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
