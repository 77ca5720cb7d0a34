import Foundation

/// The repository's folders, from this file's place in it.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
/// The committed sample data (5,000 customers, seed 42).
let sampleData = repositoryRoot + "/notebooks-data"
/// The sample's input flags.
let sampleInputs = ["--orders", sampleData + "/orders.csv", "--customers", sampleData + "/customers.csv",
                    "--events", sampleData + "/events.csv", "--surveys", sampleData + "/surveys.csv"]
/// Settings that keep debug-build training quick in tests.
let quickTraining = ["--max-cutoffs", "6", "--gbdt-trees", "30", "--search-candidates", "2", "--horizon", "90d", "--quiet"]

/// train → score → calllist on `inputs` into `folder`; returns the three results.
func runPipeline(_ inputs: [String], asOf: String, in folder: String, calllist extra: [String] = [],
                 training: [String] = quickTraining) throws -> [CommandLineHarness.Result] {
    let train = try CommandLineHarness.run(["train"] + inputs + ["--as-of", asOf, "--models", folder + "/models", "--json"] + training)
    let score = try CommandLineHarness.run(["score"] + inputs + ["--as-of", asOf, "--models", folder + "/models",
                                                                  "--out", folder + "/scores.csv", "--quiet"])
    let customers = inputs.firstIndex(of: "--customers").map { ["--customers", inputs[$0 + 1]] } ?? []
    let calllist = try CommandLineHarness.run(["calllist", "--scores", folder + "/scores.csv"] + customers
        + ["--capacity", "100", "--out", folder + "/calllist.csv"] + extra)
    return [train, score, calllist]
}

/// The sample pipeline, run once per test process (the tests read its outputs).
let samplePipeline: (folder: String, results: [CommandLineHarness.Result]) = {
    let folder = CommandLineHarness.folder()
    return (folder, try! runPipeline(sampleInputs, asOf: "2024-12-31", in: folder))
}()

/// The rows of a small CSV without quoted commas in the columns read (header first).
func csvRows(_ path: String) throws -> [[String]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
        var fields: [String] = []
        var field = ""
        var quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() } else if character == "," && !quoted { fields.append(field); field = "" } else { field.append(character) }
        }
        fields.append(field)
        return fields
    }
}

/// Runs one of the repository's Python scripts (`bench/...`) with `arguments`; its exit status and its
/// standard output and error together.
func runPythonScript(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", repositoryRoot + "/" + script] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
}
