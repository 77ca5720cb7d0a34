// Shared helpers for the fuzz targets: a per-input hash to pick options, the scratch file the file-based
// readers read, and the check that turns a broken property into a crash libFuzzer records.
import CLibFuzzer
@testable import OrderHistory
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// FNV-1a over the input: options derived from it are the same every time the input is run, so a
/// reproducer replays exactly.
public func fuzzHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    // Final mix, so that every bit depends on every byte.
    hash ^= hash >> 33
    hash = hash &* 0xff51_afd7_ed55_8ccd
    hash ^= hash >> 33
    return hash
}

/// Whether the logic oracles (properties beyond memory safety and traps) are on: set
/// `LOYALTY_FUZZ_ORACLES=0` to fuzz for crashes only.
public let oraclesEnabled: Bool = {
    guard let value = getenv("LOYALTY_FUZZ_ORACLES") else { return true }
    return String(cString: value) != "0"
}()

/// Oracle ids to leave unchecked, from `LOYALTY_FUZZ_IGNORE` (comma-separated): a finding already
/// reported keeps its id, so that fuzzing can go on past it until it is fixed.
public let ignoredOracles: Set<String> = {
    guard let value = getenv("LOYALTY_FUZZ_IGNORE") else { return [] }
    return Set(String(cString: value).split(separator: ",").map { String($0) })
}()

/// Stops the run with `message` when an oracle's property is broken; libFuzzer saves the input.
@inline(__always)
public func oracle(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                   id: @autoclosure () -> String = "", file: StaticString = #fileID, line: UInt = #line) {
    guard oraclesEnabled, !condition() else { return }
    let id = id()
    if !id.isEmpty && ignoredOracles.contains(id) { return }
    let text = "FUZZ ORACLE FAILED [\(id.isEmpty ? "-" : id)] at \(file):\(line): \(message())\n"
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { _ = writeToStandardError($0.baseAddress!, $0.count) }
    abort()
}

@inline(__always)
private func writeToStandardError(_ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(2, pointer, count)
    #else
    return Darwin.write(2, pointer, count)
    #endif
}

/// Bytes shown as an escaped string for oracle messages.
public func escaped(_ bytes: some Sequence<UInt8>) -> String {
    var out = ""
    for byte in bytes {
        switch byte {
        case 0x20..<0x7F where byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "\""):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        case UInt8(ascii: "\n"): out += "\\n"
        case UInt8(ascii: "\r"): out += "\\r"
        case UInt8(ascii: "\t"): out += "\\t"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
    return out
}

/// One file that the readers, which only take paths, read the current input from. It lives in
/// `LOYALTY_FUZZ_TMP` (run.sh sets it to its temp dir) or /dev/shm (memory, no disk I/O), and is
/// overwritten for every input and removed at exit.
public final class ScratchFile: @unchecked Sendable {
    public let path: String

    public init(name: String) {
        let directory: String
        if let given = getenv("LOYALTY_FUZZ_TMP") {
            directory = String(cString: given)
        } else if access("/dev/shm", W_OK) == 0 {
            directory = "/dev/shm"
        } else {
            directory = "/tmp"
        }
        path = "\(directory)/loyalty-fuzz-\(getpid())-\(name)"
    }

    /// Replaces the file's contents with `bytes`.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { fatalError("cannot write the scratch file \(path): errno \(errno)") }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            #else
            let written = Darwin.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            #endif
            guard written > 0 else { fatalError("cannot write the scratch file \(path): errno \(errno)") }
            offset += written
        }
        close(descriptor)
    }

    /// Removes the file (registered with atexit by the targets).
    public func remove() {
        unlink(path)
    }
}

/// The process entry point of a fuzz target: hands control to libFuzzer's driver with `testOneInput`.
///
/// SwiftPM links an executable target with `--defsym main=<Module>_main`, so libFuzzer's own `main` is never
/// linked in; each target therefore defines `@_cdecl("<Module>_main")` and calls this. The target still
/// exports `LLVMFuzzerTestOneInput`, so it also links against libFuzzer's `main` outside SwiftPM.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                      _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
}

/// Calls `check` with the field as it is and, when it is not UTF-8, again with the field decoded from
/// CP932 (as `TableCursor` reads a CP932 file's non-ASCII cells), for the targets that parse one field.
public func checkAsReadFromEitherEncoding(_ input: UnsafeBufferPointer<UInt8>, _ check: (UnsafeBufferPointer<UInt8>) -> Void) {
    check(input)
    guard input.contains(where: { $0 >= 0x80 }), String(validating: input, as: UTF8.self) == nil else { return }
    var decoder = FieldDecoder(encoding: .cp932)
    if var text = decoder.decode(input) {
        text.withUTF8 { check($0) }
    }
}
