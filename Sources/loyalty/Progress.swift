import Foundation

/// Progress lines on stderr for long steps: only when stderr is a terminal, never with `--quiet`, each
/// line stamped with the seconds since the command started.
struct Progress {
    private let enabled: Bool
    private let start = Date()

    /// Progress for a command run with or without `--quiet`.
    init(quiet: Bool) {
        enabled = !quiet && isatty(STDERR_FILENO) != 0
    }

    /// Reports the step about to start.
    func step(_ message: String) {
        guard enabled else { return }
        printError(String(format: "[%6.1fs] ", Date().timeIntervalSince(start)) + message)
    }
}

/// A span of days given to `flag` (`--horizon`, `--retrain-after`): days as `90d` or `90`, weeks as `13w`.
func parseDays(_ text: String, flag: String) throws -> Int {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    var digits = trimmed
    var multiplier = 1
    if trimmed.hasSuffix("d") { digits = String(trimmed.dropLast()) }
    if trimmed.hasSuffix("w") { digits = String(trimmed.dropLast()); multiplier = 7 }
    guard let count = Int(digits), count > 0 else {
        throw UsageError(message: "\(flag) \(text): expected a number of days such as 90d (or weeks such as 13w)")
    }
    return count * multiplier
}
