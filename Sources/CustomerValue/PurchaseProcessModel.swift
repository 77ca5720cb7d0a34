import Foundation

/// A model of when customers buy and whether they are still customers (BG/NBD, Pareto/NBD): from a
/// customer's frequency, recency and age it gives the probability they are alive and the purchases to
/// expect. Times are in the unit of the summary the model was fitted on.
public protocol PurchaseProcessModel: MaximumLikelihoodModel {
    /// The model's name on the command line and in files (`bgnbd`, `pareto-nbd`).
    static var name: String { get }
    /// The probability the customer is still alive at the cutoff.
    func probabilityAlive(frequency: Double, recency: Double, age: Double) -> Double
    /// The purchases to expect from the customer in the `within` time units after the cutoff.
    func expectedPurchases(within: Double, frequency: Double, recency: Double, age: Double) -> Double
    /// The purchases to expect from a new customer in their first `within` time units.
    func expectedPurchasesOfNewCustomer(within: Double) -> Double
}

extension PurchaseProcessModel {
    /// The discounted value of the customer's expected purchases over `horizon` time units: the horizon
    /// cut into periods of `period` units (the last one may be shorter), each period's expected purchases
    /// (the growth of the cumulative expectation) × `orderValue`, discounted by (1 + `discountRate`)^(t/period)
    /// at the period's end t. With `period` 4.345 weeks, a 12-period horizon and a monthly rate this is
    /// `lifetimes`' `customer_lifetime_value`.
    public func discountedValue(frequency: Double, recency: Double, age: Double, orderValue: Double, horizon: Double,
                                period: Double, discountRate: Double) -> Double {
        guard horizon > 0, period > 0 else { return 0 }
        var value = 0.0
        var previousTime = 0.0, previousPurchases = 0.0
        var step = 1.0
        while previousTime < horizon {
            let time = min(step * period, horizon)
            let purchases = expectedPurchases(within: time, frequency: frequency, recency: recency, age: age)
            value += orderValue * (purchases - previousPurchases) / Foundation.pow(1 + discountRate, time / period)
            previousTime = time
            previousPurchases = purchases
            step += 1
        }
        return value
    }
}
