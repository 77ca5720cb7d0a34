/// How well a ranking finds the customers a treatment (a call) helps, measured on a randomized sample
/// (`treatment` 1 called, 0 control; `outcome` 1 bought). Defined as scikit-uplift 0.5 defines
/// `uplift_curve`, `qini_curve`, `uplift_auc_score`, `qini_auc_score` and `uplift_at_k`:
///
/// - Rows are ranked by score, highest first; rows with equal scores form one step of the curves (ties
///   grouped), and for `upliftAtK` ties keep scikit-uplift's order (a stable ascending sort, reversed).
/// - Uplift curve at the top n: (treated responders / treated − control responders / control) × n.
///   Qini curve: treated responders − control responders × treated / control. Both start at (0, 0).
/// - AUUC and the Qini coefficient are normalized: (area under the model's curve − area under the
///   straight line to the curve's end) / (the same for the perfect ranking), areas by the trapezoid rule.
///   The perfect Qini ranking allows negative effects unless `negativeEffect` is false.
public enum UpliftMetrics {
    /// A curve: the number of top-ranked rows and the curve's value there.
    public typealias Curve = (x: [Double], y: [Double])

    /// The uplift curve of `score`.
    public static func upliftCurve(outcome: [Double], treatment: [Double], score: [Double]) -> Curve {
        curve(outcome: outcome, treatment: treatment, score: score) { treatedResponders, treated, controlResponders, control, n in
            ((treated > 0 ? treatedResponders / treated : 0) - (control > 0 ? controlResponders / control : 0)) * n
        }
    }

    /// The Qini curve of `score`.
    public static func qiniCurve(outcome: [Double], treatment: [Double], score: [Double]) -> Curve {
        curve(outcome: outcome, treatment: treatment, score: score) { treatedResponders, treated, controlResponders, control, _ in
            treatedResponders - controlResponders * (control > 0 ? treated / control : 0)
        }
    }

    /// The normalized area under the uplift curve (AUUC), as `uplift_auc_score`.
    public static func upliftAUC(outcome: [Double], treatment: [Double], score: [Double]) -> Double {
        let actual = upliftCurve(outcome: outcome, treatment: treatment, score: score)
        let perfect = upliftCurve(outcome: outcome, treatment: treatment, score: perfectUpliftScore(outcome: outcome, treatment: treatment))
        return normalizedArea(actual, perfect: perfect)
    }

    /// The Qini coefficient, as `qini_auc_score`.
    public static func qiniCoefficient(outcome: [Double], treatment: [Double], score: [Double], negativeEffect: Bool = true) -> Double {
        let actual = qiniCurve(outcome: outcome, treatment: treatment, score: score)
        let perfect: Curve
        if negativeEffect {
            perfect = qiniCurve(outcome: outcome, treatment: treatment,
                                score: zip(outcome, treatment).map { $0 * $1 - $0 * (1 - $1) })
        } else {
            var treatedResponders = 0.0, treated = 0.0, controlResponders = 0.0, control = 0.0
            for (y, w) in zip(outcome, treatment) {
                if w == 1 { treated += 1; treatedResponders += y } else { control += 1; controlResponders += y }
            }
            let random = treatedResponders - treated * controlResponders / control
            perfect = ([0, random, Double(outcome.count)], [0, random, random])
        }
        return normalizedArea(actual, perfect: perfect)
    }

    /// How the uplift among the top `fraction` is taken: of all rows (`overall`), or of each group's own
    /// top share (`byGroup`).
    public enum AtKStrategy: String, Sendable {
        /// The top int(n × fraction) rows, treated minus control response rate among them.
        case overall
        /// The top int(treated × fraction) treated rows against the top int(control × fraction) control rows.
        case byGroup = "by_group"
    }

    /// Treated minus control response rate at the top `fraction` of the ranking, as `uplift_at_k`; `NaN`
    /// when a group has no row there.
    public static func upliftAtK(outcome: [Double], treatment: [Double], score: [Double], fraction: Double,
                                 strategy: AtKStrategy) -> Double {
        let order = scikitUpliftOrder(score)
        var treatedResponders = 0.0, treated = 0.0, controlResponders = 0.0, control = 0.0
        switch strategy {
        case .overall:
            for index in order.prefix(Int(Double(score.count) * fraction)) {
                if treatment[index] == 1 { treated += 1; treatedResponders += outcome[index] } else { control += 1; controlResponders += outcome[index] }
            }
        case .byGroup:
            let treatedTotal = treatment.filter { $0 == 1 }.count
            let treatedLimit = Int(Double(treatedTotal) * fraction), controlLimit = Int(Double(score.count - treatedTotal) * fraction)
            for index in order {
                if treatment[index] == 1 {
                    if Int(treated) < treatedLimit { treated += 1; treatedResponders += outcome[index] }
                } else if Int(control) < controlLimit {
                    control += 1
                    controlResponders += outcome[index]
                }
            }
        }
        return treatedResponders / treated - controlResponders / control
    }

    /// scikit-uplift's ranking: a stable sort by ascending score, reversed (so equal scores come last row first).
    static func scikitUpliftOrder(_ score: [Double]) -> [Int] {
        Array(score.indices.sorted { score[$0] < score[$1] || (score[$0] == score[$1] && $0 < $1) }.reversed())
    }

    /// The score of the perfect uplift ranking, as `perfect_uplift_curve`: 2 × (outcome == treatment) plus
    /// the outcome when control responders outnumber treated non-responders, else the treatment.
    private static func perfectUpliftScore(outcome: [Double], treatment: [Double]) -> [Double] {
        var controlResponders = 0, treatedNonResponders = 0
        for (y, w) in zip(outcome, treatment) {
            if y == 1 && w == 0 { controlResponders += 1 }
            if y == 0 && w == 1 { treatedNonResponders += 1 }
        }
        return zip(outcome, treatment).map { y, w in 2 * (y == w ? 1 : 0) + (controlResponders > treatedNonResponders ? y : w) }
    }

    private static func curve(outcome: [Double], treatment: [Double], score: [Double],
                              value: (Double, Double, Double, Double, Double) -> Double) -> Curve {
        precondition(outcome.count == treatment.count && outcome.count == score.count, "one outcome, treatment and score per row")
        let order = scikitUpliftOrder(score)
        var x: [Double] = [], y: [Double] = []
        var treatedResponders = 0.0, treated = 0.0, controlResponders = 0.0, control = 0.0
        for (position, index) in order.enumerated() {
            if treatment[index] == 1 { treated += 1; treatedResponders += outcome[index] } else { control += 1; controlResponders += outcome[index] }
            // A step at the last row of each run of equal scores.
            if position == order.count - 1 || score[order[position + 1]] != score[index] {
                let n = Double(position + 1)
                x.append(n)
                y.append(value(treatedResponders, treated, controlResponders, control, n))
            }
        }
        if x.isEmpty || x[0] != 0 || y[0] != 0 {
            x.insert(0, at: 0)
            y.insert(0, at: 0)
        }
        return (x, y)
    }

    private static func normalizedArea(_ actual: Curve, perfect: Curve) -> Double {
        let baseline = trapezoid(x: [0, perfect.x.last!], y: [0, perfect.y.last!])
        return (trapezoid(x: actual.x, y: actual.y) - baseline) / (trapezoid(x: perfect.x, y: perfect.y) - baseline)
    }

    /// The area under (x, y) by the trapezoid rule (x increasing), as sklearn's `auc`.
    static func trapezoid(x: [Double], y: [Double]) -> Double {
        var area = 0.0
        for index in 1..<max(1, x.count) { area += (x[index] - x[index - 1]) * (y[index] + y[index - 1]) / 2 }
        return area
    }
}
