import ArgumentParser
import Foundation
import OrderHistory

/// `loyalty init`: a commented `loyalty.toml` to start from.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented loyalty.toml whose keys mirror the flags of train, score and calllist.",
        discussion: """
            Example:
              loyalty init && loyalty train --config loyalty.toml --models models
            """
    )

    @Option(help: "Where to write the template.")
    var out: String = "loyalty.toml"
    @Flag(help: "Replace an existing file.")
    var force = false

    func run() throws {
        if FileManager.default.fileExists(atPath: out) && !force {
            throw UsageError(message: "\(out) exists; use --force to replace it")
        }
        try AtomicFile.write(ConfigFile.template, to: out)
        printError("wrote \(out)")
    }
}
