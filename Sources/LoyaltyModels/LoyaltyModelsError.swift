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
    /// A bundle file holds another target's model than its name says (`found` in `churn.json`).
    case bundleOfAnotherTarget(file: String, found: String, expected: String)
    /// The data lacks features the bundle reads: the model was trained with inputs (`flags`, such as
    /// `--events`) not given now; `feature` is the first missing one.
    case missingInput(target: String, flags: [String], feature: String, moreCount: Int)
    /// `--models` names a file, not the folder of bundles.
    case modelsPathIsAFile(path: String)
    /// Evaluating before the bundle's training cutoff: the labels overlap the training data.
    case evaluationInSample(asOf: String, trainedAsOf: String, target: String)
    /// Training as of a day after the last order.
    case asOfAfterData(asOf: String, lastOrderDay: String)
    /// `--strict`: a warning that stops a scheduled run.
    case strictWarnings(count: Int, first: String)
    /// Too few past contacts with complete windows to learn whom a call helps.
    case contactHistoryTooThin(target: String, detail: String)

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
        case let .bundleOfAnotherTarget(file, found, expected):
            return "\(file): holds the \(found) model, not the \(expected) one; name it \(found).json (or retrain)"
        case let .missingInput(target, flags, feature, moreCount):
            let more = moreCount > 0 ? " and \(moreCount) more features" : ""
            guard !flags.isEmpty else {
                return "the \(target) bundle reads \(feature)\(more), which these inputs do not give; use the inputs it was trained with"
            }
            let named = flags.count == 1 ? flags[0] : flags.dropLast().joined(separator: ", ") + " and " + flags.last!
            return "the \(target) bundle was trained with \(named) (it reads \(feature)\(more) these inputs lack); "
                + "give \(flags.count == 1 ? "that file" : "those files") as in training, or retrain without \(flags.count == 1 ? "it" : "them")"
        case let .modelsPathIsAFile(path):
            return "--models \(path): is a file; expected the folder that holds churn.json and loyal-candidate.json"
        case let .evaluationInSample(asOf, trainedAsOf, target):
            return "--as-of \(asOf) is before the \(target) bundle's training cutoff \(trainedAsOf): the labels after \(asOf) "
                + "overlap the data the model learned from, so the result would flatter it (evaluate at \(trainedAsOf) or later, "
                + "or pass --allow-in-sample to measure it anyway)"
        case let .asOfAfterData(asOf, lastOrderDay):
            return "--as-of \(asOf) is after the last order (\(lastOrderDay)): every customer would look lapsed; "
                + "use --as-of \(lastOrderDay) or earlier (the default is the last order day)"
        case let .strictWarnings(count, first):
            return "--strict: \(count) warning\(count == 1 ? "" : "s") (first: \(first))"
        case let .contactHistoryTooThin(target, detail):
            return "\(target): the contact history is too thin to learn from: \(detail)"
        }
    }
}
