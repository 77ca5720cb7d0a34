import Features
import OrderHistory

/// Something that makes a scoring run unsound without making it impossible: printed on stderr, listed in
/// `--json`, and turned into exit 1 by `--strict` (for scheduled runs that must not go on quietly).
public struct ScoringWarning: Codable, Sendable, Equatable {
    /// What kind of problem.
    public enum Kind: String, Codable, Sendable {
        /// The scored data's order values are on another scale than the training data's (another
        /// currency or company): median order value off by more than `scaleFactorLimit`.
        case dataScale = "data_scale"
        /// A top feature's distribution has moved (PSI above `FeatureDistribution.driftThreshold`).
        case featureDrift = "feature_drift"
        /// The scoring day is more than the horizon after the bundle's training cutoff.
        case modelTooOld = "model_too_old"
        /// The bundle's model did not beat its baseline out of time.
        case losesToBaseline = "loses_to_baseline"
    }

    /// What kind of problem.
    public var kind: Kind
    /// The target it concerns (`churn`, `loyal-candidate`).
    public var target: String
    /// The message in plain words.
    public var message: String

    /// A warning.
    public init(kind: Kind, target: String, message: String) {
        self.kind = kind
        self.target = target
        self.message = message
    }

    /// Median order values further apart than this factor mean data on another scale.
    public static let scaleFactorLimit = 10.0

    /// The warnings about `bundle` itself when scoring data whose median order value up to `asOf` is
    /// `medianOrderValue` (computed once for every bundle): data scale, age, baseline.
    public static func bundleWarnings(_ bundle: ModelBundle, medianOrderValue: Double?, asOf: Int32) -> [ScoringWarning] {
        var warnings: [ScoringWarning] = []
        let target = bundle.target.rawValue
        if let trained = bundle.fingerprint.medianOrderValue, trained > 0, let scored = medianOrderValue, scored > 0 {
            let factor = max(scored / trained, trained / scored)
            if factor > scaleFactorLimit {
                warnings.append(ScoringWarning(kind: .dataScale, target: target, message:
                    "\(target): the median order value is \(rounded(scored, 2)) here against \(rounded(trained, 2)) in the training data "
                    + "(\(rounded(factor, 1))x apart): these models were trained on other data (another currency or company?); retrain on this data"))
            }
        }
        if let trainedDay = CalendarDay.parseISO(bundle.asOf), Int(asOf) - Int(trainedDay) > bundle.horizonDays {
            warnings.append(ScoringWarning(kind: .modelTooOld, target: target, message:
                "\(target): trained as of \(bundle.asOf), \(Int(asOf) - Int(trainedDay)) days before the scoring day "
                + "\(CalendarDay.isoString(asOf)), longer than its \(bundle.horizonDays)-day horizon; retrain"))
        }
        if let losing = losesToBaseline(bundle) { warnings.append(losing) }
        return warnings
    }

    /// The warning for a bundle whose model does not beat its baseline out of time, nil when it does:
    /// said by `train` when it saves the bundle and by `score` whenever it is used.
    public static func losesToBaseline(_ bundle: ModelBundle) -> ScoringWarning? {
        guard bundle.beatsBaseline == false else { return nil }
        let target = bundle.target.rawValue
        let model = bundle.chosenEntry.map { rounded($0.rocAUC, 4) } ?? "?"
        let baseline = bundle.baselineEntry.map { rounded($0.rocAUC, 4) } ?? "?"
        return ScoringWarning(kind: .losesToBaseline, target: target, message:
            "\(target): the \(bundle.chosen) model does not beat its baseline out of time (ROC AUC \(model) against \(baseline)); "
            + "the bundle records it and the call list ranks this list by the baseline (\(bundle.target.baseline.feature))")
    }
}

/// `value` with at most `decimals` decimals, without locale (for messages).
func rounded(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return String(value) }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (value * scale).rounded() / scale
    var text = String(scaled)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
}
