import ArgumentParser
import Foundation
import OrderHistory

/// `loyalty init`: a commented `loyalty.toml` to start from.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented loyalty.toml: the inputs once in [data], then a table per command.",
        discussion: """
            Every command but init and help takes --config F (README, "Config file"). With the template \
            as written, after setting [data]'s orders:

            Examples:
              loyalty init
              loyalty train --config loyalty.toml
              loyalty score --config loyalty.toml
              loyalty calllist --config loyalty.toml
              loyalty run --config loyalty.toml      (all three, retraining when the bundles are old)
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
        try AtomicFile.write(Self.template, to: out)
        printError("wrote \(out)")
    }

    /// The commented template: each key is a flag without its dashes; remove a `#` to use a line.
    static let template = """
        # loyalty.toml: settings for `loyalty <command> --config loyalty.toml`.
        # Keys are the command-line flags without the leading dashes; a flag given on the command line wins.
        # [data] is shared: each command takes the keys it has a flag for. Each other table is one command's.
        # Remove the # in front of a line to use it.

        [data]
        orders = "notebooks-data/orders.csv"        # required: customer id, date, amount (or quantity x unit price)
        # customers = "notebooks-data/customers.csv" # attributes for train/score; phones for calllist
        # events = "notebooks-data/events.csv"
        # surveys = "notebooks-data/surveys.csv"
        models = "models"                            # where train writes the bundles and score reads them
        # as-of = 2024-12-31                         # default: the last order date
        # encoding = "auto"                          # utf8 | cp932 | auto (calllist: the call list's own encoding)
        # date-format = "yyyy-MM-dd"
        # on-bad-rows = "fail"                       # fail | skip (bad rows go to a quarantine CSV)
        # lang = "ja"                                # reasons and actions in Japanese (score, calllist)

        [train]
        horizon = "90d"                              # label window after each cutoff
        # step-days = 30                             # days between training cutoffs
        # max-cutoffs = 12
        # max-training-rows = 500000                 # per target; beyond it rows are sampled by seed
        # loyal-top-share = 0.2                      # top share of active customers by 365-day spend = loyal
        # logistic-l2 = 1.0
        # gbdt-trees = 100
        # gbdt-leaves = 31
        # gbdt-learning-rate = 0.1
        # gbdt-min-data-in-leaf = 50
        # seed = 42
        # search-candidates = 12                     # models compared out of time (2: the two above only)
        # search-budget = "60s"                      # start no candidate after this (the bundle records it)
        # threads = 2
        # margin-rate = 0.3                          # value: annual spend x margin rate x expected years
        # expected-years = 3

        [evaluate]
        # capacity = 200                             # calls to judge the ranking by

        [score]
        out = "scores.csv"
        # strict = true                              # warnings (drift, old bundles) become exit 1

        [calllist]
        scores = "scores.csv"
        capacity = 200                               # calls in all
        mix = "retention=0.6,upgrade=0.4"
        out = "calllist.csv"
        # suppress = "do-not-call.csv"
        # cooloff-days = 30
        # excel = true

        [features]
        out = "features.csv"

        [segment]
        out = "segments.csv"

        [kpi]
        # period-days = 90

        [run]                                        # loyalty run: train when needed, score, call list
        # retrain-after = "28d"                      # retrain when the bundles are older than this
        # scores = "scores.csv"
        # out = "calllist.csv"

        """
}
