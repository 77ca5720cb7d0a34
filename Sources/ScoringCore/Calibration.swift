import Foundation

/// A monotone map from a model's probabilities to calibrated ones, fitted on scores the model did not
/// train on (for `loyalty train`, the held-out cutoff), so that predicted and observed rates agree.
public enum ProbabilityCalibration: Codable, Sendable, Equatable {
    /// The model's probabilities as they are.
    case identity
    /// Platt scaling: σ(slope × logit(p) + intercept), fitted by maximum likelihood.
    case platt(slope: Double, intercept: Double)
    /// Isotonic regression (pool adjacent violators): a non-decreasing step function of p, interpolated
    /// linearly between the ends of its blocks (as scikit-learn's `IsotonicRegression`), clipped to its
    /// range outside it. `inputs` ascending; `outputs` non-decreasing, one per input.
    case isotonic(inputs: [Double], outputs: [Double])

    /// Calibrated probabilities are kept in [ε, 1 − ε] so a log loss stays finite.
    public static let probabilityFloor = 1e-6

    /// The method's name, for summaries and the bundle: `none`, `platt` or `isotonic`.
    public var method: String {
        switch self {
        case .identity: return "none"
        case .platt: return "platt"
        case .isotonic: return "isotonic"
        }
    }

    /// The calibrated probability of `probability`.
    public func apply(_ probability: Double) -> Double {
        switch self {
        case .identity:
            return probability
        case .platt(let slope, let intercept):
            return Self.sigmoid(slope * Self.logit(probability) + intercept)
        case .isotonic(let inputs, let outputs):
            guard let first = inputs.first, let last = inputs.last else { return probability }
            let value: Double
            if probability.isNaN {
                return probability
            } else if probability <= first {
                value = outputs[0]
            } else if probability >= last {
                value = outputs[outputs.count - 1]
            } else {
                // The first input above `probability`, by bisection.
                var low = 0, high = inputs.count - 1
                while high - low > 1 {
                    let middle = (low + high) / 2
                    if inputs[middle] <= probability { low = middle } else { high = middle }
                }
                let share = (probability - inputs[low]) / (inputs[high] - inputs[low])
                value = outputs[low] + share * (outputs[high] - outputs[low])
            }
            return min(max(value, Self.probabilityFloor), 1 - Self.probabilityFloor)
        }
    }

    /// The calibrated probabilities of `probabilities`.
    public func apply(_ probabilities: [Double]) -> [Double] {
        if case .identity = self { return probabilities }
        return probabilities.map(apply)
    }

    /// Platt scaling fitted on `probabilities` against `labels` (0 or 1): a logistic regression of the
    /// label on logit(p) without penalty, by Newton's method on the two parameters.
    public static func fitPlatt(probabilities: [Double], labels: [Double]) -> ProbabilityCalibration {
        let inputs = probabilities.map(logit)
        var slope = 1.0, intercept = 0.0
        for _ in 0..<100 {
            var gradientSlope = 0.0, gradientIntercept = 0.0
            var hessianSS = 0.0, hessianSI = 0.0, hessianII = 0.0
            for (input, label) in zip(inputs, labels) {
                let predicted = sigmoid(slope * input + intercept)
                let residual = predicted - label
                let weight = max(predicted * (1 - predicted), 1e-12)
                gradientSlope += residual * input
                gradientIntercept += residual
                hessianSS += weight * input * input
                hessianSI += weight * input
                hessianII += weight
            }
            // A tiny ridge keeps the step defined when every input is the same.
            hessianSS += 1e-12
            hessianII += 1e-12
            let determinant = hessianSS * hessianII - hessianSI * hessianSI
            guard determinant > 0, determinant.isFinite else { break }
            let stepSlope = (hessianII * gradientSlope - hessianSI * gradientIntercept) / determinant
            let stepIntercept = (hessianSS * gradientIntercept - hessianSI * gradientSlope) / determinant
            slope -= stepSlope
            intercept -= stepIntercept
            if abs(stepSlope) + abs(stepIntercept) < 1e-12 { break }
        }
        return .platt(slope: slope, intercept: intercept)
    }

    /// Isotonic regression of `labels` on `probabilities` (equal probabilities pooled first, then
    /// adjacent violators pooled), keeping each block's lowest and highest input.
    public static func fitIsotonic(probabilities: [Double], labels: [Double]) -> ProbabilityCalibration {
        let order = probabilities.indices.sorted { probabilities[$0] < probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1) }
        // Equal probabilities first become one point (label sum, weight), then adjacent violators pool.
        var points: [(input: Double, sum: Double, weight: Double)] = []
        for index in order {
            if let last = points.last, last.input == probabilities[index] {
                points[points.count - 1].sum += labels[index]
                points[points.count - 1].weight += 1
            } else {
                points.append((probabilities[index], labels[index], 1))
            }
        }
        // Blocks: (lowest input, highest input, label sum, weight).
        var low: [Double] = [], high: [Double] = [], sum: [Double] = [], weight: [Double] = []
        for point in points {
            low.append(point.input); high.append(point.input); sum.append(point.sum); weight.append(point.weight)
            // Pool while the last block's mean is not above the one before it.
            while sum.count > 1, sum[sum.count - 1] / weight[weight.count - 1] <= sum[sum.count - 2] / weight[weight.count - 2] {
                let lastSum = sum.removeLast(), lastWeight = weight.removeLast(), lastHigh = high.removeLast()
                low.removeLast()
                sum[sum.count - 1] += lastSum
                weight[weight.count - 1] += lastWeight
                high[high.count - 1] = lastHigh
            }
        }
        var inputs: [Double] = [], outputs: [Double] = []
        for block in sum.indices {
            let mean = sum[block] / weight[block]
            inputs.append(low[block]); outputs.append(mean)
            if high[block] > low[block] { inputs.append(high[block]); outputs.append(mean) }
        }
        return .isotonic(inputs: inputs, outputs: outputs)
    }

    /// This map moved in log-odds so that the mean calibrated probability of `probabilities` equals their
    /// mean: the map's shape (how spread out the scores should be) is kept and the level it learned is
    /// not. The level of the held-out period (a summer's churn rate) is a fact of that period, not of the
    /// model: carried into a later period it makes the probabilities worse, not better.
    public func keepingLevel(of probabilities: [Double]) -> ProbabilityCalibration {
        let target = probabilities.reduce(0, +) / Double(max(1, probabilities.count))
        func logits(_ map: ProbabilityCalibration) -> [Double] { probabilities.map { Self.logit(map.apply($0)) } }
        func shift(_ values: [Double]) -> Double {
            // Newton on δ ↦ mean σ(x + δ) − target, increasing in δ.
            var delta = 0.0
            for _ in 0..<50 {
                var mean = 0.0, slope = 0.0
                for value in values {
                    let probability = Self.sigmoid(value + delta)
                    mean += probability
                    slope += probability * (1 - probability)
                }
                mean /= Double(values.count)
                slope /= Double(values.count)
                guard slope > 1e-12 else { break }
                let step = (mean - target) / slope
                delta -= max(-5, min(5, step))
                if abs(step) < 1e-12 { break }
            }
            return delta
        }
        guard !probabilities.isEmpty else { return self }
        switch self {
        case .identity:
            return self
        case .platt(let slope, let intercept):
            return .platt(slope: slope, intercept: intercept + shift(logits(self)))
        case .isotonic(let inputs, let outputs):
            let delta = shift(logits(self))
            let floor = Self.probabilityFloor
            return .isotonic(inputs: inputs, outputs: outputs.map { Self.sigmoid(Self.logit(min(max($0, floor), 1 - floor)) + delta) })
        }
    }

    /// log(p / (1 − p)), with p kept in [1e-15, 1 − 1e-15].
    static func logit(_ probability: Double) -> Double {
        let clipped = min(max(probability, 1e-15), 1 - 1e-15)
        return log(clipped / (1 - clipped))
    }

    /// 1 / (1 + e^−x), stable for large |x|.
    static func sigmoid(_ value: Double) -> Double {
        value >= 0 ? 1 / (1 + exp(-value)) : exp(value) / (1 + exp(value))
    }
}

/// How `loyalty train` chose a bundle's calibration: every method fitted on one half of the held-out
/// customers (its level then set back to the model's own, `ProbabilityCalibration.keepingLevel(of:)`)
/// and compared there by two-fold cross-validation, the chosen one refitted on that half and measured on
/// the other half (which took no part in any choice), before and after.
public struct CalibrationChoice: Codable, Sendable, Equatable {
    /// The calibration applied to the bundle's probabilities.
    public var calibration: ProbabilityCalibration
    /// Cross-validated log loss of each method on the choosing half, by method name.
    public var selectionLogLoss: [String: Double]
    /// Rows of the reporting half.
    public var reportRows: Int
    /// Log loss on the reporting half, before and after calibration.
    public var logLossBefore: Double, logLossAfter: Double
    /// Brier score on the reporting half, before and after calibration.
    public var brierBefore: Double, brierAfter: Double

    /// Chooses among no calibration, Platt scaling and isotonic regression on (`choosing`) and reports on
    /// (`reporting`) two disjoint sets of out-of-sample probabilities with their labels. On a tie of log
    /// loss the simpler method wins (none, then Platt, then isotonic).
    public static func choose(choosing: (probabilities: [Double], labels: [Double]),
                              reporting: (probabilities: [Double], labels: [Double])) -> CalibrationChoice {
        typealias Fitter = ([Double], [Double]) -> ProbabilityCalibration
        let methods: [(String, Fitter)] = [
            ("none", { _, _ in .identity }),
            ("platt", { ProbabilityCalibration.fitPlatt(probabilities: $0, labels: $1).keepingLevel(of: $0) }),
            ("isotonic", { ProbabilityCalibration.fitIsotonic(probabilities: $0, labels: $1).keepingLevel(of: $0) }),
        ]
        // Two folds of the choosing half by position (even, odd): each fitted on one, scored on the other.
        let count = choosing.labels.count
        let folds = [stride(from: 0, to: count, by: 2).map { $0 }, stride(from: 1, to: count, by: 2).map { $0 }]
        var selection: [String: Double] = [:]
        var best = 0, bestLoss = Double.infinity
        for (position, (name, fit)) in methods.enumerated() {
            var loss = 0.0
            for fold in 0..<2 {
                let train = folds[fold], test = folds[1 - fold]
                let map = fit(train.map { choosing.probabilities[$0] }, train.map { choosing.labels[$0] })
                let probabilities = map.apply(test.map { choosing.probabilities[$0] })
                loss += BinaryMetrics(probabilities: probabilities, labels: test.map { choosing.labels[$0] }).logLoss * Double(test.count)
            }
            loss /= Double(max(1, count))
            selection[name] = loss
            if loss < bestLoss - 1e-12 { best = position; bestLoss = loss }
        }
        let calibration = methods[best].1(choosing.probabilities, choosing.labels)
        let before = BinaryMetrics(probabilities: reporting.probabilities, labels: reporting.labels)
        let after = BinaryMetrics(probabilities: calibration.apply(reporting.probabilities), labels: reporting.labels)
        return CalibrationChoice(calibration: calibration, selectionLogLoss: selection, reportRows: reporting.labels.count,
                                 logLossBefore: before.logLoss, logLossAfter: after.logLoss,
                                 brierBefore: before.brierScore, brierAfter: after.brierScore)
    }
}
