import Features
import Foundation
import OrderHistory

/// How contacts are grouped into campaigns.
public enum CampaignGrouping: String, Sendable, Codable, CaseIterable {
    /// One campaign per list and contact date.
    case contactDate = "date"
    /// One campaign per list and week (Monday to Sunday), named by its Monday.
    case week
}

/// One arm of a list or campaign: who was in it and what they bought in the window after their contact.
public struct OutcomeArm: Sendable, Equatable, Codable {
    /// Contacts in the arm (a customer on two campaigns of a list counts twice in the list's figures).
    public var customers: Int
    /// Those with net spend above zero in the window after their contact.
    public var purchasers: Int
    /// purchasers / customers (nil for an empty arm).
    public var purchaseRate: Double?
    /// Mean net spend in the window, zero for non-buyers (nil for an empty arm).
    public var spendPerCustomer: Double?
    /// Called contacts the agents reached, where the history records it (nil for control and when not recorded).
    public var reached: Int?
}

/// What the calls of one list (or one campaign of it) did, called against control.
public struct OutcomeResult: Sendable, Equatable, Codable {
    /// The list name (`all` when the contact history names none).
    public var list: String
    /// The campaign: its contact date, or the Monday of its week (nil for a whole list).
    public var campaign: String?
    /// The called arm.
    public var called: OutcomeArm
    /// The control arm.
    public var control: OutcomeArm
    /// Called minus control purchase rate, with Newcombe's hybrid score 95% interval.
    public var purchaseRateLift: IntervalEstimate?
    /// Called minus control spend per customer, with Welch's 95% interval.
    public var spendPerCustomerLift: IntervalEstimate?
    /// The purchase-rate difference over the control rate (nil when the control rate is 0).
    public var relativeLift: Double?
    /// The purchase-rate difference × called customers.
    public var incrementalPurchasers: Double?
    /// The spend difference × called customers.
    public var incrementalRevenue: Double?
    /// Calls made / incremental purchasers × the cost of a call, with `--cost-per-call` and a positive
    /// effect.
    public var costPerIncrementalPurchaser: Double?
    /// The purchase-rate effect on the reached (the complier average: the difference over the share of
    /// called customers reached, interval scaled the same), where `reached` is recorded.
    public var reachedPurchaseRateLift: IntervalEstimate?
    /// `raised`, `lowered`, or `too few to tell` (the purchase-rate interval spans zero).
    public var verdict: String
    /// With `too few to tell`: customers per group that would detect the observed difference at 80% power.
    public var customersNeededPerGroup: Int?
}

/// The outcome of the campaigns in a contact history, measured on the orders.
public struct OutcomeReport: Sendable, Equatable, Codable {
    /// The day the orders are complete to, yyyy-MM-dd.
    public var asOf: String
    /// The window after each contact, in days: purchases on days (d, d + window].
    public var windowDays: Int
    /// How campaigns are grouped.
    public var by: CampaignGrouping
    /// The cost of a call, when given.
    public var costPerCall: Double?
    /// Contact rows read (after duplicates were merged).
    public var contacts: Int
    /// Contacts whose window ends after the as-of date: counted, left out of the figures.
    public var incomplete: Int
    /// Contacts dated after the as-of date: counted, left out.
    public var afterAsOf: Int
    /// Contacts (in the figures) of customers with no order at all in the orders: non-buyers.
    public var withoutOrderHistory: Int
    /// Each list, all its complete campaigns together, by list name.
    public var lists: [OutcomeResult]
    /// Each campaign, by list then date.
    public var campaigns: [OutcomeResult]
}

/// Measures what the calls did: for each list and campaign of a contact history, the called against the
/// control group on purchases (net spend above zero) and spend (net of returns, zero for non-buyers) in
/// the window after each contact.
public enum CampaignOutcomes {
    /// The report for `contacts` on `orders` (whose customer indices share one registry of
    /// `customerCount` customers), with a window of `windowDays` after each contact, as of `asOfDay`.
    public static func measure(contacts: ContactLog, orders: OrderLog, customerCount: Int, windowDays: Int, asOfDay: Int32,
                               by grouping: CampaignGrouping = .contactDate, costPerCall: Double? = nil) -> OutcomeReport {
        precondition(windowDays > 0, "the outcome window must be positive")
        let timeline = CustomerTimeline(log: orders, customerCount: customerCount)
        var lists: [String: Tally] = [:]
        var campaigns: [CampaignKey: Tally] = [:]
        var incomplete = 0, afterAsOf = 0, withoutOrders = 0
        for index in 0..<contacts.count {
            let day = contacts.day[index]
            if day > asOfDay {
                afterAsOf += 1
                continue
            }
            if Int(day) + windowDays > Int(asOfDay) {
                incomplete += 1
                continue
            }
            let customer = Int(contacts.customerIndex[index])
            if timeline.records(of: customer).isEmpty { withoutOrders += 1 }
            let net = Labels.netSpend(log: orders, grouped: timeline, customer: customer, after: day, days: windowDays)
            let list = contacts.listName(index)
            let campaignDay = grouping == .week ? day - Int32((Int(day) + 3) % 7) : day
            let observation = Observation(group: contacts.group[index], spend: net > 0 ? net : 0, reached: contacts.reached[index])
            lists[list, default: Tally()].add(observation)
            campaigns[CampaignKey(list: list, day: campaignDay), default: Tally()].add(observation)
        }
        let listResults = lists.keys.sorted().map { result(lists[$0]!, list: $0, campaign: nil, costPerCall: costPerCall) }
        let campaignResults = campaigns.keys.sorted { ($0.list, $0.day) < ($1.list, $1.day) }.map {
            result(campaigns[$0]!, list: $0.list, campaign: CalendarDay.isoString($0.day), costPerCall: costPerCall)
        }
        return OutcomeReport(asOf: CalendarDay.isoString(asOfDay), windowDays: windowDays, by: grouping, costPerCall: costPerCall,
                             contacts: contacts.count, incomplete: incomplete, afterAsOf: afterAsOf,
                             withoutOrderHistory: withoutOrders, lists: listResults, campaigns: campaignResults)
    }

    private struct CampaignKey: Hashable {
        let list: String
        let day: Int32
    }

    private struct Observation {
        let group: ContactGroup
        let spend: Double
        let reached: Int8
    }

    /// The observations of one list or campaign, by arm, in the order of the contact history.
    private struct Tally {
        var calledSpend: [Double] = []
        var controlSpend: [Double] = []
        var reached = 0
        var reachRecorded = 0

        mutating func add(_ observation: Observation) {
            switch observation.group {
            case .call:
                calledSpend.append(observation.spend)
                if observation.reached >= 0 {
                    reachRecorded += 1
                    reached += Int(observation.reached)
                }
            case .control:
                controlSpend.append(observation.spend)
            }
        }
    }

    private static func arm(_ spend: [Double], reached: Int?) -> OutcomeArm {
        let purchasers = spend.filter { $0 > 0 }.count
        return OutcomeArm(customers: spend.count, purchasers: purchasers,
                          purchaseRate: spend.isEmpty ? nil : Double(purchasers) / Double(spend.count),
                          spendPerCustomer: spend.isEmpty ? nil : Intervals.compensatedSum(spend) / Double(spend.count),
                          reached: reached)
    }

    private static func result(_ tally: Tally, list: String, campaign: String?, costPerCall: Double?) -> OutcomeResult {
        let called = arm(tally.calledSpend, reached: tally.reachRecorded > 0 ? tally.reached : nil)
        let control = arm(tally.controlSpend, reached: nil)
        let rate = Intervals.newcombeDifference(x1: called.purchasers, n1: called.customers,
                                                x2: control.purchasers, n2: control.customers)
        let spend = Intervals.welchDifference(tally.calledSpend, tally.controlSpend)
        var outcome = OutcomeResult(list: list, campaign: campaign, called: called, control: control, purchaseRateLift: rate,
                                    spendPerCustomerLift: spend, verdict: "too few to tell")
        if let rate {
            if let controlRate = control.purchaseRate, controlRate > 0 { outcome.relativeLift = rate.estimate / controlRate }
            outcome.incrementalPurchasers = rate.estimate * Double(called.customers)
            if let costPerCall, rate.estimate > 0 {
                outcome.costPerIncrementalPurchaser = costPerCall * Double(called.customers) / outcome.incrementalPurchasers!
            }
            outcome.verdict = rate.spansZero ? "too few to tell" : (rate.estimate > 0 ? "raised" : "lowered")
            if rate.spansZero, let p1 = called.purchaseRate, let p2 = control.purchaseRate {
                outcome.customersNeededPerGroup = Intervals.sizeToDetectRates(p1, p2)
            }
            if tally.reachRecorded > 0, tally.reached > 0 {
                let share = Double(tally.reached) / Double(tally.reachRecorded)
                outcome.reachedPurchaseRateLift = IntervalEstimate(estimate: rate.estimate / share, low: rate.low / share,
                                                                   high: rate.high / share)
            }
        }
        if let spend { outcome.incrementalRevenue = spend.estimate * Double(called.customers) }
        return outcome
    }
}
