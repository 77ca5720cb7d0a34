import ArgumentParser
import Foundation
import LinearAlgebra
import OrderHistory
import ScoringCore

/// `loyalty ml`: the scoring core on any numeric feature table, so it can be used and compared on its own.
struct ML: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ml",
        abstract: "Fit, apply and evaluate models on any numeric feature table.",
        discussion: """
            Examples:
              loyalty ml fit --data train.csv --label churned --algorithm logistic --l2 1 --out model.json
              loyalty ml predict --model model.json --data customers.csv --id-column customer_id --out predictions.csv
              loyalty ml evaluate --model model.json --data holdout.csv --label churned
            """,
        subcommands: [MLFit.self, MLPredict.self, MLEvaluate.self]
    )
}

/// Reads a numeric table and splits it into a `Dataset`: the label, weight and id columns apart, every
/// other column a feature.
func readDataset(path: String, input: InputOptions, label: String?, weightColumn: String? = nil,
                 idColumns: [String] = [], ignoredColumns: [String] = []) throws -> (dataset: Dataset, ids: [[String]], idNames: [String]) {
    let read = try readDataset(path: path, input: input, label: label, weightColumn: weightColumn, treatmentColumn: nil,
                               idColumns: idColumns, ignoredColumns: ignoredColumns)
    return (read.dataset, read.ids, read.idNames)
}

/// `readDataset` with a treatment column (1 treated, 0 control) kept out of the features and returned;
/// a value other than 0 or 1 is a located error.
func readDataset(path: String, input: InputOptions, label: String?, weightColumn: String?, treatmentColumn: String?,
                 idColumns: [String] = [], ignoredColumns: [String] = []) throws
    -> (dataset: Dataset, ids: [[String]], idNames: [String], treatment: [Double]?) {
    let (table, badRows) = try NumericTableReader.read(path: path, options: try input.readOptions(), textColumns: idColumns)
    if !badRows.isEmpty {
        let quarantine = input.quarantinePath(for: path)
        try QuarantineFile.write(badRows, to: quarantine)
        printError("\(badRows.count) bad rows set aside in \(quarantine)")
    }
    guard table.rowCount > 0 else { throw ScoringCoreError.emptyDataset }
    for name in [label, weightColumn, treatmentColumn].compactMap({ $0 }) + ignoredColumns where table.column(named: name) == nil {
        let flag = name == label ? "--label" : (name == treatmentColumn ? "--treatment-column" : "--weight-column / --ignore-column")
        throw OrderHistoryError.unknownColumn(file: path, flag: flag, name: name, available: table.columnNames + table.textColumnNames)
    }
    if let treatmentColumn, let column = table.columnNames.firstIndex(of: treatmentColumn),
       let row = (0..<table.rowCount).first(where: { let value = table.values[$0 * table.columnNames.count + column]; return value != 0 && value != 1 }) {
        throw OrderHistoryError.badRow(table.badValue(file: path, row: row, column: column,
                                                      problem: "a treatment must be 1 (treated) or 0 (control) (--treatment-column \(treatmentColumn))"))
    }
    if let label, let column = table.columnNames.firstIndex(of: label),
       let row = (0..<table.rowCount).first(where: { let value = table.values[$0 * table.columnNames.count + column]; return value != 0 && value != 1 }) {
        // Said here, where the file and line are known, rather than as a row number by the fit.
        throw OrderHistoryError.badRow(table.badValue(file: path, row: row, column: column,
                                                      problem: "a label must be 0 or 1 (--label \(label))"))
    }
    let excluded = Set([label, weightColumn, treatmentColumn].compactMap { $0 } + ignoredColumns)
    let featureIndices = table.columnNames.indices.filter { !excluded.contains(table.columnNames[$0]) }
    let width = table.columnNames.count
    var matrix: Matrix<Double>
    if featureIndices.count == width {
        matrix = Matrix(rows: table.rowCount, columns: width, elements: table.values)
    } else {
        matrix = table.values.withUnsafeBufferPointer { source in
            Matrix<Double>(rows: table.rowCount, columns: featureIndices.count) { target in
                for row in 0..<table.rowCount {
                    for (column, index) in featureIndices.enumerated() {
                        target[row * featureIndices.count + column] = source[row * width + index]
                    }
                }
            }
        }
    }
    let dataset = Dataset(featureNames: featureIndices.map { table.columnNames[$0] }, features: matrix,
                          labels: label.flatMap(table.column(named:)), weights: weightColumn.flatMap(table.column(named:)))
    return (dataset, table.textColumns, table.textColumnNames, treatmentColumn.flatMap(table.column(named:)))
}

/// Loads a model file, with file-named errors.
func loadModel(_ path: String) throws -> ModelFile {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw OrderHistoryError.cannotOpen(file: path, reason: "it does not exist or is not readable")
    }
    return try ModelFile.decode(data, file: path)
}

/// A metrics report as readable lines.
func metricsTable(_ metrics: BinaryMetrics) -> String {
    func number(_ value: Double) -> String { String(format: "%.6f", value) }
    var lines = [
        "rows            \(grouped(metrics.rows))   (positive rate \(number(metrics.positiveRate)))",
        "ROC AUC         \(number(metrics.rocAUC))",
        "PR AUC (AP)     \(number(metrics.averagePrecision))",
        "log loss        \(number(metrics.logLoss))",
        "Brier score     \(number(metrics.brierScore))",
        "",
        "decile   rows   positives   rate       lift    cumulative gain",
    ]
    for decile in metrics.deciles {
        lines.append(String(format: "%6d %6d %11d   %.4f   %6.2f    %.4f", decile.decile, decile.rows, decile.positives,
                            decile.rate, decile.lift, decile.cumulativeGain))
    }
    return lines.joined(separator: "\n")
}
