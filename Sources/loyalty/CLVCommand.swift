import ArgumentParser
import CustomerValue
import Features
import Foundation
import OrderHistory

extension PurchaseModelKind: ExpressibleByArgument {}
extension TimeUnit: ExpressibleByArgument {}

/// `loyalty clv`: probabilistic customer lifetime value (BG/NBD or Pareto/NBD with Gamma-Gamma).
struct CLVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clv",
        abstract: "Probabilistic lifetime value: P(alive), expected purchases, order value and value over a horizon, per customer.",
        discussion: """
            Fits a purchase model (BG/NBD or Pareto/NBD) and Gamma-Gamma by maximum likelihood on every
            customer's purchases up to --as-of. A purchase is a day with a net amount (orders less returns)
            above zero. The CSV has one row per customer with a purchase by then: frequency (repeat
            purchases), recency and age (T) in the time unit, mean repeat value, P(alive), expected purchases
            and order value, and expected value over --horizon (discounted at --discount-rate a year, at the
            end of each 30-day period). The fitted parameters, their standard errors and the log-likelihood
            are printed; a fit whose optimum lies on the boundary says so and what it did about it. When the
            orders go on after --as-of, predicted purchases are checked against the holdout by frequency.

            Example:
              loyalty clv --orders notebooks-data/orders.csv --as-of 2023-06-30 --horizon 365d --out clv.csv
            """
    )

    @Option(help: "The orders file.")
    var orders: String
    @Option(help: "The cutoff (yyyy-MM-dd): only orders on or before it are fitted. Default: the last order date.")
    var asOf: String?
    @Option(help: "The days after the cutoff the expectations cover (365d, 52w).")
    var horizon: String = "365d"
    @Option(help: "The purchase model (\(PurchaseModelKind.allCases.map(\.rawValue).joined(separator: ", "))).")
    var model: PurchaseModelKind = .bgnbd
    @Option(help: "The unit of recency, age and the rate parameters (days, weeks).")
    var timeUnit: TimeUnit = .weeks
    @Option(help: "The yearly discount rate of future value (0.1 for 10%).")
    var discountRate: Double = 0
    @Flag(help: "Print one JSON object (model, parameters, standard errors, log-likelihood, holdout check) instead of text.")
    var json = false
    @Option(help: "The per-customer CSV to write.")
    var out: String?
    @OptionGroup var input: InputOptions
    @OptionGroup var settingsFile: ConfigOption

    func validate() throws {
        guard discountRate.isFinite, discountRate >= 0, discountRate < 10 else {
            throw ValidationError("--discount-rate \(discountRate): expected a yearly rate from 0 to 10 (0.1 for 10%)")
        }
    }

    func run() throws {
        if let out { try OutputPath.check(out) }
        var settings = LifetimeValueAnalysis.Settings()
        settings.model = model
        settings.timeUnit = timeUnit
        settings.horizonDays = try parseDays(horizon, flag: "--horizon")
        settings.yearlyDiscountRate = discountRate
        var registry = CustomerRegistry()
        let (log, fileSummary) = try OrderReader.read(path: orders, options: try input.readOptions(), registry: &registry)
        try input.quarantine(fileSummary.badRows, of: orders)
        let asOfDay = try cutoffDay(asOf: asOf, lastOrderDay: fileSummary.lastDay, orders: orders)
        let grouped = CustomerTimeline(log: log, customerCount: registry.count)
        let analysis = LifetimeValueAnalysis(log: log, grouped: grouped, asOfDay: asOfDay, lastOrderDay: fileSummary.lastDay,
                                             settings: settings)
        guard analysis.summary.count > 0 else {
            throw UsageError(message: "\(orders): no customer has a purchase (a day with a net amount above zero) on or before \(CalendarDay.isoString(asOfDay))")
        }
        guard analysis.purchaseFit.logLikelihood.isFinite else {
            throw UsageError(message: "\(orders): the \(model.rawValue) fit found no parameters with a finite likelihood on \(analysis.summary.count) customers")
        }
        if let out {
            try AtomicFile.write(Data(Self.csv(analysis, registry: registry).utf8), to: out)
        }
        let result = Self.result(analysis, asOfDay: asOfDay)
        if json {
            print(try jsonText(result))
        } else {
            print(Self.text(result))
        }
        if let out { printError("wrote \(out)") }
    }

    /// What `--json` prints.
    struct Result: Encodable {
        var model: String
        var timeUnit: String
        var asOf: String
        var horizonDays: Int
        var yearlyDiscountRate: Double
        var customers: Int
        var parameters: [String: Double]
        var standardErrors: [String: Double?]
        var logLikelihood: Double
        var converged: Bool
        var gradientNorm: Double
        var iterations: Int
        var starts: Int
        var boundary: NullableText
        var penalty: Double
        var gammaGamma: LifetimeValueAnalysis.FitSummary?
        var orderValueSource: String
        var meanProbabilityAlive: Double
        var totalExpectedPurchases: Double
        var totalExpectedValue: Double
        var holdoutDays: Int
        var calibration: [LifetimeValueAnalysis.CalibrationGroup]?
    }

    static func result(_ analysis: LifetimeValueAnalysis, asOfDay: Int32) -> Result {
        let fit = analysis.purchaseFit
        let count = Double(max(1, analysis.summary.count))
        return Result(model: analysis.settings.model.rawValue, timeUnit: analysis.settings.timeUnit.rawValue,
                      asOf: CalendarDay.isoString(asOfDay), horizonDays: analysis.settings.horizonDays,
                      yearlyDiscountRate: analysis.settings.yearlyDiscountRate, customers: analysis.summary.count,
                      parameters: fit.parameters, standardErrors: fit.standardErrors, logLikelihood: fit.logLikelihood,
                      converged: fit.converged, gradientNorm: fit.gradientNorm, iterations: fit.iterations, starts: fit.starts,
                      boundary: NullableText(fit.boundary), penalty: fit.penalty, gammaGamma: analysis.spendFit,
                      orderValueSource: analysis.orderValueSource,
                      meanProbabilityAlive: analysis.probabilityAlive.reduce(0, +) / count,
                      totalExpectedPurchases: analysis.expectedPurchases.reduce(0, +),
                      totalExpectedValue: analysis.expectedValue.reduce(0, +), holdoutDays: analysis.holdoutDays,
                      calibration: analysis.calibration)
    }

    /// The per-customer table, in the order customers first appear in the file.
    static func csv(_ analysis: LifetimeValueAnalysis, registry: CustomerRegistry) -> String {
        var text = "customer_id,frequency,recency,age,monetary_value,p_alive,expected_purchases,expected_order_value,expected_value\n"
        let summary = analysis.summary
        for index in 0..<summary.count {
            let fields = [summary.frequency[index], summary.recency[index], summary.age[index], summary.monetaryValue[index],
                          analysis.probabilityAlive[index], analysis.expectedPurchases[index],
                          analysis.expectedOrderValue[index], analysis.expectedValue[index]].map(number)
            text += csvField(registry.ids[Int(summary.customer[index])]) + "," + fields.joined(separator: ",") + "\n"
        }
        return text
    }

    static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "" }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func text(_ result: Result) -> String {
        let names = result.model == PurchaseModelKind.bgnbd.rawValue ? BetaGeometricNBD.parameterNames : ParetoNBD.parameterNames
        var lines = ["Lifetime value as of \(result.asOf): \(result.model) and Gamma-Gamma on \(grouped(result.customers)) customers "
                     + "(time in \(result.timeUnit)), horizon \(result.horizonDays) days"]
        func parameterLine(_ name: String, _ value: Double?, _ error: Double??) -> String {
            let shown = value.map { String(format: "%.6g", $0) } ?? "-"
            let se = (error ?? nil).map { String(format: "%.4g", $0) } ?? "-"
            return "  \(name.padding(toLength: 6, withPad: " ", startingAt: 0)) \(shown.leftPadded(12))   se \(se)"
        }
        for name in names { lines.append(parameterLine(name, result.parameters[name], result.standardErrors[name])) }
        lines.append(String(format: "  log-likelihood %.4f; %@ after %d iterations (largest gradient %.2g, %d starts)",
                            result.logLikelihood, result.converged ? "converged" : "not converged", result.iterations,
                            result.gradientNorm, result.starts))
        if let boundary = result.boundary.text { lines.append("  boundary: \(boundary)") }
        if let spend = result.gammaGamma {
            lines.append("Gamma-Gamma on \(grouped(spend.customers)) customers with a repeat purchase:")
            for name in GammaGamma.parameterNames { lines.append(parameterLine(name, spend.parameters[name], spend.standardErrors[name])) }
            lines.append(String(format: "  log-likelihood %.4f", spend.logLikelihood))
            if let boundary = spend.boundary { lines.append("  boundary: \(boundary)") }
        }
        lines.append("  order value: \(result.orderValueSource)")
        lines.append(String(format: "Mean P(alive) %.3f; expected purchases in the horizon %@; expected value %@",
                            result.meanProbabilityAlive, String(format: "%.1f", result.totalExpectedPurchases),
                            money(result.totalExpectedValue)))
        if let calibration = result.calibration {
            lines.append("Holdout check: purchases in the \(result.holdoutDays) days after \(result.asOf), by calibration frequency")
            lines.append("  frequency  customers  predicted  actual")
            for group in calibration {
                let label = group.frequency == 7 ? "7+" : "\(group.frequency)"
                lines.append("  " + [label.leftPadded(9), grouped(group.customers).leftPadded(10),
                                     String(format: "%.3f", group.predicted).leftPadded(10),
                                     String(format: "%.3f", group.actual).leftPadded(7)].joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }
}


/// Text that is written as JSON null when absent (a key the contract always holds).
struct NullableText: Encodable {
    var text: String?
    init(_ text: String?) { self.text = text }
    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let text { try container.encode(text) } else { try container.encodeNil() }
    }
}
