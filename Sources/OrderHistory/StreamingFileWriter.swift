import Foundation

/// Writes a large file in chunks to a temporary file beside the target, renamed into place by `commit()`.
///
/// A writer that is never committed removes its temporary file, so a failed run leaves nothing
/// half-written under the target name.
public final class StreamingFileWriter {
    /// Where the file will appear.
    public let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var pending = TextFileBuilder(capacity: 1 << 21)
    private var committed = false

    /// Starts writing `path` (the parent folder is created if needed).
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw OrderHistoryError.cannotWrite(file: path, reason: error.localizedDescription)
        }
        temporaryPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporaryPath) else {
            throw OrderHistoryError.cannotWrite(file: path, reason: "cannot create a file in its folder")
        }
        self.handle = handle
    }

    deinit {
        if !committed {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    /// Appends to the pending bytes with `body`, flushing to disk when a chunk is full.
    public func write(_ body: (inout TextFileBuilder) -> Void) throws {
        body(&pending)
        if pending.bytes.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        do {
            try handle.write(contentsOf: pending.bytes)
        } catch {
            throw OrderHistoryError.cannotWrite(file: path, reason: error.localizedDescription)
        }
        pending = TextFileBuilder(capacity: 1 << 21)
    }

    /// Writes what is pending, closes the file and renames it into place.
    public func commit() throws {
        try flush()
        try handle.close()
        if rename(temporaryPath, path) != 0 {
            throw OrderHistoryError.cannotWrite(file: path, reason: String(cString: strerror(errno)))
        }
        committed = true
    }
}
