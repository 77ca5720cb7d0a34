/// Reads records from a delimited text file, streaming, with RFC 4180 quoting.
///
/// - Delimiters: comma, tab, semicolon, or runs of whitespace (leading and trailing blanks ignored),
///   detected from the header line unless given.
/// - Quoting: a field that starts with `"` may hold delimiters, line breaks and doubled quotes (`""`).
///   A quote inside an unquoted field is kept as a literal character (`7" frame`).
/// - Line ends: LF, CRLF or a lone CR. Blank lines are skipped and counted.
/// - A UTF-8 byte-order mark at the start of the file is skipped.
/// - Bytes are not decoded here: CP932 trail bytes never take the values of `,` `;` `"` tab, space,
///   CR or LF, so tokenizing raw bytes is correct for UTF-8 and CP932 alike.
///
/// Runs of ordinary bytes are found with a 256-entry table and copied in bulk, so the per-byte work is
/// one table look-up.
///
/// - Complexity: one pass over the bytes; memory is one chunk plus the current record.
public final class DelimitedTextReader {
    /// The file as the user named it (used in error messages).
    public let path: String
    /// The delimiter in use (given or detected).
    public private(set) var delimiter: Delimiter = .comma
    /// Whether the file started with a UTF-8 byte-order mark.
    public private(set) var hadByteOrderMark = false
    /// Blank lines skipped so far.
    public private(set) var blankLines = 0

    private let source: ByteSource
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var position = 0
    private var end = 0
    private var nextLine = 1
    /// `special[b]` is true for the bytes that end a run of ordinary field content.
    private let special: UnsafeMutableBufferPointer<Bool>

    /// Opens `path`; detects the delimiter from the first line when `delimiter` is nil.
    public init(path: String, delimiter: Delimiter? = nil, chunkSize: Int = 1 << 20) throws {
        self.path = path
        self.source = try ByteSource(path: path)
        self.buffer = .allocate(capacity: max(chunkSize, 4))
        self.special = .allocate(capacity: 256)
        special.initialize(repeating: false)
        try refill()
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            hadByteOrderMark = true
            position = 3
        }
        if let delimiter {
            self.delimiter = delimiter
        } else {
            var header: [UInt8] = []
            var index = position
            while index < end && buffer[index] != UInt8(ascii: "\n") && buffer[index] != UInt8(ascii: "\r") {
                header.append(buffer[index])
                index += 1
            }
            self.delimiter = Delimiter.detect(headerLine: header)
        }
        for byte in [UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r")] { special[Int(byte)] = true }
        if let separator = self.delimiter.byte {
            special[Int(separator)] = true
        } else {
            special[Int(UInt8(ascii: " "))] = true
            special[Int(UInt8(ascii: "\t"))] = true
        }
    }

    deinit {
        buffer.deallocate()
        special.deallocate()
    }

    private func refill() throws {
        position = 0
        end = try source.read(into: buffer)
    }

    /// Makes at least one byte available; false at the end of the file.
    @inline(__always)
    private func ensureByte() throws -> Bool {
        if position < end { return true }
        try refill()
        return end > 0
    }

    /// Reads the next non-blank record into `record`; returns false at the end of the file.
    ///
    /// Throws `OrderHistoryError.badRow` for a quote left open at the end of the file; the rest of the
    /// file then belongs to that record, so reading cannot go on after it.
    public func next(into record: inout DelimitedRecord) throws -> Bool {
        let quote = UInt8(ascii: "\"")
        let lineFeed = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        let separator = delimiter.byte
        let collapsesBlanks = separator == nil

        while true {
            record.reset(line: nextLine)
            var fieldOpen = !collapsesBlanks
            var fieldHasContent = false
            var anyContent = false

            if collapsesBlanks {
                while try ensureByte(), isBlank(buffer[position]) { position += 1 }
            }
            recordLoop: while true {
                guard try ensureByte() else {
                    if !anyContent && record.fieldCount == 0 { return false }
                    if fieldOpen { record.endField() }
                    return true
                }
                // A run of ordinary bytes, copied at once.
                let runStart = position
                var scan = position
                let scanEnd = end
                while scan < scanEnd && !special[Int(buffer[scan])] { scan += 1 }
                position = scan
                if position > runStart {
                    record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<position]))
                    fieldOpen = true
                    fieldHasContent = true
                    anyContent = true
                    continue
                }
                let byte = buffer[position]
                position += 1
                switch byte {
                case lineFeed:
                    nextLine += 1
                    break recordLoop
                case carriageReturn:
                    if try ensureByte(), buffer[position] == lineFeed { position += 1 }
                    nextLine += 1
                    break recordLoop
                case quote where !fieldHasContent:
                    try readQuoted(into: &record)
                    fieldOpen = true
                    fieldHasContent = true
                    anyContent = true
                case quote:
                    record.bytes.append(quote)
                default:
                    if collapsesBlanks {
                        if fieldOpen { record.endField() }
                        fieldOpen = false
                        while try ensureByte(), isBlank(buffer[position]) { position += 1 }
                    } else {
                        record.endField()
                        anyContent = true
                    }
                    fieldHasContent = false
                }
            }
            if !anyContent {
                blankLines += 1
                continue
            }
            if fieldOpen { record.endField() }
            return true
        }
    }

    /// Reads the rest of a quoted field, after its opening quote, up to and including its closing quote.
    private func readQuoted(into record: inout DelimitedRecord) throws {
        let quote = UInt8(ascii: "\"")
        let openedOnLine = nextLine
        var previous: UInt8 = 0
        while true {
            guard try ensureByte() else {
                let fields = (0..<record.fieldCount).map { decodeLossy(record, $0) }
                let partial = String(decoding: record.bytes[record.fieldStarts.last!...].prefix(40), as: UTF8.self)
                throw OrderHistoryError.badRow(BadRow(
                    file: path, line: openedOnLine, column: record.fieldCount + 1, columnName: nil, value: partial,
                    problem: "a quoted field is never closed; expected a closing \" before the end of the file",
                    fields: fields + [partial]))
            }
            let runStart = position
            var lineBreaks = 0
            while position < end && buffer[position] != quote {
                let byte = buffer[position]
                if byte == UInt8(ascii: "\n") {
                    if previous != UInt8(ascii: "\r") { lineBreaks += 1 }
                } else if byte == UInt8(ascii: "\r") {
                    lineBreaks += 1
                }
                previous = byte
                position += 1
            }
            nextLine += lineBreaks
            record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<position]))
            guard position < end else { continue }
            position += 1  // the quote
            if try ensureByte(), buffer[position] == quote {
                record.bytes.append(quote)
                position += 1
                continue
            }
            return
        }
    }
}

/// The text of field `index`, with invalid bytes replaced (for messages and quarantine files only).
func decodeLossy(_ record: DelimitedRecord, _ index: Int) -> String {
    String(decoding: record.bytes[record.range(of: index)], as: UTF8.self)
}
