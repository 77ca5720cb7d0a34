import ArgumentParser
import LoyaltyModels
import Features
import OrderHistory
import Outreach
import ScoringCore

// The fixed choices of the flags, as ArgumentParser arguments: `--help` lists their values, and a value
// outside them is refused while parsing with the flag and the value named ("The value 'xx' is invalid
// for '--lang <lang>'. Please provide one of 'en' and 'ja'.").

extension ReasonLanguage: ExpressibleByArgument {}
extension Delimiter: ExpressibleByArgument {}
extension BadRowPolicy: ExpressibleByArgument {}
extension UnmappablePolicy: ExpressibleByArgument {}
extension LogisticRegression.ClassWeight: ExpressibleByArgument {}

extension NumberFormat: ExpressibleByArgument {}

extension TextEncoding: ExpressibleByArgument {
    /// `utf8`, `cp932` or `auto`; also `utf-8`, `shift_jis`, `sjis`, `windows-31j` (any case).
    public init?(argument: String) {
        switch argument.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
        case "utf8": self = .utf8
        case "cp932", "shiftjis", "sjis", "windows31j": self = .cp932
        case "auto": self = .auto
        default: return nil
        }
    }
}

/// `train --target`: one target or both.
enum TargetChoice: String, CaseIterable, ExpressibleByArgument {
    case churn
    case loyalCandidate = "loyal-candidate"
    case all
    /// Whom a retention call makes buy again (needs --contacts).
    case retentionUplift = "retention-uplift"
    /// Whom an upgrade call makes buy again (needs --contacts).
    case upgradeUplift = "upgrade-uplift"

    /// The uplift target this choice names, if it is one.
    var upliftTarget: UpliftTarget? { UpliftTarget(rawValue: rawValue) }
}

/// `ml fit --algorithm`.
enum AlgorithmChoice: String, CaseIterable, ExpressibleByArgument {
    case logistic
    case gbdt
    /// An uplift model (needs --treatment-column), over --base-algorithm.
    case uplift
}

extension FittedUpliftModel.Method: ExpressibleByArgument {}

/// `calllist --format`: one of the call list's formats (`CallListFormats.all`), so a new format is
/// listed in `--help` and accepted here without a change to the command.
struct FormatChoice: ExpressibleByArgument {
    /// The format named.
    let format: any CallListFormat

    init?(argument: String) {
        guard let format = CallListFormats.named(argument) else { return nil }
        self.format = format
    }

    static var allValueStrings: [String] { CallListFormats.all.map(\.name) }
}

/// Throws a usage error naming `flag` and `value` unless `holds`: one setting at fault, with what it
/// must be ("--gbdt-leaves 1: expected 2 or more").
func require<Value>(_ holds: Bool, _ flag: String, _ value: Value, expected: String) throws {
    if !holds { throw UsageError(message: "\(flag) \(value): expected \(expected)") }
}
