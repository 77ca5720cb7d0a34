import Features
import Foundation
import OrderHistory
@testable import Outreach

/// Small hand-made inputs for the Outreach tests.
enum TestScores {
    /// The as-of day the test scores use: 2024-12-31.
    static let asOfDay = CalendarDay.parseISO("2024-12-31")!

    /// A score with the fields a test cares about; probabilities default to `NaN` (model not applicable).
    static func score(_ id: String, churn: Double = .nan, loyalCandidate: Double = .nan, value: Double = 0,
                      daysSinceLastPurchase: Double = 10, isLoyal: Bool = false, cell: String = "high-value passive",
                      rank: String = "B", churnReasons: [ReasonFactor] = [], loyalCandidateReasons: [ReasonFactor] = [],
                      spend365: Double = .nan, churnRankedBy: ListRanking = .model,
                      loyalCandidateRankedBy: ListRanking = .model) -> CustomerScore {
        var score = CustomerScore(
            customerID: id, asOfDay: asOfDay, churnProbability: churn, churnDecile: churn.isNaN ? nil : 5,
            loyalCandidateProbability: loyalCandidate, loyalCandidateDecile: loyalCandidate.isNaN ? nil : 5,
            value: value, valueDecile: 5, rfmRank: rank, ltvNPSCell: cell,
            daysSinceLastPurchase: daysSinceLastPurchase, isLoyal: isLoyal, churnReasons: churnReasons,
            loyalCandidateReasons: loyalCandidateReasons)
        score.spend365 = spend365
        score.churnRankedBy = churnRankedBy
        score.loyalCandidateRankedBy = loyalCandidateRankedBy
        return score
    }

    /// A reason factor; typical and contribution default to values that do not matter to the test.
    static func factor(_ feature: String, _ value: Double = .nan, typical: Double = .nan,
                       contribution: Double = 0.5) -> ReasonFactor {
        ReasonFactor(feature: feature, value: value, typical: typical, contribution: contribution)
    }

    /// Settings without floors (every probability is at least 0), as the tests written before the floors
    /// existed assume.
    static func noFloors(capacity: Int, retentionShare: Double = 0.6, cooloffDays: Int = 30,
                         language: ReasonLanguage = .en) -> CallListSettings {
        CallListSettings(capacity: capacity, retentionShare: retentionShare, cooloffDays: cooloffDays, language: language,
                         minChurnProbability: 0, minLoyalCandidateProbability: 0)
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
            && left.loyalCandidateReasons == right.loyalCandidateReasons && same(left.spend365, right.spend365)
            && left.churnRankedBy == right.churnRankedBy && left.loyalCandidateRankedBy == right.loyalCandidateRankedBy
    }
}

/// The CP932 bytes of `text`, or nil when a character has no CP932 code (`CP932Encoder` without a
/// replacement): what the tests use to check that texts fit a CP932 call list.
func cp932(_ text: String) -> [UInt8]? {
    let (bytes, unmappable) = CP932Encoder.encode(text, replacement: nil)
    return unmappable.isEmpty ? bytes : nil
}
