import OrderHistory

/// Business KPIs for the period P ending at the cutoff T, (T − P, T], against the period before it,
/// (T − 2P, T − P].
public struct KPIs: Codable, Sendable, Equatable {
    /// The cutoff, as `yyyy-MM-dd`.
    public var asOf: String
    /// Period length in days.
    public var periodDays: Int
    /// % promoters − % detractors over each customer's last NPS answer in the period; nil without answers.
    public var nps: Double?
    /// Customers who answered in the period.
    public var npsRespondents: Int
    /// Share of customers active in the previous period who purchase again in this one.
    public var retentionRate: Double?
    /// 1 − retention rate.
    public var churnRate: Double?
    /// Share of this period's customers with two or more purchases in it.
    public var repeatPurchaseRate: Double?
    /// This period's spend of the previous period's customers ÷ their spend in the previous period
    /// (above 1: negative churn).
    public var netRevenueRetention: Double?
    /// Customers with a purchase in this period.
    public var activeCustomers: Int
    /// Mean `ltv_order_value_times_orders` per segment (e.g. RFM rank), over customers with a purchase.
    public var ltvBySegment: [String: Double]
    /// Days of the previous period (T − 2P, T − P] that the data covers (from its first order day).
    public var previousPeriodDaysCovered: Int
    /// What could not be measured and why, e.g. a previous period shorter than the period.
    public var warnings: [String]

    /// Computes the KPIs from the order log (and surveys, when given) as of `asOfDay`.
    public init(log: OrderLog, timeline: CustomerTimeline, surveys: (log: SurveyLog, timeline: CustomerTimeline)?,
                asOfDay: Int32, periodDays: Int = 365, ltv: [Double], segments: [String], firstDataDay: Int32? = nil) {
        let periodStart = asOfDay - Int32(periodDays)
        let previousStart = periodStart - Int32(periodDays)
        // The previous period is (previousStart, periodStart]; data from firstDataDay on covers part of it.
        let firstDay = firstDataDay ?? (previousStart + 1)
        let covered = Int(max(0, min(Int32(periodDays), periodStart - max(firstDay, previousStart + 1) + 1)))
        var active = 0, repeaters = 0, previousActive = 0, retained = 0
        var previousSpend = 0.0, retainedSpend = 0.0
        for customer in 0..<timeline.customerCount {
            var now = 0, before = 0
            var spendNow = 0.0, spendBefore = 0.0
            for record in timeline.records(of: customer) {
                let index = Int(record)
                let day = log.day[index]
                if day > asOfDay { break }
                if log.flags[index].contains(.isReturn) || day <= previousStart { continue }
                if day > periodStart {
                    now += 1
                    spendNow += log.amount[index]
                } else {
                    before += 1
                    spendBefore += log.amount[index]
                }
            }
            if now > 0 { active += 1 }
            if now > 1 { repeaters += 1 }
            if before > 0 {
                previousActive += 1
                previousSpend += spendBefore
                retainedSpend += spendNow
                if now > 0 { retained += 1 }
            }
        }
        var promoters = 0, detractors = 0, respondents = 0
        if let surveys {
            for customer in 0..<surveys.timeline.customerCount {
                var last: Int8?
                for record in surveys.timeline.records(of: customer) {
                    let index = Int(record)
                    let day = surveys.log.day[index]
                    if day > asOfDay { break }
                    if day > periodStart { last = surveys.log.nps[index] }
                }
                guard let last else { continue }
                respondents += 1
                if last >= 9 { promoters += 1 } else if last <= 6 { detractors += 1 }
            }
        }
        var sums: [String: (Double, Int)] = [:]
        for (value, segment) in zip(ltv, segments) where !value.isNaN {
            let current = sums[segment] ?? (0, 0)
            sums[segment] = (current.0 + value, current.1 + 1)
        }
        self.asOf = CalendarDay.isoString(asOfDay)
        self.periodDays = periodDays
        nps = respondents > 0 ? 100 * Double(promoters - detractors) / Double(respondents) : nil
        npsRespondents = respondents
        previousPeriodDaysCovered = covered
        warnings = []
        // Measures against a previous period the data covers only in part would compare unlike periods
        // (a week of data against a year): they are refused, and said so.
        let previousComplete = covered >= periodDays
        if !previousComplete {
            warnings.append("the data covers \(covered) of the \(periodDays) days of the previous period "
                + "(\(CalendarDay.isoString(previousStart + 1)) to \(CalendarDay.isoString(periodStart))): retention, churn "
                + "and net revenue retention are not measured; use a shorter --period-days or a later --as-of")
        }
        retentionRate = previousComplete && previousActive > 0 ? Double(retained) / Double(previousActive) : nil
        churnRate = retentionRate.map { 1 - $0 }
        repeatPurchaseRate = active > 0 ? Double(repeaters) / Double(active) : nil
        netRevenueRetention = previousComplete && previousSpend > 0 ? retainedSpend / previousSpend : nil
        activeCustomers = active
        ltvBySegment = sums.mapValues { $0.0 / Double($0.1) }
    }
}
