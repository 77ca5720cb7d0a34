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
            Writes a CSV with the id columns given (if any) and a column named probability.

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
        let probabilities = try modelFile.probabilities(dataset, threads: max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        var file = TextFileBuilder(capacity: probabilities.count * 24)
        file.appendRow(idNames + ["probability"])
        for row in 0..<probabilities.count {
            for column in ids.indices {
                file.appendField(ids[column][row])
                file.appendByte(UInt8(ascii: ","))
            }
            file.append("\(probabilities[row])\n")
        }
        try file.write(to: out)
        printError("wrote \(out): \(grouped(probabilities.count)) probabilities")
    }
}
