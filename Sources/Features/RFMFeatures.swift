import Foundation
import OrderHistory

/// The RFM family: recency, frequency, monetary value, order rhythm, returns and trend, per customer as
/// of a cutoff T (only orders dated on or before T).
///
/// Definitions (see the catalog in `Guides/Features.md`): a *purchase* is an order that is not a return;
/// a window of w days is the days (T − w, T]; spend is *net*: the purchase amounts minus the returns
/// (cancellations and negative orders) dated in the window, so a cancelled order adds nothing; the mean
/// order value is net spend over purchases. Returns are also counted and summed (as positive amounts).
/// Values that need data a customer does not have (no
/// purchase yet, a single purchase for gaps) are `NaN`, not 0.
public enum RFMFeatures {
    /// `days_since_last_purchase`: days from the last purchase to the cutoff (`NaN`: never bought).
    public static let daysSinceLastPurchase = "days_since_last_purchase"
    /// `days_since_first_purchase`: days from the first purchase to the cutoff (`NaN`: never bought).
    public static let daysSinceFirstPurchase = "days_since_first_purchase"
    /// `orders_365d`: purchases in the last 365 days.
    public static let orders365 = "orders_365d"
    /// `spend_365d`: net spend in the last 365 days.
    public static let spend365 = "spend_365d"

    /// Window lengths in days for counts and sums.
    public static let windows = [30, 90, 180, 365]

    /// The feature names, in column order.
    public static var names: [String] {
        var names = ["days_since_last_purchase", "days_since_first_purchase"]
        for window in windows { names += ["orders_\(window)d", "spend_\(window)d"] }
        names += ["orders_all", "spend_all", "mean_order_value", "max_order_value", "mean_days_between_orders",
                  "sd_days_between_orders", "returns_count", "returns_amount", "orders_trend_90d",
                  "distinct_purchase_days"]
        return names
    }

    /// Adds the RFM columns for every customer of `grouped` as of `asOfDay`.
    public static func add(to table: inout FeatureTable, log: OrderLog, grouped: CustomerTimeline) {
        let asOf = table.asOfDay
        let count = grouped.customerCount
        var columns = [[Double]](repeating: [Double](repeating: .nan, count: count), count: names.count)
        var gaps: [Double] = []
        for customer in 0..<count {
            var firstDay: Int32?
            var lastDay: Int32?
            var windowOrders = [Double](repeating: 0, count: windows.count)
            var windowSpend = [Double](repeating: 0, count: windows.count)
            var purchases = 0.0, spend = 0.0, maxValue = -Double.infinity
            var returns = 0.0, returnsAmount = 0.0
            var recent = 0.0, previous = 0.0
            var distinctDays = 0.0
            var previousPurchaseDay: Int32?
            gaps.removeAll(keepingCapacity: true)
            for order in grouped.records(of: customer) {
                let index = Int(order)
                let day = log.day[index]
                if day > asOf { break }  // sorted by day: nothing later may be read
                let amount = log.amount[index]
                if log.flags[index].contains(.isReturn) {
                    // Net of returns: a return takes its amount off the spend of every window it falls in.
                    returns += 1
                    returnsAmount += abs(amount)
                    spend -= abs(amount)
                    let age = Int(asOf - day)
                    for (offset, window) in windows.enumerated() where age < window { windowSpend[offset] -= abs(amount) }
                    continue
                }
                if firstDay == nil { firstDay = day }
                lastDay = day
                purchases += 1
                spend += amount
                maxValue = max(maxValue, amount)
                let age = Int(asOf - day)
                for (offset, window) in windows.enumerated() where age < window {
                    windowOrders[offset] += 1
                    windowSpend[offset] += amount
                }
                if age < 90 { recent += 1 } else if age < 180 { previous += 1 }
                if let previousDay = previousPurchaseDay {
                    if day != previousDay {
                        distinctDays += 1
                        gaps.append(Double(day - previousDay))
                    }
                } else {
                    distinctDays = 1
                }
                previousPurchaseDay = day
            }
            var column = 0
            func set(_ value: Double) {
                columns[column][customer] = value
                column += 1
            }
            set(lastDay.map { Double(asOf - $0) } ?? .nan)
            set(firstDay.map { Double(asOf - $0) } ?? .nan)
            for offset in 0..<windows.count {
                set(windowOrders[offset])
                set(windowSpend[offset])
            }
            set(purchases)
            set(spend)
            set(purchases > 0 ? spend / purchases : .nan)
            set(purchases > 0 ? maxValue : .nan)
            let meanGap = gaps.isEmpty ? Double.nan : gaps.reduce(0, +) / Double(gaps.count)
            set(meanGap)
            set(gaps.count < 2 ? .nan : (gaps.map { ($0 - meanGap) * ($0 - meanGap) }.reduce(0, +) / Double(gaps.count - 1)).squareRoot())
            set(returns)
            set(returnsAmount)
            // Orders in the last 90 days relative to the 90 before: (recent − previous) / previous.
            set(previous > 0 ? (recent - previous) / previous : .nan)
            set(distinctDays)
        }
        for (name, values) in zip(names, columns) { table.add(name, values) }
    }
}

extension RFMFeatures: FeatureFamilyBuilder {
    /// A first purchase at most this many days before the cutoff makes a new customer: the reasons say
    /// "(new customer)" and the suggested action is a welcome.
    public static let newCustomerDays = 90.0

    /// The RFM columns from the orders.
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        add(to: &table, log: history.orders, grouped: history.orderTimeline)
    }

    /// The RFM columns: the fixed names, and `orders_<w>d`, `spend_<w>d`, `orders_trend_<w>d` for any
    /// window w (models trained with other windows keep their wording).
    public static func descriptor(for name: String) -> FeatureDescriptor? {
        guard let descriptor = untitledDescriptor(for: name) else { return nil }
        guard let (english, japanese) = title(of: name) else { return descriptor }
        return descriptor.titled(english, japanese)
    }

    /// The column's name in plain words, in English and Japanese.
    static func title(of name: String) -> (String, String)? {
        switch name {
        case daysSinceLastPurchase: return ("days since the last purchase", "最終購入からの日数")
        case daysSinceFirstPurchase: return ("days since the first purchase", "初回購入からの日数")
        case "orders_all": return ("orders in total", "累計注文数")
        case "spend_all": return ("net spend in total", "累計購入金額")
        case "mean_order_value": return ("average order value", "平均注文金額")
        case "max_order_value": return ("largest order", "最大注文金額")
        case "mean_days_between_orders": return ("average days between purchases", "平均購入間隔")
        case "sd_days_between_orders": return ("spread of the days between purchases", "購入間隔のばらつき")
        case "returns_count": return ("returns", "返品件数")
        case "returns_amount": return ("value returned", "返品金額")
        case "distinct_purchase_days": return ("purchase days", "購入日数")
        default:
            guard let (stem, window) = splitWindow(name) else { return nil }
            switch stem {
            case "orders": return ("orders, last \(window) days", "直近\(window)日の注文数")
            case "spend": return ("net spend, last \(window) days", "直近\(window)日の購入金額")
            case "orders_trend": return ("orders, last \(window) days against the \(window) before", "直近\(window)日の注文の増減")
            default: return nil
            }
        }
    }

    private static func untitledDescriptor(for name: String) -> FeatureDescriptor? {
        let noPurchase = "no purchase yet", noPurchaseJapanese = "購入なし"
        func feature(_ family: FeatureFamily, _ unit: FeatureUnit, _ direction: Int, missing: MissingValueMeaning = .unknown,
                     english: @escaping @Sendable (ReasonWords) -> String,
                     japanese: @escaping @Sendable (ReasonWords) -> String) -> FeatureDescriptor {
            FeatureDescriptor(name: name, family: family, unit: unit, churnRiskDirection: direction, missing: missing,
                              input: .orders, english: english, japanese: japanese)
        }
        switch name {
        case daysSinceLastPurchase:
            return feature(.recency, .days, 1, missing: .longAgo, english: { w in
                if w.value.isNaN { return noPurchase }
                if w.value == 0 { return "last purchase on the scoring day" }
                return "no purchase for \(ReasonWords.days(w.value))" + w.typicalNote
            }, japanese: { w in
                if w.value.isNaN { return noPurchaseJapanese }
                if w.value == 0 { return "最終購入は当日" }
                return "最終購入から\(ReasonWords.number(w.value))日" + w.typicalNoteJapanese("日")
            })
        case "days_since_first_purchase":
            return feature(.tenure, .days, 0, english: { w in
                if w.value.isNaN { return noPurchase }
                if w.value <= newCustomerDays { return "first purchase \(ReasonWords.ago(w.value)) (new customer)" }
                return "first purchase \(ReasonWords.ago(w.value))" + w.typicalNote
            }, japanese: { w in
                if w.value.isNaN { return noPurchaseJapanese }
                if w.value <= newCustomerDays { return "初回購入から\(ReasonWords.number(w.value))日 (新規顧客)" }
                return "初回購入から\(ReasonWords.number(w.value))日" + w.typicalNoteJapanese("日")
            })
        case "orders_all":
            return orders(name, window: nil)
        case "spend_all":
            return spend(name, window: nil)
        case "mean_order_value":
            return feature(.monetary, .money, -1, english: { w in
                w.value.isNaN ? noPurchase : "average order \(ReasonWords.number(w.value))" + w.typicalNote
            }, japanese: { w in
                w.value.isNaN ? noPurchaseJapanese : "平均注文金額\(ReasonWords.number(w.value))" + w.typicalNoteJapanese()
            })
        case "max_order_value":
            return feature(.monetary, .money, -1, english: { w in
                w.value.isNaN ? noPurchase : "largest order \(ReasonWords.number(w.value))" + w.typicalNote
            }, japanese: { w in
                w.value.isNaN ? noPurchaseJapanese : "最大注文金額\(ReasonWords.number(w.value))" + w.typicalNoteJapanese()
            })
        case "mean_days_between_orders":
            return feature(.frequency, .days, 1, english: { w in
                if w.value.isNaN { return "fewer than two purchase days" }
                return "a purchase every \(ReasonWords.days(w.value)) on average" + w.typicalNote
            }, japanese: { w in
                if w.value.isNaN { return "購入日が2日未満" }
                return "平均購入間隔\(ReasonWords.number(w.value))日" + w.typicalNoteJapanese("日")
            })
        case "sd_days_between_orders":
            return feature(.frequency, .days, 0, english: { w in
                if w.value.isNaN { return "too few purchases to judge their regularity" }
                return "gaps between purchases vary by \(ReasonWords.days(w.value))" + w.typicalNote
            }, japanese: { w in
                if w.value.isNaN { return "購入が少なく購入間隔のばらつきは不明" }
                return "購入間隔のばらつき\(ReasonWords.number(w.value))日" + w.typicalNoteJapanese("日")
            })
        case "returns_count":
            return feature(.returns, .count, 1, english: { w in
                if w.value.isNaN { return "no return data" }
                if w.value == 0 { return "no returns" + w.typicalNote }
                return ReasonWords.counted(w.value, "return", "returns") + w.typicalNote
            }, japanese: { w in
                if w.value.isNaN { return "返品データなし" }
                if w.value == 0 { return "返品なし" + w.typicalNoteJapanese("件") }
                return "返品\(ReasonWords.number(w.value))件" + w.typicalNoteJapanese("件")
            })
        case "returns_amount":
            return feature(.returns, .money, 1, english: { w in
                if w.value.isNaN { return "no return data" }
                if w.value == 0 { return "nothing returned" + w.typicalNote }
                return "returned goods worth \(ReasonWords.number(w.value))" + w.typicalNote
            }, japanese: { w in
                if w.value.isNaN { return "返品データなし" }
                if w.value == 0 { return "返品なし" + w.typicalNoteJapanese() }
                return "返品金額\(ReasonWords.number(w.value))" + w.typicalNoteJapanese()
            })
        case "distinct_purchase_days":
            return feature(.frequency, .count, -1, english: { w in
                if w.value.isNaN || w.value == 0 { return "no purchase days" }
                return "bought on \(ReasonWords.counted(w.value, "day only", "different days"))" + w.typicalNote
            }, japanese: { w in
                if w.value.isNaN || w.value == 0 { return noPurchaseJapanese }
                return "購入日数\(ReasonWords.number(w.value))日" + w.typicalNoteJapanese("日")
            })
        default:
            guard let (stem, window) = splitWindow(name) else { return nil }
            switch stem {
            case "orders": return orders(name, window: window)
            case "spend": return spend(name, window: window)
            case "orders_trend": return trend(name, window: window)
            default: return nil
            }
        }
    }

    /// `orders_<w>d`, or `orders_all` (nil window): purchases.
    private static func orders(_ name: String, window: Int?) -> FeatureDescriptor {
        FeatureDescriptor(name: name, family: .frequency, unit: .count, churnRiskDirection: -1, missing: .none, input: .orders,
                          english: { w in
            if w.value.isNaN { return "no order data" }
            let orders = w.value == 0 ? "no orders" : ReasonWords.counted(w.value, "order", "orders")
            return orders + (window.map { " in the last \($0) days" } ?? " in total") + w.typicalNote
        }, japanese: { w in
            if w.value.isNaN { return "注文データなし" }
            let period = window.map { "直近\($0)日の注文" } ?? "累計注文"
            if w.value == 0 { return period + "なし" + w.typicalNoteJapanese("件") }
            return period + "\(ReasonWords.number(w.value))件" + w.typicalNoteJapanese("件")
        })
    }

    /// `spend_<w>d`, or `spend_all` (nil window): net spend.
    private static func spend(_ name: String, window: Int?) -> FeatureDescriptor {
        FeatureDescriptor(name: name, family: .monetary, unit: .money, churnRiskDirection: -1, missing: .none, input: .orders,
                          english: { w in
            if w.value.isNaN { return "no spending data" }
            let period = window.map { " in the last \($0) days" } ?? " in total"
            if w.value == 0 { return "nothing spent" + period + w.typicalNote }
            return "spent \(ReasonWords.number(w.value))" + period + w.typicalNote
        }, japanese: { w in
            if w.value.isNaN { return "購入金額データなし" }
            let period = window.map { "直近\($0)日の購入金額" } ?? "累計購入金額"
            return period + ReasonWords.number(w.value) + w.typicalNoteJapanese()
        })
    }

    /// `orders_trend_<w>d`: (purchases in the last w days − the w before) / the w before.
    private static func trend(_ name: String, window: Int) -> FeatureDescriptor {
        FeatureDescriptor(name: name, family: .trend, unit: .ratio, churnRiskDirection: -1, isChangeRatio: true,
                          input: .orders, english: { w in
            if w.value.isNaN { return "no orders in the \(window) days before the last \(window)" }
            // A typical ratio of −1 is a typical customer with no orders lately: said so, not "down 100%".
            let note = !w.showsTypical(trendEnglish) ? ""
                : w.typical <= -1 ? " (typical: no orders in the last \(window) days)" : " (typical: \(trendEnglish(w.typical)))"
            if w.value == 0 { return "orders in the last \(window) days level with the \(window) before" + note }
            return "orders in the last \(window) days \(trendEnglish(w.value)) on the \(window) before" + note
        }, japanese: { w in
            if w.value.isNaN { return "前の\(window)日間に注文なし" }
            let note = !w.showsTypical(trendJapanese) ? ""
                : w.typical <= -1 ? " (通常: 直近\(window)日の注文なし)" : " (通常: \(trendJapanese(w.typical)))"
            if ReasonWords.percent(w.value) == "0%" { return "直近\(window)日の注文は前の\(window)日と同水準" + note }
            return "直近\(window)日の注文が前の\(window)日より\(trendJapanese(w.value))" + note
        })
    }

    /// `down 60%`, `up 25%`, `level` for a ratio of change.
    private static func trendEnglish(_ ratio: Double) -> String {
        if ReasonWords.percent(ratio) == "0%" { return "level" }
        return (ratio < 0 ? "down " : "up ") + ReasonWords.percent(ratio)
    }

    /// `60%減少`, `25%増加`, `横ばい` for a ratio of change.
    private static func trendJapanese(_ ratio: Double) -> String {
        if ReasonWords.percent(ratio) == "0%" { return "横ばい" }
        return ReasonWords.percent(ratio) + (ratio < 0 ? "減少" : "増加")
    }

    /// `orders_90d` → (`orders`, 90); nil when the name does not end in `_<digits>d`.
    private static func splitWindow(_ name: String) -> (String, Int)? {
        guard name.hasSuffix("d"), let underscore = name.lastIndex(of: "_"), underscore != name.startIndex else {
            return nil
        }
        let digits = name[name.index(after: underscore)..<name.index(before: name.endIndex)]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let window = Int(digits) else {
            return nil
        }
        return (String(name[..<underscore]), window)
    }
}
