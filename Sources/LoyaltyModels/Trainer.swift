import Features
import Foundation
import LinearAlgebra
import OrderHistory
import ScoringCore

/// `loyalty train`: features and labels over the cutoff schedule, logistic regression and gradient
/// boosting evaluated out of time against a baseline, the better one refitted on all cutoffs.
public enum Trainer {
    /// Trains one bundle per target in `targets` on `history` as of `asOf` (no data after it is read).
    /// `progress` receives a line for each step; `threads` share the gradient-boosting histograms.
    public static func train(history: CustomerHistory, asOf: Int32, targets: [PredictionTarget],
                             settings: TrainingSettings, threads: Int = 1,
                             progress: (String) -> Void = { _ in }) throws -> [ModelBundle] {
        let firstDay = history.firstOrderDay ?? asOf
        let full = TrainingSchedule(asOf: asOf, horizonDays: settings.horizonDays, stepDays: settings.stepDays,
                                    firstDay: firstDay, minimumHistoryDays: settings.minimumHistoryDays)
        var cutoffs = full.cutoffs
        if let limit = settings.maxCutoffs {
            // Never fewer than reach the first cutoff whose label window ends before the held-out one.
            let firstEvaluationFit = cutoffs.firstIndex { $0 <= asOf - Int32(2 * settings.horizonDays) } ?? cutoffs.count
            cutoffs = Array(cutoffs.prefix(max(limit, firstEvaluationFit + 1)))
        }
        let evaluationFit = cutoffs.filter { $0 <= asOf - Int32(2 * settings.horizonDays) }
        guard !cutoffs.isEmpty, !evaluationFit.isEmpty else {
            throw LoyaltyModelsError.historyTooShort(
                firstDay: CalendarDay.isoString(firstDay), asOf: CalendarDay.isoString(asOf), horizonDays: settings.horizonDays,
                needed: CalendarDay.isoString(asOf - Int32(2 * settings.horizonDays + settings.minimumHistoryDays)))
        }
        let rule = settings.loyaltyRule
        var stacks = [StackedTrainingSet](repeating: StackedTrainingSet(), count: targets.count)
        var populationRows = [Int](repeating: 0, count: targets.count)
        var keepShare = [Double](repeating: 1, count: targets.count)
        for (position, cutoff) in cutoffs.enumerated() {
            progress("features and labels at \(CalendarDay.isoString(cutoff)) (\(position + 1) of \(cutoffs.count))")
            let table = history.featureTable(at: cutoff, loyaltyRule: rule)
            for (targetIndex, target) in targets.enumerated() {
                let labels = target.labels(history: history, cutoff: cutoff, horizonDays: settings.horizonDays, rule: rule)
                let population = labels.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
                if position == 0 {
                    // Sample so that about maxTrainingRows rows are kept over all cutoffs.
                    let expected = Double(max(1, population * cutoffs.count))
                    keepShare[targetIndex] = min(1, Double(settings.maxTrainingRows) / expected)
                }
                populationRows[targetIndex] += population
                let share = keepShare[targetIndex]
                stacks[targetIndex].append(table, labels: labels) { keep(customer: $0, cutoff: cutoff, share: share, seed: settings.seed) }
            }
        }
        let fingerprint = DataFingerprint(history, through: asOf)
        var bundles: [ModelBundle] = []
        for (targetIndex, target) in targets.enumerated() {
            let stack = stacks[targetIndex]
            stacks[targetIndex] = StackedTrainingSet()
            bundles.append(try trainTarget(target, stack: stack, populationRows: populationRows[targetIndex], cutoffs: cutoffs,
                                           evaluationFit: evaluationFit,
                                           heldOut: cutoffs[0], asOf: asOf, settings: settings, fingerprint: fingerprint,
                                           threads: threads, progress: progress))
        }
        return bundles
    }

    /// Whether row (customer, cutoff) is in the sample: a hash of both and the seed against `share`.
    static func keep(customer: Int, cutoff: Int32, share: Double, seed: UInt64) -> Bool {
        guard share < 1 else { return true }
        var random = SplitMix64(seed: seed ^ (UInt64(UInt32(bitPattern: cutoff)) << 32), stream: UInt64(customer))
        return random.uniform() < share
    }

    private static func trainTarget(_ target: PredictionTarget, stack: StackedTrainingSet, populationRows: Int, cutoffs: [Int32],
                                    evaluationFit: [Int32], heldOut: Int32, asOf: Int32, settings: TrainingSettings,
                                    fingerprint: DataFingerprint, threads: Int,
                                    progress: (String) -> Void) throws -> ModelBundle {
        let names = stack.names, width = names.count
        let fitCutoffs = Set(evaluationFit)
        func rows(where include: (Int32) -> Bool) -> Dataset {
            var values: [Double] = []
            var labels: [Double] = []
            for row in 0..<stack.rowCount where include(stack.cutoffDays[row]) {
                values.append(contentsOf: stack.values[(row * width)..<((row + 1) * width)])
                labels.append(stack.labels[row])
            }
            return Dataset(featureNames: names, features: Matrix(rows: labels.count, columns: width, elements: values), labels: labels)
        }
        let fitSet = rows { fitCutoffs.contains($0) }
        let heldOutSet = rows { $0 == heldOut }
        for (set, what) in [(fitSet, "cutoffs up to \(CalendarDay.isoString(evaluationFit[0]))"),
                            (heldOutSet, "the held-out cutoff \(CalendarDay.isoString(heldOut))")] {
            let positives = set.labels!.reduce(0, +)
            guard positives > 0, positives < Double(set.rowCount) else {
                throw LoyaltyModelsError.oneClassOnly(target: target.rawValue,
                                                      detail: "\(set.rowCount) rows at \(what), \(Int(positives)) positive")
            }
        }
        let heldOutLabels = heldOutSet.labels!
        // Each candidate fitted on the cutoffs up to T − 2H and measured on the held-out cutoff.
        let candidates = settings.candidates
        var leaderboard: [LeaderboardEntry] = []
        for candidate in candidates {
            progress("\(target.rawValue): \(candidate.specification.description) on \(fitSet.rowCount) rows, evaluated on \(heldOutSet.rowCount)")
            let fitted = try candidate.specification.fit(fitSet, labelName: target.rawValue, threads: threads)
            leaderboard.append(LeaderboardEntry(model: candidate.name, scores: try fitted.probabilities(heldOutSet),
                                                labels: heldOutLabels, isProbability: true))
        }
        // The best candidate by out-of-time AUC; on a tie the earlier (simpler) one.
        var best = 0
        for index in candidates.indices.dropFirst() where leaderboard[index].rocAUC > leaderboard[best].rocAUC { best = index }
        let chosen = candidates[best].name
        let baselineColumn = names.firstIndex(of: target.baseline.feature)!
        let baselineValues = (0..<heldOutSet.rowCount).map { heldOutSet.features[$0, baselineColumn] }
        leaderboard.append(LeaderboardEntry(model: "baseline", scores: target.baselineScores(baselineValues), labels: heldOutLabels,
                                            isProbability: false))
        leaderboard.sort { $0.rocAUC > $1.rocAUC || ($0.rocAUC == $1.rocAUC && $0.model < $1.model) }
        progress("\(target.rawValue): refitting \(chosen) on all \(stack.rowCount) rows")
        // Every row in stacking order: the stack's own buffers, no copy.
        let all = Dataset(featureNames: names, features: Matrix(rows: stack.rowCount, columns: width, elements: stack.values),
                          labels: stack.labels)
        let model = try candidates[best].specification.fit(all, labelName: target.rawValue, threads: threads)
        // One pass per column for the typical value (reasons) and the distribution (drift at scoring).
        var typical: [String: Double] = [:]
        var distributions: [String: FeatureDistribution] = [:]
        for (column, name) in names.enumerated() {
            let values = (0..<all.rowCount).map { all.features[$0, column] }
            let present = values.filter { !$0.isNaN }
            typical[name] = present.isEmpty ? .nan : FeatureTransform.median(present)
            distributions[name] = FeatureDistribution(values: values)
        }
        var bundle = ModelBundle(formatVersion: ModelBundle.currentFormatVersion, target: target, asOf: CalendarDay.isoString(asOf),
                           horizonDays: settings.horizonDays, cutoffs: cutoffs.map(CalendarDay.isoString),
                           heldOutCutoff: CalendarDay.isoString(heldOut), evaluationFitCutoffs: evaluationFit.map(CalendarDay.isoString),
                           loyalTopShare: settings.loyalTopShare, chosen: chosen, leaderboard: leaderboard, model: model,
                           typicalValues: typical, populationRows: populationRows, trainingRows: all.rowCount,
                           fingerprint: fingerprint, settings: settings)
        bundle.beatsBaseline = (bundle.chosenEntry?.rocAUC ?? 0) > (bundle.baselineEntry?.rocAUC ?? 0)
        bundle.featureDistributions = distributions
        return bundle
    }
}
