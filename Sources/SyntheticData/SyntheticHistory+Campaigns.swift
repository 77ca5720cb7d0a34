import Foundation
import OrderHistory
import ScoringCore

/// How a customer answers a call, the four kinds of uplift modelling.
enum CallResponse: String {
    /// Buys because of the call: a reached call adds an order in the window with `persuadableChance`.
    case persuadable
    /// Buys anyway: the call changes nothing.
    case sureThing = "sure_thing"
    /// Does not buy either way: the call changes nothing.
    case lostCause = "lost_cause"
    /// Put off by the call: a reached call removes the window's orders with `annoyedChance`.
    case doNotDisturb = "do_not_disturb"
}

/// Simulated retention campaigns in the past history (`Configuration.campaigns` > 0): every 35 days, a
/// share of the active customers is put on a call list, a fifth of them held out as control; 70% of the
/// called are reached, and a reached call acts as the customer's `CallResponse` says. Each contact's
/// potential outcomes (bought in the 30 days after the list's date without the call, and with it) go to
/// `campaign_truth.csv`, so the measured lift can be checked against the true one.
struct CampaignSimulation {
    /// Days from a list's date to the end of its window.
    static let windowDays: Int32 = 30
    /// Days between two campaigns.
    static let spacingDays: Int32 = 35
    /// The share of active customers put on each list.
    static let listedShare = 0.12
    /// The share of a list held out as control.
    static let controlShare = 0.2
    /// The share of calls that reach the customer.
    static let reachRate = 0.7
    /// A reached persuadable's chance of an extra order in the window.
    static let persuadableChance = 0.45
    /// A reached do-not-disturb customer's chance of buying nothing in the window.
    static let annoyedChance = 0.6

    /// The list dates of `count` campaigns, the last window ending 15 days before the history does.
    static func days(count: Int, lastDay: Int32) -> [Int32] {
        (0..<count).map { lastDay - 15 - windowDays - spacingDays * Int32(count - 1 - $0) }
    }

    /// One customer's contact, with its potential outcomes.
    struct Contact {
        let day: Int32
        let isControl: Bool
        let reached: Bool
        let response: CallResponse
        let boughtWithoutCall: Bool
        let boughtWithCall: Bool
    }

    /// The customer's kind of response, from their traits: satisfied occasional buyers can be persuaded,
    /// frequent buyers buy anyway, unhappy ones are put off, the rest are lost causes (each rule holds
    /// for 80% of those it names, so the kind is learnable, not certain).
    static func response(of customer: LatentCustomer, rng: inout SplitMix64) -> CallResponse {
        let ruled: CallResponse = customer.satisfaction < -0.9 ? .doNotDisturb
            : customer.purchaseRate >= 7 ? .sureThing
            : customer.satisfaction > -0.2 ? .persuadable : .lostCause
        if rng.chance(0.8) { return ruled }
        return rng.pick([CallResponse.persuadable, .sureThing, .lostCause, .doNotDisturb])
    }

    /// Puts `customer` (whose orders without calls are `rows`) on at most one of the lists, applies a
    /// reached call's effect to `rows`, and returns the contact.
    static func simulate(_ customer: LatentCustomer, rows: inout [(day: Int32, row: OrderRow)], campaignDays: [Int32],
                         seed: UInt64) -> Contact? {
        var rng = SplitMix64(seed: seed, stream: UInt64(customer.index) | (1 << 40))
        let response = response(of: customer, rng: &rng)
        for day in campaignDays {
            // Active: a purchase in the year before the list's date.
            let active = rows.contains { $0.row.amount > 0 && $0.day <= day && $0.day > day - 365 }
            guard active, rng.chance(listedShare) else { continue }
            let isControl = rng.chance(controlShare)
            let reached = rng.chance(reachRate)
            let acts = reached && (response == .persuadable ? rng.chance(persuadableChance)
                                   : response == .doNotDisturb ? rng.chance(annoyedChance) : false)
            let extraDay = day + Int32(rng.integer(in: 1...Int(windowDays)))
            let extraAmount = Int64((customer.spendLevel * Foundation.exp(0.35 * rng.normal()) / 10).rounded()) * 10
            var called = rows
            if acts && response == .persuadable {
                called.append((extraDay, OrderRow(customer: Int32(customer.index), amount: max(extraAmount, 100),
                                                  channel: customer.channel, category: 0)))
            } else if acts && response == .doNotDisturb {
                called.removeAll { $0.day > day && $0.day <= day + windowDays }
            }
            let contact = Contact(day: day, isControl: isControl, reached: !isControl && reached, response: response,
                                  boughtWithoutCall: bought(rows, after: day), boughtWithCall: bought(called, after: day))
            if !isControl { rows = called }
            return contact
        }
        return nil
    }

    /// Whether net spend in the window after `day` is above zero.
    static func bought(_ rows: [(day: Int32, row: OrderRow)], after day: Int32) -> Bool {
        rows.filter { $0.day > day && $0.day <= day + windowDays }.reduce(Int64(0)) { $0 + $1.row.amount } > 0
    }
}
