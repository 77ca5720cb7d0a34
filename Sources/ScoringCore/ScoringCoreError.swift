/// Everything that can go wrong when fitting, saving, loading or applying a model.
public enum ScoringCoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A model file of a format version this build does not know.
    case unknownFormatVersion(file: String, found: Int, supported: Int)
    /// A model file that is not valid JSON of the expected shape.
    case invalidModelFile(file: String, reason: String)
    /// The table to score lacks a feature the model was trained on.
    case missingFeature(name: String, available: [String])
    /// A label that is not 0 or 1.
    case invalidLabel(row: Int, value: Double)
    /// Training labels of a single class: nothing to learn.
    case singleClass(label: Double)
    /// A hyper-parameter outside its range.
    case invalidParameter(name: String, value: String, expected: String)
    /// No rows to learn from or to evaluate.
    case emptyDataset
    /// A treatment column for an uplift model without both arms, or with values other than 0 and 1.
    case invalidTreatment(treated: Int, control: Int, other: Int)
    /// A model of one kind where another is needed (an uplift model where a probability model is read).
    case wrongModelKind(found: String, expected: String)

    /// A message for stderr.
    public var description: String {
        switch self {
        case .unknownFormatVersion(let file, let found, let supported):
            return "\(file): model format version \(found) is not supported (this build reads version \(supported)); retrain the model or use a matching build"
        case .invalidModelFile(let file, let reason):
            return "\(file): not a loyalty model file: \(reason)"
        case .missingFeature(let name, let available):
            return "the table has no column \"\(name)\", which the model needs; columns are \(available.map { "\"\($0)\"" }.joined(separator: ", "))"
        case .invalidLabel(let row, let value):
            return "data row \(row): label \(value) is not 0 or 1"
        case .singleClass(let label):
            return "every label is \(label); a binary model needs both 0s and 1s"
        case .invalidParameter(let name, let value, let expected):
            return "\(name) \(value): expected \(expected)"
        case .emptyDataset:
            return "the table has no rows"
        case .invalidTreatment(let treated, let control, let other):
            return other > 0 ? "the treatment column has \(other) values other than 1 (treated) and 0 (control)"
                : "an uplift model needs treated and control rows; the table has \(treated) treated and \(control) control"
        case .wrongModelKind(let found, let expected):
            return "this is a\(found == "uplift" ? "n" : "") \(found) model; this needs a\(expected == "uplift" ? "n" : "") \(expected) model"
        }
    }
}
