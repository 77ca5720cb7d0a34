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

    /// Opens `path` for reading; throws `OrderHistoryError.cannotOpen` when it is missing or unreadable,
    /// or a directory. A FIFO is opened without waiting for a writer (a named pipe nobody writes to reads
    /// as empty instead of hanging; `<(zcat orders.csv.gz)` still works).
    init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OrderHistoryError.cannotOpen(file: path, reason: String(cString: strerror(errno)))
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw OrderHistoryError.cannotOpen(file: path, reason: "is a directory; expected a file")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        guard let handle = gzdopen(descriptor, "rb") else {
            close(descriptor)
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
        var errorNumber: Int32 = 0
        if count < 0 {
            let message = gzerror(handle, &errorNumber).map { String(cString: $0) } ?? "read error"
            if errorNumber == Z_DATA_ERROR {
                throw OrderHistoryError.damagedFile(file: path, reason: "the gzip data is corrupt (\(message))")
            }
            throw OrderHistoryError.cannotOpen(file: path, reason: message)
        }
        if count == 0 {
            // The end of the input in the middle of a gzip stream (its data or its 8-byte trailer of
            // checksum and length): a cut-off download, whose rows would otherwise be lost unnoticed.
            _ = gzerror(handle, &errorNumber)
            if errorNumber == Z_BUF_ERROR {
                throw OrderHistoryError.damagedFile(
                    file: path, reason: "the gzip file ends before its end marker (cut off while copying or downloading?)")
            }
            finished = true
        }
        return Int(count)
    }
}
