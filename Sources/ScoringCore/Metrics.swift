import Foundation

/// Quality of binary probabilities against 0/1 outcomes, computed as scikit-learn does.
public struct BinaryMetrics: Codable, Sendable, Equatable {
    /// Rows evaluated.
    public var rows: Int
    /// Share of rows with label 1.
    public var positiveRate: Double
    /// Area under the ROC curve (ties count half: average ranks).
    public var rocAUC: Double
    /// Average precision (area under the precision-recall curve, step-wise, as scikit-learn).
    public var averagePrecision: Double
    /// Mean log loss (probabilities clipped to [ε, 1−ε], ε = machine epsilon).
    public var logLoss: Double
    /// Mean squared difference between probability and outcome.
    public var brierScore: Double
    /// Lift and cumulative gains by decile of score (decile 1 holds the highest scores).
    public var deciles: [Decile]
    /// Ten equal-width probability bins: predicted against observed.
    public var calibration: [CalibrationBin]

    /// One tenth of the rows, by descending score.
    public struct Decile: Codable, Sendable, Equatable {
        /// 1 (highest scores) to 10.
        public var decile: Int
        /// Rows in the decile.
        public var rows: Int
        /// Rows with label 1.
        public var positives: Int
        /// positives / rows: the observed rate.
        public var rate: Double
        /// The mean score of the decile's rows: for probabilities, the predicted rate beside `rate`. Nil in
        /// model files written before it was recorded.
        public var meanScore: Double?
        /// rate / overall positive rate.
        public var lift: Double
        /// Share of all positives in deciles 1 to this one.
        public var cumulativeGain: Double
    }

    /// One calibration bin, [lower, upper) (the last bin includes 1).
    public struct CalibrationBin: Codable, Sendable, Equatable {
        /// Lower edge.
        public var lower: Double
        /// Upper edge.
        public var upper: Double
        /// Rows whose probability falls in the bin.
        public var rows: Int
        /// Their mean probability (NaN-free: 0 when empty).
        public var meanPredicted: Double
        /// Their share of label 1 (0 when empty).
        public var observedRate: Double
    }

    /// Computes every metric of `probabilities` against `labels` (0/1).
    public init(probabilities: [Double], labels: [Double]) {
        precondition(probabilities.count == labels.count, "one probability per label")
        rows = labels.count
        let positives = labels.reduce(0, +)
        positiveRate = rows > 0 ? positives / Double(rows) : 0
        // One sort serves AUC, average precision and the deciles.
        let order = Self.descendingOrder(probabilities)
        rocAUC = Self.rocAUC(scores: probabilities, labels: labels, descending: order)
        averagePrecision = Self.averagePrecision(scores: probabilities, labels: labels, descending: order)
        logLoss = Self.logLoss(probabilities: probabilities, labels: labels)
        brierScore = rows > 0 ? zip(probabilities, labels).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(rows) : 0
        deciles = Self.deciles(scores: probabilities, labels: labels, descending: order)
        calibration = Self.calibration(probabilities: probabilities, labels: labels)
    }

    /// Row indices by descending score, ties in row order.
    static func descendingOrder(_ scores: [Double]) -> [Int] {
        scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
    }

    /// ROC AUC by the rank-sum formula with average ranks for tied scores; NaN with a single class.
    public static func rocAUC(scores: [Double], labels: [Double]) -> Double {
        rocAUC(scores: scores, labels: labels, descending: descendingOrder(scores))
    }

    static func rocAUC(scores: [Double], labels: [Double], descending order: [Int]) -> Double {
        let count = order.count
        var rankSumOfPositives = 0.0
        var start = 0
        while start < count {
            var end = start
            while end + 1 < count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            // Descending positions start...end hold ascending ranks count − end ... count − start.
            let averageRank = Double(count) - Double(start + end) / 2
            for position in start...end where labels[order[position]] == 1 { rankSumOfPositives += averageRank }
            start = end + 1
        }
        let positives = labels.reduce(0, +)
        let negatives = Double(labels.count) - positives
        guard positives > 0 && negatives > 0 else { return .nan }
        return (rankSumOfPositives - positives * (positives + 1) / 2) / (positives * negatives)
    }

    /// Average precision: Σ (Rₖ − Rₖ₋₁)·Pₖ over the distinct score thresholds, from the highest down.
    public static func averagePrecision(scores: [Double], labels: [Double]) -> Double {
        averagePrecision(scores: scores, labels: labels, descending: descendingOrder(scores))
    }

    static func averagePrecision(scores: [Double], labels: [Double], descending order: [Int]) -> Double {
        let positives = labels.reduce(0, +)
        guard positives > 0 else { return .nan }
        var truePositives = 0.0
        var seen = 0.0
        var previousRecall = 0.0
        var result = 0.0
        var position = 0
        while position < order.count {
            let threshold = scores[order[position]]
            while position < order.count && scores[order[position]] == threshold {
                truePositives += labels[order[position]]
                seen += 1
                position += 1
            }
            let recall = truePositives / positives
            result += (recall - previousRecall) * (truePositives / seen)
            previousRecall = recall
        }
        return result
    }

    /// Mean log loss with probabilities clipped to [ε, 1−ε].
    public static func logLoss(probabilities: [Double], labels: [Double]) -> Double {
        guard !labels.isEmpty else { return .nan }
        let epsilon = Double.ulpOfOne
        var total = 0.0
        for (probability, label) in zip(probabilities, labels) {
            let clipped = min(max(probability, epsilon), 1 - epsilon)
            total -= label == 1 ? log(clipped) : log(1 - clipped)
        }
        return total / Double(labels.count)
    }

    /// Ten groups by descending score (ties in row order), sizes as even as possible (the first
    /// `rows % 10` groups one larger).
    public static func deciles(scores: [Double], labels: [Double]) -> [Decile] {
        deciles(scores: scores, labels: labels, descending: descendingOrder(scores))
    }

    static func deciles(scores: [Double], labels: [Double], descending order: [Int]) -> [Decile] {
        let totalPositives = labels.reduce(0, +)
        let overallRate = labels.isEmpty ? 0 : totalPositives / Double(labels.count)
        var result: [Decile] = []
        var start = 0
        var cumulative = 0.0
        for decile in 0..<10 {
            let size = order.count / 10 + (decile < order.count % 10 ? 1 : 0)
            let members = order[start..<(start + size)]
            start += size
            let positives = members.reduce(0.0) { $0 + labels[$1] }
            cumulative += positives
            let rate = size > 0 ? positives / Double(size) : 0
            let meanScore = size > 0 ? members.reduce(0.0) { $0 + scores[$1] } / Double(size) : 0
            result.append(Decile(decile: decile + 1, rows: size, positives: Int(positives), rate: rate, meanScore: meanScore,
                                 lift: overallRate > 0 ? rate / overallRate : 0,
                                 cumulativeGain: totalPositives > 0 ? cumulative / totalPositives : 0))
        }
        return result
    }

    /// One point of a ROC curve: the false- and true-positive rates at a score threshold.
    public struct ROCPoint: Codable, Sendable, Equatable {
        /// False-positive rate: negatives at or above the threshold over all negatives.
        public var falsePositiveRate: Double
        /// True-positive rate: positives at or above the threshold over all positives.
        public var truePositiveRate: Double

        /// A point.
        public init(falsePositiveRate: Double, truePositiveRate: Double) {
            self.falsePositiveRate = falsePositiveRate
            self.truePositiveRate = truePositiveRate
        }
    }

    /// The ROC curve from (0, 0) to (1, 1): one point after each distinct score threshold, from the highest
    /// down, thinned to at most `maximumPoints` (every k-th threshold, the last always kept) so a chart of
    /// a million rows stays small. Empty with a single class.
    public static func rocCurve(scores: [Double], labels: [Double], maximumPoints: Int = 200) -> [ROCPoint] {
        let positives = labels.reduce(0, +)
        let negatives = Double(labels.count) - positives
        guard positives > 0 && negatives > 0 else { return [] }
        let order = descendingOrder(scores)
        var points = [ROCPoint(falsePositiveRate: 0, truePositiveRate: 0)]
        var truePositives = 0.0, falsePositives = 0.0
        var position = 0
        while position < order.count {
            let threshold = scores[order[position]]
            while position < order.count && scores[order[position]] == threshold {
                if labels[order[position]] == 1 { truePositives += 1 } else { falsePositives += 1 }
                position += 1
            }
            points.append(ROCPoint(falsePositiveRate: falsePositives / negatives, truePositiveRate: truePositives / positives))
        }
        guard points.count > maximumPoints, maximumPoints >= 2 else { return points }
        let step = Int((Double(points.count - 1) / Double(maximumPoints - 1)).rounded(.up))
        var thinned = stride(from: 0, to: points.count - 1, by: step).map { points[$0] }
        thinned.append(points[points.count - 1])
        return thinned
    }

    /// Counts of `probabilities` in `bins` equal-width bins over [0, 1] (1 falls in the last), separately
    /// for rows with label 1 (`positives`) and label 0 (`negatives`).
    public static func histogram(probabilities: [Double], labels: [Double], bins: Int = 20) -> (positives: [Int], negatives: [Int]) {
        var positives = [Int](repeating: 0, count: bins), negatives = [Int](repeating: 0, count: bins)
        for (probability, label) in zip(probabilities, labels) where !probability.isNaN {
            let bin = min(bins - 1, max(0, Int(probability * Double(bins))))
            if label == 1 { positives[bin] += 1 } else { negatives[bin] += 1 }
        }
        return (positives, negatives)
    }

    /// Ten equal-width bins over [0, 1].
    public static func calibration(probabilities: [Double], labels: [Double]) -> [CalibrationBin] {
        var counts = [Int](repeating: 0, count: 10)
        var predicted = [Double](repeating: 0, count: 10)
        var observed = [Double](repeating: 0, count: 10)
        for (probability, label) in zip(probabilities, labels) {
            let bin = min(9, max(0, Int(probability * 10)))
            counts[bin] += 1
            predicted[bin] += probability
            observed[bin] += label
        }
        return (0..<10).map { bin in
            CalibrationBin(lower: Double(bin) / 10, upper: Double(bin + 1) / 10, rows: counts[bin],
                           meanPredicted: counts[bin] > 0 ? predicted[bin] / Double(counts[bin]) : 0,
                           observedRate: counts[bin] > 0 ? observed[bin] / Double(counts[bin]) : 0)
        }
    }
}
