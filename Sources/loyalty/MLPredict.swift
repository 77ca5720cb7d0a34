import ArgumentParser
import Foundation
import OrderHistory
import ScoringCore

/// `loyalty ml predict`: one probability per row of a table.
struct MLPredict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Write the probability of label 1 for each row of a table.",
        discussion: """
            Writes a CSV with the id columns given (if any) and a column named probability; for an uplift model, \
            a column uplift (and, for a two-model one, probability_treated and probability_control).

            Example:
              loyalty ml predict --model model.json --data customers.csv --id-column customer_id --out predictions.csv
            """
    )

    @Option(help: "The model file.")
    var model: String
    @Option(help: "The table to score (CSV); it must have every feature the model was trained on.")
    var data: String
    @Option(help: "Id column copied to the output beside the probability (repeatable).")
    var idColumn: [String] = []
    @Option(help: "Where to write the predictions (CSV).")
    var out: String
    @Option(help: "Threads for gradient-boosting models (default: all cores; the same output for any count).")
    var threads: Int?
    @OptionGroup var input: InputOptions

    @OptionGroup var settingsFile: ConfigOption

    func run() throws {
        try OutputPath.check(out)
        let modelFile = try loadModel(model)
        let (dataset, ids, idNames) = try readDataset(path: data, input: input, label: nil, idColumns: idColumn)
        let threadCount = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        var columns: [(name: String, values: [Double])]
        if case .uplift(let uplift) = modelFile.fitted {
            let predicted = uplift.predict(try dataset.features(named: modelFile.featureNames), threads: threadCount)
            columns = [("uplift", predicted.uplift)]
            if let treated = predicted.treated, let control = predicted.control {
                columns += [("probability_treated", treated), ("probability_control", control)]
            }
        } else {
            columns = [("probability", try modelFile.probabilities(dataset, threads: threadCount))]
        }
        let rows = columns[0].values.count
        var file = TextFileBuilder(capacity: rows * 24 * columns.count)
        file.appendRow(idNames + columns.map(\.name))
        for row in 0..<rows {
            for column in ids.indices {
                file.appendField(ids[column][row])
                file.appendByte(UInt8(ascii: ","))
            }
            file.append(columns.map { "\($0.values[row])" }.joined(separator: ",") + "\n")
        }
        try file.write(to: out)
        printError("wrote \(out): \(grouped(rows)) \(columns[0].name == "uplift" ? "uplift scores" : "probabilities")")
    }
}
