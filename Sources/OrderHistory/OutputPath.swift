import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What an output path given on the command line means: standard output (`-`), a file, or something that
/// cannot hold an output (a directory, a socket).
///
/// Commands call `check(_:)` before a long computation, so that a path that can never be written is
/// refused at the start rather than after the work is done; `AtomicFile` and `StreamingFileWriter` make
/// the same decision again when they write.
public enum OutputPath {
    /// The path that means standard output.
    public static let standardOutput = "-"

    /// True when `path` is `-`, which means standard output rather than a file.
    public static func isStandardOutput(_ path: String) -> Bool {
        path == standardOutput
    }

    /// The extension of the last component of `path`, lowercased (`csv`, `json`, `xlsx`): nil when it has
    /// none, for a hidden name with no other dot (`.profile`), and for `-`.
    ///
    /// Only the name decides: `out.CSV` is `csv`, `out.csv.gz` is `gz`, `/dev/stdout` is nil.
    public static func format(ofPath path: String) -> String? {
        guard !isStandardOutput(path) else { return nil }
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let pathExtension = name[name.index(after: dot)...]
        return pathExtension.isEmpty ? nil : pathExtension.lowercased()
    }

    /// Creates the output folder `path` (named by `flag`, e.g. `--models`) with its missing parents;
    /// returns whether it was created (so a failing command can remove what it made).
    ///
    /// - Throws: `OrderHistoryError.outputNotWritable` when `path` or a folder on the way is a file,
    ///   `.cannotWrite` when a folder cannot be created (both name `flag` and `path`).
    @discardableResult
    public static func makeFolder(_ path: String, flag: String) throws -> Bool {
        try checkFolder(path, flag: flag)
        if OutputDestination.isFolder(path) { return false }
        try OutputIO.createFolders(path, path: "\(flag) \(path)")
        return true
    }

    /// Checks, before any work, that the output folder `path` (named by `flag`) is a folder or does not
    /// exist yet.
    ///
    /// - Throws: `OrderHistoryError.outputNotWritable` when `path` is a file.
    public static func checkFolder(_ path: String, flag: String) throws {
        var info = stat()
        if stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFDIR {
            throw OrderHistoryError.outputNotWritable(path: "\(flag) \(path)", reason: "is a file; expected a folder")
        }
    }

    /// Refuses, up front, an output path that writing would refuse or fail on: a directory, a socket or a
    /// block device (also through symbolic links), a path under something that is not a folder, a folder
    /// the user cannot create files in, or a device or descriptor that is not writable.
    ///
    /// Nothing is created or opened. `-`, a regular file, a path that does not exist yet (its missing
    /// folders are created when written), `/dev/stdout` and `/dev/null` pass.
    ///
    /// - Throws: `OrderHistoryError.outputNotWritable` naming `path` and why.
    public static func check(_ path: String) throws {
        switch try OutputDestination.resolve(path) {
        case .openDescriptor(let descriptor):
            let flags = fcntl(descriptor, F_GETFL)
            if flags < 0 {
                throw OrderHistoryError.outputNotWritable(path: path, reason: "is not an open file descriptor")
            }
            if flags & O_ACCMODE == O_RDONLY {
                throw OrderHistoryError.outputNotWritable(path: path, reason: "is open for reading only")
            }
        case .device(let resolved):
            if access(resolved, W_OK) != 0 {
                throw OrderHistoryError.outputNotWritable(path: path, reason: "cannot be written: \(errnoText())")
            }
        case .file(let resolved):
            let folder = OutputDestination.nearestExistingAncestor(of: resolved)
            if !OutputDestination.isFolder(folder) {
                throw OrderHistoryError.outputNotWritable(path: path, reason: "\(folder) is not a folder")
            }
            if access(folder, W_OK | X_OK) != 0 {
                throw OrderHistoryError.outputNotWritable(
                    path: path, reason: "cannot create files in the folder \(folder): \(errnoText())")
            }
        }
    }
}

/// Where the bytes of an output go, decided from its path once symbolic links are followed.
enum OutputDestination: Equatable {
    /// A descriptor the process already has open: `-` and `/dev/stdout` are 1, `/dev/stderr` is 2,
    /// `/dev/fd/N` and `/proc/self/fd/N` are N. Written directly, at its current offset.
    case openDescriptor(Int32)
    /// A character device or FIFO (`/dev/null`, a named pipe, a terminal): opened and written directly.
    case device(String)
    /// A regular file, or a path where nothing exists yet: written to a temporary file beside it, then
    /// renamed onto it. The path is the final target of any symbolic links.
    case file(String)

    /// The most symbolic links followed before giving up (Linux's own limit).
    static let maximumLinks = 40

    /// Decides where `path` is written, following symbolic links on its last component until it reaches
    /// something that is not a link (or nothing).
    ///
    /// - Throws: `OrderHistoryError.outputNotWritable` for a directory, a socket, a block device, a path
    ///   ending in `/`, a path under a file, or a loop of links; `.cannotWrite` when the path cannot be
    ///   looked at (permissions).
    static func resolve(_ path: String) throws -> OutputDestination {
        if OutputPath.isStandardOutput(path) { return .openDescriptor(STDOUT_FILENO) }
        guard !path.isEmpty else {
            throw OrderHistoryError.outputNotWritable(path: path, reason: "is empty; expected a file path")
        }
        if path.hasSuffix("/") {
            throw OrderHistoryError.outputNotWritable(path: path, reason: "ends with /; expected a file path")
        }
        var current = path
        for _ in 0...maximumLinks {
            if let descriptor = descriptorNumber(current) { return .openDescriptor(descriptor) }
            var info = stat()
            if lstat(current, &info) != 0 {
                let code = errno
                switch code {
                case ENOENT:
                    return .file(current)
                case ENOTDIR:
                    let ancestor = nearestExistingAncestor(of: current)
                    throw OrderHistoryError.outputNotWritable(path: path, reason: "\(ancestor) is not a folder")
                default:
                    throw OrderHistoryError.cannotWrite(file: path, reason: errnoText(code))
                }
            }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                current = try linkTarget(of: current, path: path)
                continue
            }
            let shown = current == path ? "" : " (\(current))"
            switch kind {
            case S_IFREG:
                return .file(current)
            case S_IFCHR, S_IFIFO:
                return .device(current)
            case S_IFDIR:
                throw OrderHistoryError.outputNotWritable(
                    path: path, reason: "is a directory\(shown); expected a file path")
            case S_IFSOCK:
                throw OrderHistoryError.outputNotWritable(
                    path: path, reason: "is a socket\(shown); expected a file path")
            case S_IFBLK:
                throw OrderHistoryError.outputNotWritable(
                    path: path, reason: "is a block device\(shown); expected a file path")
            default:
                throw OrderHistoryError.outputNotWritable(
                    path: path, reason: "is a special file\(shown); expected a file path")
            }
        }
        throw OrderHistoryError.outputNotWritable(path: path, reason: "has too many levels of symbolic links")
    }

    /// The path a symbolic link at `link` points to, relative targets taken from the link's folder.
    private static func linkTarget(of link: String, path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(link, &buffer, buffer.count - 1)
        if length < 0 { throw OrderHistoryError.cannotWrite(file: path, reason: errnoText()) }
        let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        // Not normalised: the kernel resolves `..` after any links in the folder, as a link's target must be.
        return folderPrefix(of: link) + target
    }

    /// The descriptor a path names directly (`/dev/stdout`, `/dev/stderr`, `/dev/stdin`, `/dev/fd/N`,
    /// `/proc/self/fd/N`), or nil.
    ///
    /// These are written through the open descriptor, not reopened, so that `--out /dev/stdout > file`
    /// and `>> file` keep the shell's offset and append mode, and Linux's `pipe:[…]` links are never
    /// followed.
    static func descriptorNumber(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdin": return STDIN_FILENO
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            let digits = path.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let number = Int32(digits) else { return nil }
            return number
        }
        return nil
    }

    /// `path` up to and including its last `/` (`""` for a bare name).
    static func folderPrefix(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// The folder `path` is in (`.` for a bare name, `/` at the root).
    static func folder(of path: String) -> String {
        let prefix = folderPrefix(of: path)
        if prefix.isEmpty { return "." }
        let trimmed = String(prefix.reversed().drop(while: { $0 == "/" }).reversed())
        return trimmed.isEmpty ? "/" : trimmed
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The deepest folder of `path` (or `path`'s parents) that exists, following links.
    static func nearestExistingAncestor(of path: String) -> String {
        var candidate = folder(of: path)
        while true {
            var info = stat()
            if stat(candidate, &info) == 0 || candidate == "/" || candidate == "." { return candidate }
            candidate = folder(of: candidate)
        }
    }

    /// True when `path` is a folder (following links).
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// True when `path` is the null device (`/dev/null` or another node for it).
    static func isNullDevice(_ path: String) -> Bool {
        var info = stat()
        var null = stat()
        guard stat(path, &info) == 0, stat("/dev/null", &null) == 0 else { return false }
        return info.st_mode & S_IFMT == S_IFCHR && info.st_rdev == null.st_rdev
    }
}

/// Low-level writing shared by `AtomicFile` and `StreamingFileWriter`: every failure is an
/// `OrderHistoryError` naming the path the user gave.
enum OutputIO {
    /// Writes all of `bytes` to `descriptor`, resuming after partial writes and `EINTR`.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw OrderHistoryError.cannotWrite(file: path, reason: errnoText())
            }
            if written == 0 { throw OrderHistoryError.cannotWrite(file: path, reason: "no bytes could be written") }
            next += written
            remaining -= written
        }
    }

    /// Writes all of `bytes` to `descriptor`.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        try bytes.withUnsafeBytes { try writeAll($0, to: descriptor, path: path) }
    }

    /// Writes all of `data` to `descriptor`.
    static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { try writeAll($0, to: descriptor, path: path) }
    }

    /// Opens an existing character device or FIFO for writing (a FIFO waits for a reader).
    static func openDevice(_ device: String, path: String) throws -> Int32 {
        while true {
            let descriptor = open(device, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            if descriptor >= 0 { return descriptor }
            if errno == EINTR { continue }
            throw OrderHistoryError.cannotWrite(file: path, reason: errnoText())
        }
    }

    /// Creates a new, hidden temporary file beside `target` (same folder, so a rename is atomic), with the
    /// permission bits of `target` when it exists; returns its path and an open descriptor.
    static func createTemporary(besideTarget target: String, path: String) throws -> (path: String, descriptor: Int32) {
        var existing = stat()
        let mode: mode_t = stat(target, &existing) == 0 ? existing.st_mode & 0o777 : 0o666
        let prefix = OutputDestination.folderPrefix(of: target) + ".\(OutputDestination.name(of: target)).tmp-\(getpid())-"
        for _ in 0..<100 {
            let candidate = prefix + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(0o666))
            if descriptor >= 0 {
                // The umask applied at creation; an existing target's own bits (say 0600) are kept exactly.
                if mode != 0o666 { _ = fchmod(descriptor, mode) }
                return (candidate, descriptor)
            }
            if errno == EEXIST || errno == EINTR { continue }
            throw OrderHistoryError.cannotWrite(
                file: path, reason: "cannot create a file in the folder \(OutputDestination.folder(of: target)): \(errnoText())")
        }
        throw OrderHistoryError.cannotWrite(file: path, reason: "cannot find a free temporary file name")
    }

    /// Creates an unnamed file in the system temporary folder (removed from the folder at once, so it
    /// disappears with its descriptor), for bytes held back until a commit.
    static func createAnonymousBuffer(path: String) throws -> Int32 {
        var folder = NSTemporaryDirectory()
        if folder.isEmpty { folder = "/tmp/" }
        if !folder.hasSuffix("/") { folder += "/" }
        var template = Array((folder + "loyalty-output-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor < 0 {
            throw OrderHistoryError.cannotWrite(
                file: path, reason: "cannot create a buffer file in \(folder): \(errnoText())")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        return descriptor
    }

    /// Copies everything in `buffer` (from its start) to `descriptor`.
    static func copyAll(from buffer: Int32, to descriptor: Int32, path: String) throws {
        if lseek(buffer, 0, SEEK_SET) < 0 { throw OrderHistoryError.cannotWrite(file: path, reason: errnoText()) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(buffer, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw OrderHistoryError.cannotWrite(file: path, reason: errnoText())
            }
            if count == 0 { return }
            try chunk.withUnsafeBytes { try writeAll(UnsafeRawBufferPointer(rebasing: $0[0..<count]), to: descriptor, path: path) }
        }
    }

    /// Closes `descriptor`, reporting a failure (a full disk can surface only here on some file systems).
    static func close(_ descriptor: Int32, path: String) throws {
        if systemClose(descriptor) != 0 && errno != EINTR {
            throw OrderHistoryError.cannotWrite(file: path, reason: errnoText())
        }
    }

    /// Creates `folder` and its missing parents.
    ///
    /// - Throws: `.outputNotWritable` when something on the way is a file; `.cannotWrite` naming the folder
    ///   that could not be created and why.
    static func createFolders(_ folder: String, path: String) throws {
        if OutputDestination.isFolder(folder) { return }
        let parent = OutputDestination.folder(of: folder)
        if parent != folder && parent != "." && parent != "/" { try createFolders(parent, path: path) }
        if mkdir(folder, 0o777) == 0 { return }
        let code = errno
        if OutputDestination.isFolder(folder) { return }
        if code == EEXIST || code == ENOTDIR {
            let blocking = code == EEXIST ? folder : OutputDestination.nearestExistingAncestor(of: folder)
            throw OrderHistoryError.outputNotWritable(path: path, reason: "\(blocking) is not a folder")
        }
        throw OrderHistoryError.cannotWrite(file: path, reason: "cannot create the folder \(folder): \(errnoText(code))")
    }

    /// Flushes the C library's buffered standard output (what `print` wrote), so it comes before bytes
    /// written straight to descriptor 1.
    static func flushBufferedOutput() {
        fflush(nil)
    }
}

/// The C `close`, under a name that `OutputIO.close` does not hide.
private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

/// The text of `code` (by default the current `errno`), such as `Permission denied`.
func errnoText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
