import Foundation

/// Writes outputs so that a reader never sees half of one.
///
/// Where the bytes go depends on the path (see `OutputPath`):
/// - `-` is standard output; `/dev/stdout`, `/dev/stderr` and `/dev/fd/N` are written through the
///   descriptor already open.
/// - A regular file, or a path where nothing exists yet: the bytes go to a temporary file in the same
///   folder, which is then renamed over the target (an atomic step on POSIX file systems); the temporary
///   file is removed if anything fails. Missing folders are created. A symbolic link is written through:
///   its final target is replaced and the link stays a link. An existing target keeps its permission bits.
/// - A character device or FIFO (`/dev/null`, a named pipe, also behind a link) is opened and written
///   directly.
/// - A directory, socket or block device is refused with `OrderHistoryError.outputNotWritable`; nothing
///   is touched.
public enum AtomicFile {
    /// Writes `data` to `path` (see the type for what each kind of path means), creating missing parent
    /// folders of a file.
    ///
    /// - Throws: `OrderHistoryError.outputNotWritable` for a path that can never hold an output,
    ///   `.cannotWrite` naming `path` when writing fails.
    public static func write(_ data: Data, to path: String) throws {
        switch try OutputDestination.resolve(path) {
        case .openDescriptor(let descriptor):
            OutputIO.flushBufferedOutput()
            try OutputIO.writeAll(data, to: descriptor, path: path)
        case .device(let device):
            let descriptor = try OutputIO.openDevice(device, path: path)
            do {
                try OutputIO.writeAll(data, to: descriptor, path: path)
            } catch {
                _ = try? OutputIO.close(descriptor, path: path)
                throw error
            }
            try OutputIO.close(descriptor, path: path)
        case .file(let target):
            try OutputIO.createFolders(OutputDestination.folder(of: target), path: path)
            let temporary = try OutputIO.createTemporary(besideTarget: target, path: path)
            do {
                do {
                    try OutputIO.writeAll(data, to: temporary.descriptor, path: path)
                } catch {
                    _ = try? OutputIO.close(temporary.descriptor, path: path)
                    throw error
                }
                try OutputIO.close(temporary.descriptor, path: path)
                if rename(temporary.path, target) != 0 {
                    throw OrderHistoryError.cannotWrite(file: path, reason: errnoText())
                }
            } catch {
                unlink(temporary.path)
                throw error
            }
        }
    }

    /// Writes `text` as UTF-8 to `path`, as `write(_:to:)` does for bytes.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}

/// Builds a large text file in memory in chunks of bytes, then writes it atomically.
///
/// Bytes are appended to one array, with no `String` built per row.
public struct TextFileBuilder {
    /// The bytes so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty file, with room reserved for `capacity` bytes.
    public init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `text`.
    public mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends one CSV line: the fields quoted where needed, joined by commas, ended by `\n`.
    public mutating func appendRow(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(field)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends one field, quoted (RFC 4180) when it holds a comma, quote, or line break.
    public mutating func appendField(_ field: String) {
        let utf8 = field.utf8
        if utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            bytes.append(0x22)
            for byte in utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        } else {
            bytes.append(contentsOf: utf8)
        }
    }

    /// Appends a fixed-point amount with two decimals (`-12.50`), exactly and without locale.
    public mutating func appendCents(_ cents: Int64) {
        appendFixedPoint(cents, decimals: 2)
    }

    /// Appends `value` rounded to `decimals` decimals (`0.123457`), without locale.
    public mutating func appendDecimal(_ value: Double, decimals: Int) {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        appendFixedPoint(Int64((value * scale).rounded()), decimals: decimals)
    }

    private mutating func appendFixedPoint(_ scaled: Int64, decimals: Int) {
        var divisor: UInt64 = 1
        for _ in 0..<decimals { divisor *= 10 }
        if scaled < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = scaled.magnitude
        appendInteger(Int64(magnitude / divisor))
        guard decimals > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var fraction = magnitude % divisor
        divisor /= 10
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }

    /// Appends an integer in decimal.
    public mutating func appendInteger(_ value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendInteger(-value)
            return
        }
        if value >= 10 { appendInteger(value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Appends a day number as `yyyy-MM-dd`.
    public mutating func appendDay(_ day: Int32) {
        let (year, month, dayOfMonth) = CalendarDay.civil(day)
        appendPadded(year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        appendPadded(month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        appendPadded(dayOfMonth, width: 2)
    }

    private mutating func appendPadded(_ value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8((rest / divisor) % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Appends a raw byte.
    public mutating func appendByte(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Writes the bytes to `path` with `AtomicFile.write(_:to:)` (atomically for a file; `-` is
    /// standard output).
    public func write(to path: String) throws {
        try AtomicFile.write(Data(bytes), to: path)
    }
}
