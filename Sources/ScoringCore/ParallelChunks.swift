import Dispatch

/// Work shared out over threads in contiguous chunks, the one mechanism behind every `threads` parameter
/// of ScoringCore (histograms, gradients, prediction, TreeSHAP).
///
/// Chunk c of n covers `[c · count / n, (c + 1) · count / n)` of the range, each on its own thread; the
/// callers make every element's result independent of the chunking, which is why their outputs are the
/// same for any thread count.
enum ParallelChunks {
    /// Runs `body` over `range` in at most `chunks` contiguous parts, one thread each (on the calling
    /// thread when there is one part).
    static func forEach(_ range: Range<Int>, chunks: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let count = range.count
        let parts = max(1, min(chunks, count))
        guard parts > 1 else {
            body(range)
            return
        }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            body((range.lowerBound + part * count / parts)..<(range.lowerBound + (part + 1) * count / parts))
        }
    }
}
