import CZlib
import Foundation

/// Streams the bytes of a file in fixed-size chunks, decompressing gzip transparently.
///
/// zlib's `gzread` passes plain files through unchanged, so one reader serves `orders.csv` and
/// `orders.csv.gz` alike. Memory use is one chunk, whatever the file size.
final class ByteSource {
    let path: String
    private let handle: gzFile
    private var finished = false

    /// Opens `path` for reading; throws `OrderHistoryError.cannotOpen` when it is missing or unreadable.
    init(path: String) throws {
        self.path = path
        guard let handle = gzopen(path, "rb") else {
            throw OrderHistoryError.cannotOpen(file: path, reason: String(cString: strerror(errno)))
        }
        self.handle = handle
        gzbuffer(handle, 1 << 20)
    }

    deinit {
        gzclose(handle)
    }

    /// Fills `buffer` from its start with up to `buffer.count` bytes; returns how many were read (0 at the end).
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        if finished { return 0 }
        let count = gzread(handle, buffer.baseAddress, UInt32(buffer.count))
        if count < 0 {
            var errorNumber: Int32 = 0
            let message = gzerror(handle, &errorNumber).map { String(cString: $0) } ?? "read error"
            throw OrderHistoryError.cannotOpen(file: path, reason: message)
        }
        if count == 0 { finished = true }
        return Int(count)
    }
}
