import ArgumentParser
import Foundation
import LinearAlgebra
import OrderHistory
import ScoringCore

/// `loyalty ml fit`: fits transforms and a model on a numeric table and saves the model file.
struct MLFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a binary model on a numeric table and save it as a model file.",
        discussion: """
            Every column but the label, the weight, the id and the ignored columns is a feature; empty cells are \
            missing values (median-imputed, with an indicator column).

            Example:
              loyalty ml fit --data train.csv --label churned --algorithm logistic --l2 1 --class-weight balanced --out model.json
              loyalty ml fit --data train.csv --label churned --algorithm gbdt --trees 200 --leaves 31 --learning-rate 0.1 \
                  --validation valid.csv --early-stopping-rounds 20 --seed 7 --out model.json
              loyalty ml fit --data campaign.csv --label bought --algorithm uplift --treatment-column called \
                  --uplift-method two-model --base-algorithm gbdt --out uplift.json

            An uplift model learns P(label | treated) − P(label | control) from a randomized table: two-model fits \
            one base model per arm; class-transformation one model of z = label·w + (1 − label)(1 − w), \
            re-balanced when the treated share is not one half (weights for logistic, a seeded sample for gbdt); \
            x-learner the two arm models, then models of each row's imputed effect (fitted on it as a share), \
            blended by the treated share.
            """
    )

    @Option(help: "The training table (CSV).")
    var data: String
    @Option(help: "The 0/1 label column.")
    var label: String
    @Option(help: "logistic regression, gbdt (histogram gradient boosting), or uplift (needs --treatment-column).")
    var algorithm: AlgorithmChoice = .logistic
    @Option(help: "uplift: the 1/0 column saying which rows were treated (called) and which were control.")
    var treatmentColumn: String?
    @Option(help: "uplift: two-model or class-transformation.")
    var upliftMethod: FittedUpliftModel.Method = .twoModel
    @Option(help: "uplift: the base learner, gbdt or logistic (its flags apply).")
    var baseAlgorithm: AlgorithmChoice = .gbdt
    @Option(help: "L2 penalty λ: on the weights for logistic (scikit-learn's 1/C; default 1; the intercept is not penalized), on leaf values for gbdt (default 0).")
    var l2: Double?
    @Option(help: "gbdt: number of trees.")
    var trees: Int = 100
    @Option(help: "gbdt: most leaves per tree.")
    var leaves: Int = 31
    @Option(help: "gbdt: deepest level of a tree (default: no limit).")
    var maxDepth: Int?
    @Option(help: "gbdt: learning rate.")
    var learningRate: Double = 0.1
    @Option(help: "gbdt: most bins per feature (2-256, the missing bin included).")
    var maxBins: Int = 255
    @Option(help: "gbdt: fewest rows in a leaf.")
    var minDataInLeaf: Int = 20
    @Option(help: "gbdt: share of features tried per tree.")
    var featureFraction: Double = 1
    @Option(help: "gbdt: share of rows used per tree.")
    var baggingFraction: Double = 1
    @Option(help: "gbdt: stop when the validation log loss has not improved for this many trees (needs --validation).")
    var earlyStoppingRounds: Int?
    @Option(help: "gbdt: a labelled validation table (CSV) for early stopping.")
    var validation: String?
    @Option(help: "L1 penalty on the weights.")
    var l1: Double = 0
    @Option(help: "Class weights.")
    var classWeight: LogisticRegression.ClassWeight = .none
    @Option(help: "Column of row weights.")
    var weightColumn: String?
    @Option(help: "Id column kept out of the features (repeatable).")
    var idColumn: [String] = []
    @Option(help: "Column to leave out of the features (repeatable).")
    var ignoreColumn: [String] = []
    @Option(help: "Random seed (gbdt bagging and feature sampling; logistic regression is deterministic without one).")
    var seed: UInt64 = 0
    @Option(help: "Threads. logistic: BLAS threads (default 1: the model file is then the same bytes on any machine; other counts are reproducible too, but may differ in the last bit, and were not faster on 1M × 40 here). gbdt: histogram threads (default: all cores; the model is the same bytes for any count).")
    var threads: Int?
    @Flag(help: "Do not log-transform skewed non-negative columns (impute and standardize only, as a plain scikit-learn pipeline).")
    var noLogTransform = false
    @Option(help: "Where to write the model file (JSON).")
    var out: String
    @Flag(help: "Print the training summary as one JSON object.")
    var json = false
    @OptionGroup var input: InputOptions

    @OptionGroup var settingsFile: ConfigOption

    func run() throws {
        try OutputPath.check(out)
        let weighting = classWeight
        if let l2 { try require(l2 >= 0, "--l2", l2, expected: "0 or more") }
        try require(l1 >= 0, "--l1", l1, expected: "0 or more")
        if let threads { try require(threads >= 1, "--threads", threads, expected: "1 or more") }
        if let earlyStoppingRounds { try require(earlyStoppingRounds >= 1, "--early-stopping-rounds", earlyStoppingRounds, expected: "1 or more") }
        if algorithm == .uplift {
            guard treatmentColumn != nil else { throw UsageError(message: "--algorithm uplift needs --treatment-column") }
            guard baseAlgorithm != .uplift else { throw UsageError(message: "--base-algorithm uplift: expected gbdt or logistic") }
        } else if treatmentColumn != nil {
            throw UsageError(message: "--treatment-column is for --algorithm uplift")
        }
        let learner = algorithm == .uplift ? baseAlgorithm : algorithm
        if learner == .gbdt {
            try require((2...256).contains(maxBins), "--max-bins", maxBins, expected: "2 to 256")
            try require(leaves >= 2, "--leaves", leaves, expected: "2 or more")
            try require(trees >= 1, "--trees", trees, expected: "1 or more")
            try require(learningRate > 0, "--learning-rate", learningRate, expected: "more than 0")
            try require(minDataInLeaf >= 1, "--min-data-in-leaf", minDataInLeaf, expected: "1 or more")
            if let maxDepth { try require(maxDepth >= 1, "--max-depth", maxDepth, expected: "1 or more") }
            try require(featureFraction > 0 && featureFraction <= 1, "--feature-fraction", featureFraction, expected: "a share in (0, 1]")
            try require(baggingFraction > 0 && baggingFraction <= 1, "--bagging-fraction", baggingFraction, expected: "a share in (0, 1]")
        }
        BLAS.setThreadCount(threads ?? 1)
        let (dataset, _, _, treatment) = try readDataset(path: data, input: input, label: label, weightColumn: weightColumn,
                                                         treatmentColumn: treatmentColumn, idColumns: idColumn,
                                                         ignoredColumns: ignoreColumn)
        let specification: ModelSpecification
        var validationSet: Dataset?
        switch learner {
        case .gbdt, .uplift:
            validationSet = try validation.map {
                if algorithm == .uplift { throw UsageError(message: "--validation is not taken with --algorithm uplift yet") }
                return try readDataset(path: $0, input: input, label: label, weightColumn: weightColumn, idColumns: idColumn,
                                       ignoredColumns: ignoreColumn).dataset
            }
            specification = .gradientBoosting(GradientBoosting.Configuration(
                trees: trees,
                tree: .init(maxLeaves: leaves, maxDepth: maxDepth,
                            split: .init(l2: l2 ?? 0, minDataInLeaf: minDataInLeaf), learningRate: learningRate),
                maxBins: maxBins, featureFraction: featureFraction, baggingFraction: baggingFraction,
                earlyStoppingRounds: earlyStoppingRounds, seed: seed))
        case .logistic:
            specification = .logistic(LogisticRegression.Configuration(l2: l2 ?? 1, l1: l1, classWeight: weighting),
                                      transform: .init(logSkewed: !noLogTransform))
        }
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let model = try treatment.map {
            try ModelFile.fitUplift(dataset, treatment: $0, labelName: label, method: upliftMethod, base: specification,
                                    seed: seed, threads: threadCount)
        } ?? specification.fit(dataset, labelName: label, validation: validationSet, threads: threadCount)
        try AtomicFile.write(try model.encoded(), to: out)
        if json {
            struct Summary: Encodable {
                var model: String
                var rows: Int
                var features: Int
                var iterations: Int
                var converged: Bool
                var trainingMetrics: BinaryMetrics
            }
            print(try jsonText(Summary(model: out, rows: dataset.rowCount, features: dataset.featureNames.count,
                                       iterations: model.fitted.fitSteps, converged: model.fitted.converged,
                                       trainingMetrics: model.trainingMetrics)))
        } else {
            printError("wrote \(out): \(model.fitted.description), \(grouped(dataset.rowCount)) rows × \(dataset.featureNames.count) features, "
                + "training AUC \(String(format: "%.4f", model.trainingMetrics.rocAUC))")
        }
    }
}
