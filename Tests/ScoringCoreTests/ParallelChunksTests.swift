import Synchronization
import Testing
@testable import ScoringCore

@Test func chunksCoverTheRangeOnceInContiguousParts() {
    for (range, chunks) in [(0..<10, 3), (5..<6, 4), (0..<0, 2), (3..<103, 1)] {
        let seen = Mutex<[Range<Int>]>([])
        ParallelChunks.forEach(range, chunks: chunks) { part in seen.withLock { $0.append(part) } }
        let parts = seen.withLock { $0 }.sorted { $0.lowerBound < $1.lowerBound }
        #expect(parts.count == max(1, min(chunks, range.count)))
        #expect(parts.first?.lowerBound == range.lowerBound && parts.last?.upperBound == range.upperBound)
        #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }, "\(parts)")
    }
}
