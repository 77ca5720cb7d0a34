import Foundation

/// Writes a large output in chunks; nothing appears under its path until `commit()`.
///
/// What each kind of path means is the same as for `AtomicFile`:
/// - A regular file, or a path where nothing exists yet (missing folders are created): chunks go to a
///   temporary file beside the target, renamed into place by `commit()`. A symbolic link is written
///   through: its final target gets the file and the link stays a link.
/// - `-` (standard output), `/dev/stdout`, `/dev/fd/N`, or a character device or FIFO: chunks are held
///   in an unnamed file in the system temporary folder and copied out by `commit()`, so a command that
///   fails before committing writes nothing there. The null device is written directly (nothing can be
///   seen there anyway).
/// - A directory, socket or block device is refused by `init` with
///   `OrderHistoryError.outputNotWritable`, before any work is done.
///
/// A writer that is never committed removes its temporary file, so a failed run leaves nothing
/// half-written under the target name.
public final class StreamingFileWriter {
    /// Where the output will appear, as given.
    public let path: String
    private let sink: Sink
    private let descriptor: Int32
    private var pending = TextFileBuilder(capacity: 1 << 21)
    private var isOpen = true
    private var commitStarted = false
    private var committed = false

    /// Where the chunks go until `commit()`, and where they end up.
    private enum Sink {
        /// A temporary file at `temporary`, renamed onto `target`.
        case renamed(temporary: String, target: String)
        /// An unnamed buffer file, copied to the open descriptor at commit.
        case heldForDescriptor(Int32)
        /// An unnamed buffer file, copied to the device at commit.
        case heldForDevice(String)
        /// The null device, written as the chunks come.
        case direct
    }

    /// Starts writing `path`: creates the parent folders and the temporary file of a file target, or the
    /// buffer of standard output or a device.
    ///
    /// - Throws: `OrderHistoryError.outputNotWritable` for a path that can never hold an output (a
    ///   directory), `.cannotWrite` naming `path` when the temporary file cannot be created.
    public init(path: String) throws {
        self.path = path
        switch try OutputDestination.resolve(path) {
        case .openDescriptor(let target):
            sink = .heldForDescriptor(target)
            descriptor = try OutputIO.createAnonymousBuffer(path: path)
        case .device(let device) where OutputDestination.isNullDevice(device):
            sink = .direct
            descriptor = try OutputIO.openDevice(device, path: path)
        case .device(let device):
            sink = .heldForDevice(device)
            descriptor = try OutputIO.createAnonymousBuffer(path: path)
        case .file(let target):
            try OutputIO.createFolders(OutputDestination.folder(of: target), path: path)
            let temporary = try OutputIO.createTemporary(besideTarget: target, path: path)
            sink = .renamed(temporary: temporary.path, target: target)
            descriptor = temporary.descriptor
        }
    }

    deinit {
        if isOpen { _ = try? OutputIO.close(descriptor, path: path) }
        if !committed, case .renamed(let temporary, _) = sink { unlink(temporary) }
    }

    /// Appends to the pending bytes with `body`, flushing to the temporary file when a chunk is full.
    ///
    /// - Throws: `OrderHistoryError.cannotWrite` when the chunk cannot be written or the writer was
    ///   already committed.
    public func write(_ body: (inout TextFileBuilder) -> Void) throws {
        guard !commitStarted else {
            throw OrderHistoryError.cannotWrite(file: path, reason: "the output was already committed")
        }
        body(&pending)
        if pending.bytes.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        try OutputIO.writeAll(pending.bytes, to: descriptor, path: path)
        pending = TextFileBuilder(capacity: 1 << 21)
    }

    /// Writes what is pending and puts the output in place: renames the file onto its target, or copies
    /// the held bytes to standard output or the device. A second call after a successful one does nothing;
    /// after a failed one it throws (the output may be partly written).
    ///
    /// - Throws: `OrderHistoryError.cannotWrite` naming `path`; a file target is then left as it was and
    ///   the temporary file is removed.
    public func commit() throws {
        guard !committed else { return }
        guard !commitStarted else { throw OrderHistoryError.cannotWrite(file: path, reason: "an earlier commit failed") }
        commitStarted = true
        try flush()
        switch sink {
        case .renamed(let temporary, let target):
            isOpen = false
            try OutputIO.close(descriptor, path: path)
            if rename(temporary, target) != 0 {
                throw OrderHistoryError.cannotWrite(file: path, reason: errnoText())
            }
        case .heldForDescriptor(let target):
            OutputIO.flushBufferedOutput()
            try OutputIO.copyAll(from: descriptor, to: target, path: path)
            isOpen = false
            try OutputIO.close(descriptor, path: path)
        case .heldForDevice(let device):
            let output = try OutputIO.openDevice(device, path: path)
            do {
                try OutputIO.copyAll(from: descriptor, to: output, path: path)
            } catch {
                _ = try? OutputIO.close(output, path: path)
                throw error
            }
            try OutputIO.close(output, path: path)
            isOpen = false
            try OutputIO.close(descriptor, path: path)
        case .direct:
            isOpen = false
            try OutputIO.close(descriptor, path: path)
        }
        committed = true
    }
}
