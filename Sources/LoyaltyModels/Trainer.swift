import Features
import Foundation
import LinearAlgebra
import OrderHistory
import ScoringCore

/// `loyalty train`: features and labels over the cutoff schedule; a search over logistic regression and
/// gradient boosting candidates evaluated out of time against a baseline (chosen on one half of the
/// held-out customers, reported on the other), the best one calibrated and refitted on all cutoffs.
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
        // The held-out customers in two halves by a hash of the customer and the seed: every choice (the
        // model, its trees by early stopping, the calibration) is made on the choosing half; the leaderboard
        // and the calibration's before/after are measured on the reporting half, which took no part in them.
        let heldOutCustomers = (0..<stack.rowCount).filter { stack.cutoffDays[$0] == heldOut }.map { Int(stack.customers[$0]) }
        let choosingRows = heldOutCustomers.indices.filter { choosingHalf(customer: heldOutCustomers[$0], seed: settings.seed) }
        let choosingSet = Set(choosingRows)
        let reportingRows = heldOutCustomers.indices.filter { !choosingSet.contains($0) }
        let choosing = heldOutSet.subset(rows: choosingRows), reporting = heldOutSet.subset(rows: reportingRows)
        for (set, what) in [(choosing, "the choosing half of the held-out cutoff"), (reporting, "the reporting half of the held-out cutoff")] {
            let positives = set.labels!.reduce(0, +)
            guard positives > 0, positives < Double(set.rowCount) else {
                throw LoyaltyModelsError.oneClassOnly(target: target.rawValue,
                                                      detail: "\(set.rowCount) rows at \(what), \(Int(positives)) positive")
            }
        }
        // The purchase-process features (P(alive), expected purchases) are tried last, on the chosen
        // candidate, and kept only when they raise its ROC AUC on the choosing half.
        let optionalNames = Set(PurchaseProcessFeatures.names)
        let baseNames = names.filter { !optionalNames.contains($0) }
        func restricted(_ set: Dataset, to columns: [String]) throws -> Dataset {
            columns.count == set.featureNames.count ? set
                : Dataset(featureNames: columns, features: try set.features(named: columns), labels: set.labels, weights: set.weights)
        }
        // Each candidate fitted on the cutoffs up to T − 2H and measured on the held-out cutoff.
        let candidates = settings.candidates
        var leaderboard: [LeaderboardEntry] = []
        var fittedCandidates: [(name: String, specification: ModelSpecification, model: ModelFile)] = []
        // A fitted candidate on the leaderboard: measured on the reporting half, chosen by the choosing half.
        func record(_ name: String, _ specification: ModelSpecification, _ fitted: ModelFile) throws {
            var entry = LeaderboardEntry(model: name, scores: try fitted.probabilities(reporting, threads: threads),
                                         labels: reporting.labels!, isProbability: true)
            entry.selectionRocAUC = BinaryMetrics.rocAUC(scores: try fitted.probabilities(choosing, threads: threads), labels: choosing.labels!)
            leaderboard.append(entry)
            fittedCandidates.append((name, specification, fitted))
        }
        // The search's tables without the purchase-process columns, made once for every candidate.
        let searchFit = try restricted(fitSet, to: baseNames), searchChoosing = try restricted(choosing, to: baseNames)
        let started = Date()
        var cutShort = false
        for (index, candidate) in candidates.enumerated() {
            if index >= 2, let budget = settings.searchBudgetSeconds, Date().timeIntervalSince(started) > budget {
                progress("\(target.rawValue): search budget of \(budget) s spent after \(index) of \(candidates.count) candidates")
                cutShort = true
                break
            }
            progress("\(target.rawValue): \(candidate.name) on \(fitSet.rowCount) rows, evaluated on \(heldOutSet.rowCount)")
            let fitted = try candidate.specification.fit(searchFit, labelName: target.rawValue, validation: searchChoosing,
                                                         threads: threads)
            try record(candidate.name, candidate.specification, fitted)
        }
        // The best candidate by ROC AUC on the choosing half; on a tie the earlier (simpler) one.
        var best = 0
        for index in leaderboard.indices.dropFirst() where leaderboard[index].selectionRocAUC! > leaderboard[best].selectionRocAUC! {
            best = index
        }
        let searched = fittedCandidates.count
        if baseNames.count < names.count {
            let candidate = fittedCandidates[best]
            let name = candidate.name + " + P(alive), expected purchases"
            progress("\(target.rawValue): \(name)")
            let fitted = try candidate.specification.fit(fitSet, labelName: target.rawValue, validation: choosing, threads: threads)
            try record(name, candidate.specification, fitted)
            if leaderboard[leaderboard.count - 1].selectionRocAUC! > leaderboard[best].selectionRocAUC! { best = leaderboard.count - 1 }
        }
        let chosen = fittedCandidates[best].name
        let chosenNames = fittedCandidates[best].model.featureNames
        let calibration = CalibrationChoice.choose(
            choosing: (try fittedCandidates[best].model.probabilities(choosing, threads: threads), choosing.labels!),
            reporting: (try fittedCandidates[best].model.probabilities(reporting, threads: threads), reporting.labels!))
        let heldOutCurves = ModelCurves(
            probabilities: calibration.calibration.apply(try fittedCandidates[best].model.probabilities(reporting, threads: threads)),
            labels: reporting.labels!)
        progress("\(target.rawValue): calibration \(calibration.calibration.method): out-of-time log loss \(calibration.logLossBefore) -> \(calibration.logLossAfter)")
        let baselineColumn = names.firstIndex(of: target.baseline.feature)!
        func baselineScores(_ set: Dataset) -> [Double] {
            target.baselineScores((0..<set.rowCount).map { set.features[$0, baselineColumn] })
        }
        var baselineEntry = LeaderboardEntry(model: "baseline", scores: baselineScores(reporting), labels: reporting.labels!, isProbability: false)
        baselineEntry.selectionRocAUC = BinaryMetrics.rocAUC(scores: baselineScores(choosing), labels: choosing.labels!)
        leaderboard.append(baselineEntry)
        leaderboard.sort { $0.rocAUC > $1.rocAUC || ($0.rocAUC == $1.rocAUC && $0.model < $1.model) }
        // Trees found by early stopping are fixed for the refit (the held-out cutoff is then training data).
        var refit = fittedCandidates[best].specification
        if case .gradientBoosting(var configuration) = refit, configuration.earlyStoppingRounds != nil {
            configuration.trees = fittedCandidates[best].model.fitted.fitSteps
            configuration.earlyStoppingRounds = nil
            refit = .gradientBoosting(configuration)
        }
        progress("\(target.rawValue): refitting \(chosen) on all \(stack.rowCount) rows")
        // Every row in stacking order: the stack's own buffers, no copy.
        let all = Dataset(featureNames: names, features: Matrix(rows: stack.rowCount, columns: width, elements: stack.values),
                          labels: stack.labels)
        let model = try refit.fit(try restricted(all, to: chosenNames), labelName: target.rawValue, threads: threads)
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
        bundle.calibration = calibration
        bundle.heldOutCurves = heldOutCurves
        bundle.search = SearchSummary(candidatesPlanned: candidates.count, candidatesTried: searched,
                                      budgetSeconds: settings.searchBudgetSeconds, cutShort: cutShort)
        return bundle
    }

    /// Whether a held-out customer is in the half that makes the choices (a hash of customer and seed).
    static func choosingHalf(customer: Int, seed: UInt64) -> Bool {
        var random = SplitMix64(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B, stream: UInt64(customer))
        return random.uniform() < 0.5
    }
}
