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
            Example:
              loyalty ml evaluate --model model.json --data holdout.csv --label churned --json
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
    @Flag(help: "Print one JSON object instead of a table.")
    var json = false
    @OptionGroup var input: InputOptions

    @OptionGroup var settingsFile: ConfigOption

    func run() throws {
        let modelFile = try loadModel(model)
        let (dataset, _, _) = try readDataset(path: data, input: input, label: label, idColumns: idColumn)
        let labels = try dataset.binaryLabels()
        let metrics = BinaryMetrics(probabilities: try modelFile.probabilities(dataset), labels: labels)
        print(json ? try jsonText(metrics) : metricsTable(metrics))
    }
}
