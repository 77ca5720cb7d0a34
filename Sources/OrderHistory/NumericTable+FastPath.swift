import Foundation

extension NumericTableReader {
    /// Reads a plain numeric table straight from the read buffer, parsing each number where it lies
    /// instead of copying fields into records first.
    ///
    /// Only for the simple, common case: a single-byte delimiter, no quote characters anywhere, every row
    /// with `width` fields of numbers or empty/NaN/NA/null cells, lines ended by LF or CRLF (a lone CR,
    /// which the general reader also takes as a line end, sends the file there), a header on the first
    /// line, and lines shorter than the 4 MB buffer.
    /// On anything else it returns nil before reporting a single value, and the caller reads the file
    /// with the general reader, which locates any error by line and column.
    static func readPlainNumbers(path: String, delimiter: UInt8, width: Int,
                                 bufferSize capacity: Int = 4 << 20) throws -> (values: [Double], lines: [Int32])? {
        let source = try ByteSource(path: path)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = try source.read(into: buffer)
        var position = 0
        var atEnd = filled == 0
        var values: [Double] = []
        if !path.hasSuffix(".gz"), let size = fileSize(path) { values.reserveCapacity(min(size / 2, 1 << 32)) }
        var lines: [Int32] = []
        var line: Int32 = 0
        var isHeader = true
        if filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { position = 3 }
        let quote = UInt8(ascii: "\"")
        let lineFeed = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        var row = [Double](repeating: 0, count: width)

        while true {
            // Find the end of the current line, refilling (and moving the partial line to the front) as needed.
            var lineEnd = -1
            while true {
                if let found = memchr(buffer.baseAddress! + position, Int32(lineFeed), filled - position) {
                    lineEnd = buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    break
                }
                if atEnd { break }
                let remainder = filled - position
                if position == 0 && remainder == capacity { return nil }  // a line longer than the buffer
                if remainder > 0 {
                    (buffer.baseAddress! + 0).update(from: buffer.baseAddress! + position, count: remainder)
                }
                position = 0
                let read = try source.read(into: UnsafeMutableBufferPointer(rebasing: buffer[remainder...]))
                filled = remainder + read
                atEnd = read == 0
            }
            let end = lineEnd >= 0 ? lineEnd : filled
            if end == position && lineEnd < 0 { break }  // nothing left
            var contentEnd = end
            if contentEnd > position && buffer[contentEnd - 1] == carriageReturn { contentEnd -= 1 }
            defer { position = lineEnd >= 0 ? lineEnd + 1 : filled }
            line &+= 1
            if isHeader {
                isHeader = false
                // A blank first line: the general reader skips it and takes the next line as the header.
                if contentEnd == position { return nil }
                for symbol in [quote, carriageReturn]
                where memchr(buffer.baseAddress! + position, Int32(symbol), contentEnd - position) != nil {
                    return nil
                }
                continue
            }
            if contentEnd == position { continue }  // blank line
            var fieldStart = position
            var field = 0
            var cursor = position
            while true {
                let byte: UInt8 = cursor < contentEnd ? buffer[cursor] : delimiter
                if byte == quote || byte == carriageReturn { return nil }
                if byte == delimiter {
                    guard field < width else { return nil }
                    let bytes = UnsafeBufferPointer(rebasing: buffer[fieldStart..<cursor])
                    let cell = trimmed(bytes)
                    if let value = NumberParsing.parseDouble(cell) {
                        row[field] = value
                    } else if cell.isEmpty || isMissingMarker(cell) {
                        row[field] = .nan
                    } else {
                        return nil
                    }
                    field += 1
                    if cursor >= contentEnd { break }
                    fieldStart = cursor + 1
                }
                cursor += 1
            }
            guard field == width else { return nil }
            values.append(contentsOf: row)
            lines.append(line)
            if lineEnd < 0 { break }
        }
        return (values, lines)
    }
}
