/// Reads records from a delimited text file, streaming, with RFC 4180 quoting.
///
/// - Delimiters: comma, tab, semicolon, or runs of whitespace (leading and trailing blanks ignored),
///   detected from the header line unless given.
/// - Quoting: a field that starts with `"` may hold delimiters, line breaks and doubled quotes (`""`).
/// - Line ends: LF, CRLF or a lone CR. Blank lines are skipped and counted.
/// - A UTF-8 byte-order mark at the start of the file is skipped.
/// - Bytes are not decoded here: CP932 trail bytes never take the values of `,` `;` `"` tab, space,
///   CR or LF, so tokenizing raw bytes is correct for UTF-8 and CP932 alike.
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

    /// Opens `path`; detects the delimiter from the first line when `delimiter` is nil.
    public init(path: String, delimiter: Delimiter? = nil, chunkSize: Int = 1 << 20) throws {
        self.path = path
        self.source = try ByteSource(path: path)
        self.buffer = .allocate(capacity: max(chunkSize, 4096))
        try refill()
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            hadByteOrderMark = true
            position = 3
        }
        if let delimiter {
            self.delimiter = delimiter
        } else {
            var lineEnd = position
            while lineEnd < end && buffer[lineEnd] != UInt8(ascii: "\n") && buffer[lineEnd] != UInt8(ascii: "\r") {
                lineEnd += 1
            }
            self.delimiter = Delimiter.detect(headerLine: UnsafeBufferPointer(rebasing: buffer[position..<lineEnd]))
        }
    }

    deinit {
        buffer.deallocate()
    }

    private func refill() throws {
        position = 0
        end = try source.read(into: buffer)
    }

    @inline(__always)
    private func nextByte() throws -> UInt8? {
        if position == end {
            try refill()
            if end == 0 { return nil }
        }
        let byte = buffer[position]
        position += 1
        return byte
    }

    @inline(__always)
    private func peekByte() throws -> UInt8? {
        if position == end {
            try refill()
            if end == 0 { return nil }
        }
        return buffer[position]
    }

    /// Reads the next non-blank record into `record`; returns false at the end of the file.
    ///
    /// Throws `OrderHistoryError.badRow` for a quote left open at the end of the file; the rest of the
    /// file then belongs to that record, so reading cannot go on after it.
    public func next(into record: inout DelimitedRecord) throws -> Bool {
        let quote = UInt8(ascii: "\"")
        let lineFeed = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        let space = UInt8(ascii: " ")
        let tab = UInt8(ascii: "\t")
        let separator = delimiter.byte
        let collapsesBlanks = separator == nil

        while true {
            record.reset(line: nextLine)
            var fieldOpen = !collapsesBlanks
            var fieldHasContent = false
            var inQuotes = false
            var quoteLine = nextLine
            var anyContent = false

            if collapsesBlanks {
                while let byte = try peekByte(), byte == space || byte == tab { position += 1 }
            }
            recordLoop: while true {
                guard let byte = try nextByte() else {
                    if inQuotes {
                        let fields = (0..<record.fieldCount).map { decodeLossy(record, $0) } + [""]
                        throw OrderHistoryError.badRow(BadRow(
                            file: path, line: quoteLine, column: record.fieldCount + 1, columnName: nil,
                            value: String(decoding: record.bytes[record.fieldStarts.last!...].prefix(40), as: UTF8.self),
                            problem: "a quoted field is never closed; expected a closing \" before the end of the file",
                            fields: fields))
                    }
                    if !anyContent && record.fieldCount == 0 { return false }
                    if fieldOpen { record.endField() }
                    return true
                }
                if inQuotes {
                    if byte == quote {
                        if try peekByte() == quote {
                            position += 1
                            record.bytes.append(quote)
                        } else {
                            inQuotes = false
                        }
                    } else {
                        if byte == lineFeed { nextLine += 1 }
                        else if byte == carriageReturn, try peekByte() != lineFeed { nextLine += 1 }
                        record.bytes.append(byte)
                    }
                    continue
                }
                switch byte {
                case lineFeed:
                    nextLine += 1
                    break recordLoop
                case carriageReturn:
                    if try peekByte() == lineFeed { position += 1 }
                    nextLine += 1
                    break recordLoop
                case quote where !fieldHasContent:
                    inQuotes = true
                    quoteLine = nextLine
                    fieldOpen = true
                    fieldHasContent = true
                    anyContent = true
                default:
                    if let separator {
                        if byte == separator {
                            record.endField()
                            fieldHasContent = false
                            anyContent = true
                            continue
                        }
                    } else if byte == space || byte == tab {
                        if fieldOpen { record.endField() }
                        fieldOpen = false
                        fieldHasContent = false
                        continue
                    }
                    record.bytes.append(byte)
                    fieldOpen = true
                    fieldHasContent = true
                    anyContent = true
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
}

/// The text of field `index`, with invalid bytes replaced (for messages and quarantine files only).
func decodeLossy(_ record: DelimitedRecord, _ index: Int) -> String {
    String(decoding: record.bytes[record.range(of: index)], as: UTF8.self)
}
