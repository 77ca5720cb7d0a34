import Foundation
import OrderHistory

/// Which purchase model a lifetime-value analysis fits.
public enum PurchaseModelKind: String, Sendable, CaseIterable, Codable {
    /// BG/NBD (`BetaGeometricNBD`).
    case bgnbd
    /// Pareto/NBD (`ParetoNBD`).
    case paretoNBD = "pareto-nbd"
}

/// Probabilistic customer lifetime value as of a cutoff: a purchase model (BG/NBD or Pareto/NBD) and
/// Gamma-Gamma fitted on every customer's purchase summary, then per customer P(alive), expected purchases
/// and order value over the horizon and their (discounted) product; with orders after the cutoff, the
/// predicted purchases against those that happened, by frequency.
public struct LifetimeValueAnalysis: Sendable {
    /// What to fit and over what horizon.
    public struct Settings: Sendable {
        /// The purchase model.
        public var model: PurchaseModelKind = .bgnbd
        /// The unit the models measure time in.
        public var timeUnit: TimeUnit = .weeks
        /// The days after the cutoff the expectations cover.
        public var horizonDays = 365
        /// The yearly discount rate of future value (0: none), applied at the end of each 30-day period.
        public var yearlyDiscountRate = 0.0
        /// Most customers the parameters are fitted on (a fixed sample by a hash of the customer's index
        /// when there are more; predictions are made for everyone); nil for all.
        public var maximumFitCustomers: Int?
        /// Settings with the defaults (BG/NBD, weeks, 365 days, no discounting).
        public init() {}
    }

    /// One group of the holdout check: customers of one calibration frequency (the last group is "and more").
    public struct CalibrationGroup: Sendable, Codable, Equatable {
        /// The calibration frequency (repeat purchases); the last group holds this many or more.
        public var frequency: Int
        /// Customers in the group.
        public var customers: Int
        /// Mean predicted purchases in the holdout.
        public var predicted: Double
        /// Mean actual purchases (net-positive days) in the holdout.
        public var actual: Double
    }

    /// The fitted parameters and the search, for the report and `--json`.
    public struct FitSummary: Sendable, Codable, Equatable {
        /// Parameters by name.
        public var parameters: [String: Double]
        /// Standard errors by name (NaN where the Hessian is not positive definite is written as null).
        public var standardErrors: [String: Double?]
        /// The log-likelihood at the parameters.
        public var logLikelihood: Double
        /// Customers fitted.
        public var customers: Int
        /// Whether the gradient tolerance was met.
        public var converged: Bool
        /// The largest gradient component at the end (mean log-likelihood per customer, rescaled log-parameters).
        public var gradientNorm: Double
        /// BFGS iterations of the winning start.
        public var iterations: Int
        /// Starting points tried.
        public var starts: Int
        /// A boundary optimum and what was done about it, in words; nil inside.
        public var boundary: String?
        /// The ridge penalty used to stay inside the boundary (0: none).
        public var penalty: Double

        init<Model>(_ fit: MaximumLikelihoodFit<Model>) {
            parameters = Dictionary(uniqueKeysWithValues: fit.namedParameters.map { ($0.name, $0.value) })
            standardErrors = Dictionary(uniqueKeysWithValues: zip(Model.parameterNames, fit.standardErrors).map {
                ($0, $1.isFinite ? $1 : nil)
            })
            logLikelihood = fit.logLikelihood
            customers = fit.rows
            converged = fit.report.converged
            gradientNorm = fit.report.gradientNorm
            iterations = fit.report.iterations
            starts = fit.report.starts
            boundary = fit.boundary
            penalty = fit.penalty
        }
    }

    /// The settings used.
    public var settings: Settings
    /// The purchase summary the models were fitted on.
    public var summary: PurchaseSummary
    /// The purchase model's fit.
    public var purchaseFit: FitSummary
    /// Gamma-Gamma's fit; nil when fewer than `minimumSpendCustomers` customers had a repeat purchase or
    /// the fit left the mean spend infinite (then each customer's own mean, or the mean purchase day, is used).
    public var spendFit: FitSummary?
    /// How order values were found, in words.
    public var orderValueSource: String
    /// Per row of `summary`: P(alive) at the cutoff.
    public var probabilityAlive: [Double]
    /// Per row: expected purchases over the horizon.
    public var expectedPurchases: [Double]
    /// Per row: expected value of a future purchase.
    public var expectedOrderValue: [Double]
    /// Per row: expected value over the horizon, discounted.
    public var expectedValue: [Double]
    /// The holdout check, when the orders go on after the cutoff; nil otherwise.
    public var calibration: [CalibrationGroup]?
    /// The days of orders after the cutoff the holdout check covers (0 without one).
    public var holdoutDays: Int

    /// The fewest customers with a repeat purchase Gamma-Gamma is fitted on.
    public static let minimumSpendCustomers = 20

    /// Fits and predicts for every customer with a purchase day on or before `asOfDay`.
    public init(log: OrderLog, grouped: CustomerTimeline, asOfDay: Int32, lastOrderDay: Int32?, settings: Settings = Settings()) {
        let summary = PurchaseSummary(log: log, grouped: grouped, asOfDay: asOfDay, timeUnit: settings.timeUnit)
        self.init(summary: summary, settings: settings)
        if let lastOrderDay, lastOrderDay > asOfDay {
            let days = min(settings.horizonDays, Int(lastOrderDay - asOfDay))
            holdoutDays = days
            calibration = Self.calibration(summary: summary, model: purchaseModel,
                                           actual: summary.holdoutPurchases(log: log, grouped: grouped, days: days),
                                           within: Double(days) / settings.timeUnit.days)
        }
    }

    /// The fitted purchase model.
    public let purchaseModel: any PurchaseProcessModel

    /// Fits and predicts on a summary given directly.
    public init(summary: PurchaseSummary, settings: Settings = Settings()) {
        self.settings = settings
        self.summary = summary
        let fitted = Self.fitSample(summary, limit: settings.maximumFitCustomers)
        let rows = fitted.map { SIMD4(summary.frequency[$0], summary.recency[$0], summary.age[$0], 0) }
        let model: any PurchaseProcessModel
        switch settings.model {
        case .bgnbd:
            let fit = MaximumLikelihoodFit<BetaGeometricNBD>(rows: rows)
            model = fit.model
            purchaseFit = FitSummary(fit)
        case .paretoNBD:
            let fit = MaximumLikelihoodFit<ParetoNBD>(rows: rows)
            model = fit.model
            purchaseFit = FitSummary(fit)
        }
        purchaseModel = model
        let spendRows = fitted.count == summary.count ? GammaGamma.rows(of: summary)
            : fitted.compactMap { summary.frequency[$0] > 0 && summary.monetaryValue[$0] > 0 ? SIMD4(summary.frequency[$0], summary.monetaryValue[$0], 0, 0) : nil }
        var spend: GammaGamma?
        if spendRows.count >= Self.minimumSpendCustomers {
            let fit = MaximumLikelihoodFit<GammaGamma>(rows: spendRows)
            spendFit = FitSummary(fit)
            if fit.model.populationMeanValue.isFinite, fit.logLikelihood.isFinite { spend = fit.model }
        } else {
            spendFit = nil
        }
        let repeatValues = zip(summary.frequency, summary.monetaryValue).filter { $0.0 > 0 }.map(\.1)
        let meanRepeatValue = repeatValues.isEmpty ? 0 : repeatValues.reduce(0, +) / Double(repeatValues.count)
        orderValueSource = spend != nil
            ? "Gamma-Gamma: each customer's mean repeat purchase pulled towards the population mean"
            : "each customer's mean repeat purchase (the mean over all customers without one): Gamma-Gamma "
                + (spendRows.count < Self.minimumSpendCustomers ? "needs \(Self.minimumSpendCustomers) customers with a repeat purchase"
                                                                : "left the population mean infinite (q ≤ 1)")
        let horizon = Double(settings.horizonDays) / settings.timeUnit.days
        let period = 30 / settings.timeUnit.days
        let periodRate = Foundation.pow(1 + settings.yearlyDiscountRate, 30.0 / 365) - 1
        var alive: [Double] = [], purchases: [Double] = [], orderValues: [Double] = [], values: [Double] = []
        for index in 0..<summary.count {
            let x = summary.frequency[index], recency = summary.recency[index], age = summary.age[index]
            alive.append(model.probabilityAlive(frequency: x, recency: recency, age: age))
            purchases.append(model.expectedPurchases(within: horizon, frequency: x, recency: recency, age: age))
            let orderValue = spend?.expectedOrderValue(frequency: x, monetaryValue: summary.monetaryValue[index])
                ?? (x > 0 ? summary.monetaryValue[index] : meanRepeatValue)
            orderValues.append(orderValue)
            values.append(model.discountedValue(frequency: x, recency: recency, age: age, orderValue: orderValue,
                                                horizon: horizon, period: period, discountRate: periodRate))
        }
        probabilityAlive = alive
        expectedPurchases = purchases
        expectedOrderValue = orderValues
        expectedValue = values
        calibration = nil
        holdoutDays = 0
    }

    /// The positions of `summary` the parameters are fitted on: all, or about `limit` of them chosen by a
    /// hash of each customer's index (the same sample for the same customers on every run).
    static func fitSample(_ summary: PurchaseSummary, limit: Int?) -> [Int] {
        guard let limit, summary.count > limit else { return Array(0..<summary.count) }
        let share = Double(limit) / Double(summary.count)
        return (0..<summary.count).filter { position in
            var hash = UInt64(UInt32(bitPattern: summary.customer[position])) &+ 0x9E37_79B9_7F4A_7C15
            hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
            hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
            hash ^= hash >> 31
            return Double(hash >> 11) / Double(1 << 53) < share
        }
    }

    /// Mean predicted against mean actual holdout purchases by calibration frequency 0…6 and 7 or more.
    static func calibration(summary: PurchaseSummary, model: any PurchaseProcessModel, actual: [Double],
                            within: Double) -> [CalibrationGroup] {
        let groups = 8
        var customers = [Int](repeating: 0, count: groups)
        var predicted = [Double](repeating: 0, count: groups), happened = [Double](repeating: 0, count: groups)
        for index in 0..<summary.count {
            let group = min(Int(summary.frequency[index]), groups - 1)
            customers[group] += 1
            predicted[group] += model.expectedPurchases(within: within, frequency: summary.frequency[index],
                                                        recency: summary.recency[index], age: summary.age[index])
            happened[group] += actual[index]
        }
        return (0..<groups).filter { customers[$0] > 0 }.map {
            CalibrationGroup(frequency: $0, customers: customers[$0], predicted: predicted[$0] / Double(customers[$0]),
                             actual: happened[$0] / Double(customers[$0]))
        }
    }
}
