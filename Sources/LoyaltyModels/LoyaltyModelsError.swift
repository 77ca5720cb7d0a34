/// Why training, evaluating or scoring cannot go on: each a problem with the input or settings (exit 1).
public enum LoyaltyModelsError: Error, Equatable, CustomStringConvertible {
    /// The history is too short for the schedule.
    case historyTooShort(firstDay: String, asOf: String, horizonDays: Int, needed: String)
    /// A target's training population has only one class.
    case oneClassOnly(target: String, detail: String)
    /// Evaluating at a cutoff needs orders after it.
    case noFutureToEvaluate(asOf: String, horizonEnd: String, lastOrderDay: String)
    /// A bundle file is missing or malformed.
    case invalidBundle(file: String, reason: String)
    /// A models folder has no bundle for a target.
    case missingBundle(folder: String, target: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .historyTooShort(firstDay, asOf, horizonDays, needed):
            return "the orders start on \(firstDay): too short to train as of \(asOf) with a \(horizonDays)-day horizon "
                + "(the out-of-time check needs orders from \(needed) or earlier; use a shorter --horizon or a later --as-of)"
        case let .oneClassOnly(target, detail):
            return "\(target): \(detail); cannot learn from one class"
        case let .noFutureToEvaluate(asOf, horizonEnd, lastOrderDay):
            return "evaluating as of \(asOf) needs orders through \(horizonEnd), but the orders end on \(lastOrderDay) "
                + "(use an earlier --as-of)"
        case let .invalidBundle(file, reason):
            return "\(file): not a loyalty model bundle: \(reason)"
        case let .missingBundle(folder, target):
            return "\(folder): no \(target) bundle (\(target).json); run loyalty train first"
        }
    }
}
