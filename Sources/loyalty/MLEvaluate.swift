import ArgumentParser
import Foundation
import OrderHistory
import ScoringCore

/// `loyalty ml evaluate`: a saved model's metrics on a labelled table.
struct MLEvaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure a model on a labelled table: AUC, PR-AUC, log loss, Brier score, lift by decile.",
        discussion: """
            With --treatment-column (a randomized table, 1 treated, 0 control), the model's score ranks the rows and the \
            report is the uplift one, as scikit-uplift defines it: the Qini coefficient, the area under the uplift \
            curve (AUUC, both normalized by the perfect ranking), and the uplift at 10, 20 and 30% (overall and by group).

            Example:
              loyalty ml evaluate --model model.json --data holdout.csv --label churned --json
              loyalty ml evaluate --model uplift.json --data campaign-holdout.csv --label bought --treatment-column called
            """
    )

    @Option(help: "The model file.")
    var model: String
    @Option(help: "The labelled table (CSV).")
    var data: String
    @Option(help: "The 0/1 label column.")
    var label: String
    @Option(help: "Id column to leave out (repeatable).")
    var idColumn: [String] = []
    @Option(help: "The 1/0 treatment column of a randomized table: report the uplift metrics of the model's ranking.")
    var treatmentColumn: String?
    @Flag(help: "Print one JSON object instead of a table.")
    var json = false
    @OptionGroup var input: InputOptions

    @OptionGroup var settingsFile: ConfigOption

    func run() throws {
        let modelFile = try loadModel(model)
        if let treatmentColumn {
            let (dataset, _, _, treatment) = try readDataset(path: data, input: input, label: label, weightColumn: nil,
                                                             treatmentColumn: treatmentColumn, idColumns: idColumn)
            let labels = try dataset.binaryLabels()
            let features = try dataset.features(named: modelFile.featureNames)
            let score = modelFile.fitted.uplift(features) ?? modelFile.fitted.probabilities(features)
            let report = UpliftReport(outcome: labels, treatment: treatment!, score: score)
            print(json ? try jsonText(report) : report.text)
            return
        }
        if case .uplift = modelFile.fitted {
            throw ScoringCoreError.wrongModelKind(found: "uplift", expected: "probability (without --treatment-column)")
        }
        let (dataset, _, _) = try readDataset(path: data, input: input, label: label, idColumns: idColumn)
        let labels = try dataset.binaryLabels()
        let metrics = BinaryMetrics(probabilities: try modelFile.probabilities(dataset), labels: labels)
        print(json ? try jsonText(metrics) : metricsTable(metrics))
    }
}

/// The uplift metrics of a ranking on a randomized table (`UpliftMetrics`).
struct UpliftReport: Encodable {
    var rows: Int
    var treated: Int
    var qiniCoefficient: Double
    var upliftAUC: Double
    /// `"0.1"`, `"0.2"`, `"0.3"` → `overall` and `by_group`.
    var upliftAtK: [String: [String: Double]]

    init(outcome: [Double], treatment: [Double], score: [Double]) {
        rows = outcome.count
        treated = treatment.filter { $0 == 1 }.count
        qiniCoefficient = UpliftMetrics.qiniCoefficient(outcome: outcome, treatment: treatment, score: score)
        upliftAUC = UpliftMetrics.upliftAUC(outcome: outcome, treatment: treatment, score: score)
        var atK: [String: [String: Double]] = [:]
        for fraction in [0.1, 0.2, 0.3] {
            atK[String(fraction)] = Dictionary(uniqueKeysWithValues: [UpliftMetrics.AtKStrategy.overall, .byGroup].map {
                ($0.rawValue, UpliftMetrics.upliftAtK(outcome: outcome, treatment: treatment, score: score, fraction: fraction, strategy: $0))
            })
        }
        upliftAtK = atK
    }

    var text: String {
        var lines = ["rows               \(grouped(rows))   (treated \(grouped(treated)))",
                     "Qini coefficient   \(String(format: "%.6f", qiniCoefficient))",
                     "AUUC               \(String(format: "%.6f", upliftAUC))",
                     "uplift at k        overall    by group"]
        for fraction in ["0.1", "0.2", "0.3"] {
            let values = upliftAtK[fraction]!
            lines.append(String(format: "  top %2.0f%%         %+.4f    %+.4f", 100 * Double(fraction)!, values["overall"]!, values["by_group"]!))
        }
        return lines.joined(separator: "\n")
    }
}
