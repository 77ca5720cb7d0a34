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
            """
    )

    @Option(help: "The training table (CSV).")
    var data: String
    @Option(help: "The 0/1 label column.")
    var label: String
    @Option(help: "logistic (gbdt comes with the gradient-boosting issue).")
    var algorithm: String = "logistic"
    @Option(help: "L2 penalty λ on the weights (scikit-learn's 1/C); the intercept is not penalized.")
    var l2: Double = 1
    @Option(help: "L1 penalty on the weights.")
    var l1: Double = 0
    @Option(help: "Class weights: none or balanced.")
    var classWeight: String = "none"
    @Option(help: "Column of row weights.")
    var weightColumn: String?
    @Option(help: "Id column kept out of the features (repeatable).")
    var idColumn: [String] = []
    @Option(help: "Column to leave out of the features (repeatable).")
    var ignoreColumn: [String] = []
    @Option(help: "Random seed (logistic regression is deterministic without one; kept for scripts).")
    var seed: UInt64 = 0
    @Option(help: "BLAS threads (default 1: the Hessian of tens of features is too small for threads to pay off, as measured in bench/logistic).")
    var threads: Int = 1
    @Flag(help: "Do not log-transform skewed non-negative columns (impute and standardize only, as a plain scikit-learn pipeline).")
    var noLogTransform = false
    @Option(help: "Where to write the model file (JSON).")
    var out: String
    @Flag(help: "Print the training summary as one JSON object.")
    var json = false
    @OptionGroup var input: InputOptions

    func run() throws {
        guard algorithm == "logistic" else {
            throw UsageError(message: "--algorithm \(algorithm): only logistic is available in this build")
        }
        guard let weighting = LogisticRegression.ClassWeight(rawValue: classWeight) else {
            throw UsageError(message: "--class-weight \(classWeight): expected none or balanced")
        }
        BLAS.setThreadCount(threads)
        let (dataset, _, _) = try readDataset(path: data, input: input, label: label, weightColumn: weightColumn,
                                              idColumns: idColumn, ignoredColumns: ignoreColumn)
        let configuration = LogisticRegression.Configuration(l2: l2, l1: l1, classWeight: weighting)
        let model = try ModelFile.fitLogistic(dataset, labelName: label, configuration: configuration,
                                              transformSettings: .init(logSkewed: !noLogTransform))
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
                                       iterations: model.logistic!.iterations, converged: model.logistic!.converged,
                                       trainingMetrics: model.trainingMetrics)))
        } else {
            printError("wrote \(out): logistic regression on \(grouped(dataset.rowCount)) rows × \(dataset.featureNames.count) features, "
                + "\(model.logistic!.iterations) Newton steps, training AUC \(String(format: "%.4f", model.trainingMetrics.rocAUC))")
        }
    }
}
