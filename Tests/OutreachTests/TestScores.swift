import Foundation
import LoyaltyModels
import OrderHistory

/// Small hand-made inputs for the Outreach tests.
enum TestScores {
    /// The as-of day the test scores use: 2024-12-31.
    static let asOfDay = CalendarDay.parseISO("2024-12-31")!

    /// A score with the fields a test cares about; probabilities default to `NaN` (model not applicable).
    static func score(_ id: String, churn: Double = .nan, loyalCandidate: Double = .nan, value: Double = 0,
                      daysSinceLastPurchase: Double = 10, isLoyal: Bool = false, cell: String = "loyal candidate",
                      rank: String = "B", churnReasons: [String] = [], loyalCandidateReasons: [String] = []) -> CustomerScore {
        CustomerScore(customerID: id, asOfDay: asOfDay, churnProbability: churn, churnDecile: churn.isNaN ? nil : 5,
                      loyalCandidateProbability: loyalCandidate, loyalCandidateDecile: loyalCandidate.isNaN ? nil : 5,
                      value: value, valueDecile: 5, rfmRank: rank, ltvNPSCell: cell,
                      daysSinceLastPurchase: daysSinceLastPurchase, isLoyal: isLoyal, churnReasons: churnReasons,
                      loyalCandidateReasons: loyalCandidateReasons)
    }

    /// A fresh empty folder under the system's temporary folder.
    static func folder() -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("outreach-tests-\(getpid())", isDirectory: true)
            .appendingPathComponent(UUID().uuidString, isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes `text` as UTF-8 into a fresh folder and returns its path.
    static func write(_ text: String, name: String = "scores.csv") -> String {
        let path = folder() + "/" + name
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Whether two scores are equal, with `NaN` equal to `NaN`.
    static func same(_ left: CustomerScore, _ right: CustomerScore) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return left.customerID == right.customerID && left.asOfDay == right.asOfDay
            && same(left.churnProbability, right.churnProbability) && left.churnDecile == right.churnDecile
            && same(left.loyalCandidateProbability, right.loyalCandidateProbability)
            && left.loyalCandidateDecile == right.loyalCandidateDecile && same(left.value, right.value)
            && left.valueDecile == right.valueDecile && left.rfmRank == right.rfmRank
            && left.ltvNPSCell == right.ltvNPSCell && same(left.daysSinceLastPurchase, right.daysSinceLastPurchase)
            && left.isLoyal == right.isLoyal && left.churnReasons == right.churnReasons
            && left.loyalCandidateReasons == right.loyalCandidateReasons
    }
}
