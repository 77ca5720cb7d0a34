import Features
import Foundation
import LinearAlgebra
import OrderHistory
import ScoringCore

/// An uplift target of the weekly job: whom a call on a list makes buy again.
public enum UpliftTarget: String, CaseIterable, Codable, Sendable {
    /// Retention calls: bought in the window after the list's date because called.
    case retentionUplift = "retention-uplift"
    /// Upgrade calls, likewise.
    case upgradeUplift = "upgrade-uplift"

    /// The list names a contact history uses for this target's list (English and Japanese), and `all`
    /// (a history without a list column).
    public var listNames: Set<String> {
        self == .retentionUplift ? ["retention", "離反防止", "all"] : ["upgrade", "ロイヤル化", "all"]
    }

    /// The scores file's column of this target's uplift.
    public var scoreColumn: String { self == .retentionUplift ? "retention_uplift" : "upgrade_uplift" }
}

/// A trained uplift model with what it was trained on and how it did out of time: `DIR/<target>.json`.
public struct UpliftBundle: Codable, Sendable, Equatable {
    /// How the held-out campaigns were ranked.
    public struct Holdout: Codable, Sendable, Equatable {
        /// The list dates held out (the latest ones), yyyy-MM-dd.
        public var campaigns: [String]
        /// Contacts in them.
        public var contacts: Int
        /// The model's Qini coefficient on them (scikit-uplift's definition).
        public var qini: Double
        /// The Qini of ranking by days since the last purchase (the risk a retention list ranks by).
        public var baselineQini: Double
        /// Called minus control purchase rate in the top 20% of the model's ranking (by group).
        public var upliftAt20: Double
    }

    /// The bundle format.
    public var formatVersion = 1
    /// The target.
    public var target: UpliftTarget
    /// The as-of date of the training data (no contact or order after it was read), yyyy-MM-dd.
    public var trainedAsOf: String
    /// Days after a list's date in which a purchase counts.
    public var horizonDays: Int
    /// Contacts with complete windows learned from, and how many of them were control.
    public var contacts: Int
    /// Control contacts among them.
    public var controls: Int
    /// The list dates learned from, yyyy-MM-dd.
    public var campaigns: [String]
    /// The out-of-time result on the latest campaigns.
    public var holdout: Holdout
    /// The model (two models over gradient boosting), refitted on every contact.
    public var model: ModelFile

    /// The file of `target` in `folder`.
    public static func path(folder: String, target: UpliftTarget) -> String {
        (folder as NSString).appendingPathComponent(target.rawValue + ".json")
    }

    /// The bundle in `folder` for `target`, or nil when there is none.
    public static func loadIfPresent(folder: String, target: UpliftTarget) throws -> UpliftBundle? {
        let file = path(folder: folder, target: target)
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        do {
            return try ModelFile.jsonDecoder().decode(UpliftBundle.self, from: data)
        } catch {
            throw LoyaltyModelsError.invalidBundle(file: file, reason: "\(error)")
        }
    }

    /// The bundle's JSON bytes (sorted keys, like every model file).
    public func encoded() throws -> Data { try ModelFile.jsonEncoder().encode(self) }

    /// The uplift of every customer of `table` (the features at the scoring day), `NaN` where `include`
    /// is false.
    public func uplift(_ table: FeatureTable, include: [Bool], threads: Int = 1) throws -> [Double] {
        let rows = include.indices.filter { include[$0] }
        let features = try Dataset(table: table, rows: rows).features(named: model.featureNames)
        let scores = model.fitted.uplift(features, threads: threads) ?? []
        var result = [Double](repeating: .nan, count: table.rowCount)
        for (position, row) in rows.enumerated() { result[row] = scores[position] }
        return result
    }
}

/// Learns, out of time over past campaigns, whom a call helps: each contact of the target's list with a
/// window (d, d + H] complete by the as-of day is a row, with the features as of its list's date, the label
/// "net spend above zero in the window" and its group as the treatment. The latest campaigns holding at
/// least a fifth of the contacts are held out; a model fitted on the contacts whose windows closed before
/// them ranks them (the Qini against ranking by days since the last purchase); then the model is refitted
/// on every contact.
public enum UpliftTrainer {
    /// Fewest contacts with complete windows, and fewest of each group.
    public static let minimumContacts = 400
    /// Fewest control (and called) contacts.
    public static let minimumPerGroup = 100
    /// The base learner: gradient boosting, kept small (few contacts, a noisy difference to learn).
    public static let baseModel = ModelSpecification.gradientBoosting(GradientBoosting.Configuration(
        trees: 100, tree: .init(maxLeaves: 15, split: .init(minDataInLeaf: 50), learningRate: 0.05)))

    /// The bundle for `target`, from `history` (read up to `asOfDay`) and the contact history (`contacts`
    /// with its own `registry`).
    public static func train(history: CustomerHistory, contacts: ContactLog, registry: CustomerRegistry, asOfDay: Int32,
                             horizonDays: Int, target: UpliftTarget, threads: Int = 1) throws -> UpliftBundle {
        // The contacts that count: the target's list, a customer with history, a window closed by T.
        var usable: [(day: Int32, customer: Int, treated: Bool)] = []
        for index in 0..<contacts.count where target.listNames.contains(contacts.listName(index)) {
            let day = contacts.day[index]
            guard Int(day) + horizonDays <= Int(asOfDay),
                  let customer = history.registry.index(of: registry.ids[Int(contacts.customerIndex[index])]) else { continue }
            usable.append((day, Int(customer), contacts.group[index] == .call))
        }
        let controls = usable.filter { !$0.treated }.count
        let days = Array(Set(usable.map(\.day))).sorted()
        guard usable.count >= minimumContacts, controls >= minimumPerGroup, usable.count - controls >= minimumPerGroup,
              days.count >= 2 else {
            throw LoyaltyModelsError.contactHistoryTooThin(
                target: target.rawValue,
                detail: "\(usable.count) contacts of its list with a \(horizonDays)-day window closed by \(CalendarDay.isoString(asOfDay)) "
                    + "(\(controls) control) on \(days.count) list date\(days.count == 1 ? "" : "s"); it needs at least "
                    + "\(minimumContacts) contacts, \(minimumPerGroup) in each group, on two or more dates")
        }
        // Features as of each list's date; labels from the orders in the window after it.
        var tables: [Int32: FeatureTable] = [:]
        for day in days { tables[day] = history.featureTable(at: day) }
        let names = tables[days[0]]!.names
        var features = Matrix<Double>(rows: usable.count, columns: names.count)
        var labels: [Double] = [], treatment: [Double] = []
        for (row, contact) in usable.enumerated() {
            let table = tables[contact.day]!
            for (column, values) in table.columns.enumerated() { features[row, column] = values[contact.customer] }
            let net = Labels.netSpend(log: history.orders, grouped: history.orderTimeline, customer: contact.customer,
                                      after: contact.day, days: horizonDays)
            labels.append(net > 0 ? 1 : 0)
            treatment.append(contact.treated ? 1 : 0)
        }
        let dataset = Dataset(featureNames: names, features: features, labels: labels)
        if labels.allSatisfy({ $0 == labels[0] }) {
            throw LoyaltyModelsError.contactHistoryTooThin(target: target.rawValue, detail: "every contact's label is \(Int(labels[0]))")
        }

        // Out of time: the latest campaigns holding at least a fifth of the contacts.
        var holdoutDays: [Int32] = []
        var held = 0
        for day in days.reversed() where held * 5 < usable.count && holdoutDays.count < days.count - 1 {
            holdoutDays.append(day)
            held += usable.filter { $0.day == day }.count
        }
        let firstHeld = holdoutDays.min()!
        let testRows = usable.indices.filter { usable[$0].day >= firstHeld }
        let trainRows = usable.indices.filter { Int(usable[$0].day) + horizonDays <= Int(firstHeld) }
        let trainTreatment = trainRows.map { treatment[$0] }
        var holdout = UpliftBundle.Holdout(campaigns: holdoutDays.sorted().map(CalendarDay.isoString), contacts: testRows.count,
                                           qini: .nan, baselineQini: .nan, upliftAt20: .nan)
        if trainTreatment.contains(1), trainTreatment.contains(0) {
            let early = try FittedUpliftModel.fit(dataset.rows(trainRows), treatment: trainTreatment, labelName: "bought",
                                                  method: .twoModel, base: baseModel, threads: threads)
            let testFeatures = dataset.rows(testRows).features
            let score = early.predict(testFeatures, threads: threads).uplift
            let outcome = testRows.map { labels[$0] }, arm = testRows.map { treatment[$0] }
            holdout.qini = UpliftMetrics.qiniCoefficient(outcome: outcome, treatment: arm, score: score)
            if let recency = names.firstIndex(of: RFMFeatures.daysSinceLastPurchase) {
                let risk = (0..<testFeatures.rows).map { testFeatures[$0, recency].isNaN ? 1e9 : testFeatures[$0, recency] }
                holdout.baselineQini = UpliftMetrics.qiniCoefficient(outcome: outcome, treatment: arm, score: risk)
            }
            holdout.upliftAt20 = UpliftMetrics.upliftAtK(outcome: outcome, treatment: arm, score: score, fraction: 0.2, strategy: .byGroup)
        }
        let model = try ModelFile.fitUplift(dataset, treatment: treatment, labelName: "bought", method: .twoModel, base: baseModel,
                                            threads: threads)
        return UpliftBundle(target: target, trainedAsOf: CalendarDay.isoString(asOfDay), horizonDays: horizonDays,
                            contacts: usable.count, controls: controls, campaigns: days.map(CalendarDay.isoString),
                            holdout: holdout, model: model)
    }

}
