/// The cutoffs `train --as-of T --horizon H` learns from (Guides/Concepts.md, "Labels and training over history").
///
/// Cutoffs are T − H, T − H − step, T − H − 2·step, ... back to the first one with at least
/// `minimumHistoryDays` of data before it, so every label window ends by T. The latest, T − H, is held out
/// for out-of-time evaluation, with models fitted on the cutoffs whose label windows end before it
/// (cutoff ≤ T − 2H); the saved models are refitted on all cutoffs.
public struct TrainingSchedule: Sendable, Equatable {
    /// Every cutoff, latest first.
    public let cutoffs: [Int32]
    /// The held-out cutoff, T − H.
    public let heldOut: Int32
    /// The cutoffs used to fit the model evaluated on `heldOut` (label windows end before it).
    public let evaluationFit: [Int32]

    /// The schedule for `asOf` T and `horizonDays` H over history starting on `firstDay`.
    public init(asOf: Int32, horizonDays: Int, stepDays: Int = 30, firstDay: Int32, minimumHistoryDays: Int = 90) {
        precondition(horizonDays > 0 && stepDays > 0, "horizon and step must be positive")
        var cutoffs: [Int32] = []
        var cutoff = asOf - Int32(horizonDays)
        while cutoff - firstDay >= Int32(minimumHistoryDays) {
            cutoffs.append(cutoff)
            cutoff -= Int32(stepDays)
        }
        self.cutoffs = cutoffs
        heldOut = asOf - Int32(horizonDays)
        evaluationFit = cutoffs.filter { $0 <= asOf - Int32(2 * horizonDays) }
    }
}
