import Foundation
import OrderHistory
import ScoringCore

/// One synthetic customer's hidden traits and the simulation of their purchases, events and surveys.
struct LatentCustomer {
    let index: Int
    /// Day the customer signed up (may precede the history).
    let signupDay: Int32
    /// First day the customer can act within the history.
    let startDay: Int32
    /// Orders a year at sign-up.
    let purchaseRate: Double
    /// Yearly growth of the purchase rate (0 for most; the future loyal customers grow).
    let growthPerYear: Double
    /// Probability of dropping out after each purchase.
    let dropoutProbability: Double
    /// Typical order value in yen.
    let spendLevel: Double
    /// Latent satisfaction (standard normal scale); drives NPS, CSAT, CES and drop-out.
    let satisfaction: Double
    /// Latent engagement multiplier for non-purchase touches.
    let engagement: Double
    /// Preferred channel.
    let channel: UInt8
    /// Whether the customer uses the app.
    let hasApp: Bool
    /// Day of drop-out, set by `simulateOrders`.
    private(set) var dropoutDay: Int32?

    init(index: Int, configuration: SyntheticHistory.Configuration, rng: inout SplitMix64) {
        self.index = index
        let span = Int(configuration.lastDay - configuration.firstDay)
        if rng.chance(0.35) {
            signupDay = configuration.firstDay - Int32(rng.integer(in: 1...1095))
        } else {
            signupDay = configuration.firstDay + Int32(rng.integer(in: 0...(span - 30)))
        }
        startDay = max(signupDay, configuration.firstDay)
        purchaseRate = 1.0 + rng.gamma(shape: 1.3) * 5.0
        growthPerYear = rng.chance(0.22) ? 0.5 + rng.uniform() * 1.5 : 0
        satisfaction = rng.normal() + (growthPerYear > 0 ? 0.6 : 0)
        let baseDropout = rng.beta(1.2, 20)
        dropoutProbability = min(0.9, baseDropout * (satisfaction < -0.8 ? 1.8 : 1.0))
        spendLevel = Foundation.exp(Foundation.log(6000) + 0.6 * rng.normal())
        engagement = Foundation.exp(0.5 * rng.normal() + 0.3 * satisfaction) * (purchaseRate / 5).squareRoot()
        channel = UInt8(rng.integer(in: 0...3))
        hasApp = rng.chance(0.4)
        dropoutDay = nil
    }

    /// Purchase rate (a year) at `day`, before seasonality.
    func rate(at day: Double) -> Double {
        let years = max(0, (day - Double(signupDay)) / 365.25)
        return purchaseRate * min(4, 1 + growthPerYear * years)
    }

    /// Simulates purchases from `startDay` until drop-out or the end of the history; returns the count.
    mutating func simulateOrders(_ configuration: SyntheticHistory.Configuration, _ rng: inout SplitMix64,
                                 into orders: inout DayBuckets<OrderRow>) -> Int {
        var rows: [(day: Int32, row: OrderRow)] = []
        let count = simulateOrders(configuration, &rng, into: &rows)
        for (day, row) in rows { orders.append(day: day, row) }
        return count
    }

    /// Simulates purchases into the customer's own rows (orders and returns, in the order drawn); returns
    /// the number of orders.
    mutating func simulateOrders(_ configuration: SyntheticHistory.Configuration, _ rng: inout SplitMix64,
                                 into orders: inout [(day: Int32, row: OrderRow)]) -> Int {
        let peak = SyntheticHistory.seasonality.max()!
        var day = Double(startDay) + (signupDay >= configuration.firstDay ? 0 : rng.exponential(mean: 365 / rate(at: Double(startDay))))
        var count = 0
        while day <= Double(configuration.lastDay) {
            let orderDay = Int32(day.rounded(.down))
            let month = CalendarDay.civil(orderDay).month
            let accepted = count == 0 && signupDay >= configuration.firstDay
                || rng.chance(SyntheticHistory.seasonality[month - 1] / peak)
            if accepted {
                let amount = Int64((spendLevel * Foundation.exp(0.35 * rng.normal()) / 10).rounded()) * 10
                let orderChannel = rng.chance(0.75) ? channel : UInt8(rng.integer(in: 0...3))
                let category = UInt8(rng.integer(in: 0...(SyntheticHistory.categories.count - 1)))
                orders.append((orderDay, OrderRow(customer: Int32(index), amount: max(amount, 100),
                                                  channel: orderChannel, category: category)))
                count += 1
                if rng.chance(0.04) {
                    let returned = rng.chance(0.7) ? max(amount, 100) : max(amount / 2, 50)
                    orders.append((orderDay + Int32(rng.integer(in: 1...14)),
                                   OrderRow(customer: Int32(index), amount: -returned, channel: orderChannel, category: category)))
                }
                if rng.chance(dropoutProbability) {
                    dropoutDay = orderDay
                    return count
                }
            }
            day += rng.exponential(mean: 365 / (rate(at: day) * peak))
        }
        return count
    }

    /// Engagement events: each type a Poisson process while active, fading to a trickle after drop-out.
    func simulateEvents(_ configuration: SyntheticHistory.Configuration, _ rng: inout SplitMix64,
                        into events: inout DayBuckets<EventRow>) {
        let yearlyRates: [Double] = [4, 1, 3, hasApp ? 5 : 0, 0.3 + (satisfaction < -0.8 ? 0.8 : 0), 0.25]
        let activeUntil = Double(dropoutDay ?? configuration.lastDay)
        for (type, yearlyRate) in yearlyRates.enumerated() where yearlyRate > 0 {
            var day = Double(startDay)
            while true {
                let fading = day > activeUntil ? 0.08 : 1.0
                day += rng.exponential(mean: 365 / (yearlyRate * engagement * fading))
                if day > Double(configuration.lastDay) { break }
                let value = type == 5 ? Int16(min(5, max(1, Int((3.4 + satisfaction).rounded())))) : 0
                events.append(day: Int32(day.rounded(.down)),
                              EventRow(customer: Int32(index), secondOfDay: Int32(rng.integer(in: 25_200...82_800)),
                                       type: UInt8(type), value: value))
            }
        }
    }

    /// NPS surveys sent twice a year while active; about 40% answer.
    func simulateSurveys(_ configuration: SyntheticHistory.Configuration, _ rng: inout SplitMix64,
                         into surveys: inout DayBuckets<SurveyRow>) {
        let activeUntil = Double(dropoutDay ?? configuration.lastDay)
        var day = Double(startDay)
        while true {
            day += rng.exponential(mean: 182)
            if day > activeUntil || day > Double(configuration.lastDay) { break }
            guard rng.chance(0.4) else { continue }
            let nps = Int8(min(10, max(0, Int((7 + 2.2 * satisfaction + 1.2 * rng.normal()).rounded()))))
            let csat = rng.chance(0.8) ? Int8(min(5, max(1, Int((3.6 + 0.8 * satisfaction + 0.6 * rng.normal()).rounded())))) : 0
            let ces = rng.chance(0.6) ? Int8(min(7, max(1, Int((3.5 - 1.0 * satisfaction + rng.normal()).rounded())))) : 0
            surveys.append(day: Int32(day.rounded(.down)), SurveyRow(customer: Int32(index), nps: nps, csat: csat, ces: ces))
        }
    }

    func appendCustomerRow(to out: inout TextFileBuilder, configuration: SyntheticHistory.Configuration,
                           rng: inout SplitMix64) {
        let id = SyntheticHistory.customerID(index)
        let name = rng.pick(SyntheticHistory.familyNames) + " " + rng.pick(SyntheticHistory.givenNames)
        let phone: String
        let phoneKind = rng.uniform()
        if phoneKind < 0.08 {
            phone = ""
        } else if phoneKind < 0.13 {
            phone = rng.pick(["090-12", "12345", "000-0000-0000", "090-1234-567X"])
        } else {
            phone = "\(rng.pick(["090", "080", "070"]))-\(rng.integer(in: 1000...9999))-\(rng.integer(in: 1000...9999))"
        }
        let email = rng.chance(0.8) ? "customer\(id)@example.jp" : ""
        let doNotCall = rng.chance(0.06) ? "1" : "0"
        out.append(id)
        out.append(",")
        out.appendField(name)
        out.append(",\(phone),\(email),")
        out.appendDay(signupDay)
        out.append(",\(doNotCall),")
        if rng.chance(0.25) {
            out.appendDay(configuration.lastDay - Int32(rng.integer(in: 0...180)))
        }
        out.append(",\(rng.pick(SyntheticHistory.prefectures)),\(rng.pick(SyntheticHistory.ageBands))\n")
    }

    func appendTruthRow(to out: inout TextFileBuilder, orders: Int) {
        out.append(SyntheticHistory.customerID(index))
        out.append(",")
        out.appendDay(signupDay)
        for value in [purchaseRate, growthPerYear, dropoutProbability, spendLevel, satisfaction, engagement] {
            out.append(",")
            out.appendDecimal(value, decimals: 6)
        }
        out.append(",")
        if let dropoutDay { out.appendDay(dropoutDay) }
        out.append(",\(orders)\n")
    }
}
