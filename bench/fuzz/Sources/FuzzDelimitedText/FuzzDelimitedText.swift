// libFuzzer target: the delimited-text reader and the table readers built on it.
//
// The readers take a path only (ByteSource opens it with zlib, which also sniffs gzip), so each input is
// written to one scratch file in /dev/shm and read from there. Per input:
//   1. DelimitedTextReader, delimiter detected, the whole input in one chunk (as the production 1 MiB
//      chunk reads it).
//   2. The same with the detected delimiter given and a small chunk (4-35 bytes, from the input's hash):
//      every refill boundary falls somewhere else. Oracle: the same records, lines, blank-line count,
//      byte-order mark and error as 1 (the chunk size must not change what is read).
//   3. A delimiter forced from the hash (comma, tab, semicolon, whitespace), another small chunk.
//   4. On one input in 8 (LOYALTY_FUZZ_TABLES; they cost far more than the reading): OrderReader (and, when the header has their columns, the customer, event and survey readers) with
//      options from the hash: encoding auto/utf8/cp932, number format, a forced or detected date layout,
//      --on-bad-rows skip or fail. Oracle: skip reports no bad rows exactly when fail succeeds.
//   5. NumericTableReader's plain fast path (readPlainNumbers, small buffer) against the general path it
//      falls back to. Oracle: when the fast path answers, it answers what the general path reads.
// Oracles abort (a libFuzzer crash); LOYALTY_FUZZ_ORACLES=0 leaves only traps and sanitizer reports.
import FuzzSupport
@testable import OrderHistory
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let scratch = ScratchFile(name: "input.csv")

/// The table readers run on one input in this many (LOYALTY_FUZZ_TABLES, default 8).
let tableShare: Int = {
    guard let value = getenv("LOYALTY_FUZZ_TABLES"), let share = Int(String(cString: value)), share >= 1 else { return 8 }
    return share
}()

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> CInt {
    atexit { scratch.remove() }
    return 0
}

@_cdecl("FuzzDelimitedText_main")
public func fuzzDelimitedTextMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzDelimitedText(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDelimitedText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let hash = fuzzHash(input)
    scratch.write(input)
    let path = scratch.path

    // 1 and 2: the whole file in one chunk (as the production 1 MiB chunk reads any file this size; a
    // 1 MiB buffer per run would cost more than the reading) against a small chunk.
    let whole = readRecords(path, delimiter: nil, chunkSize: max(4, min(1 << 20, size + 1)))
    let smallChunk = 4 + Int(hash % 32)
    if let detected = whole.delimiter {
        let chunked = readRecords(path, delimiter: detected, chunkSize: smallChunk)
        if !whole.gzipError && !chunked.gzipError {
            oracle(whole == chunked, "chunk size \(smallChunk) changed what was read from \"\(escaped(input.prefix(200)))\":\n"
                   + "  whole: \(whole.summary)\n  \(smallChunk) B: \(chunked.summary)", id: "chunk-size")
        }
    }

    // 3: a forced delimiter.
    let forced = Delimiter.allCases[Int((hash >> 8) % 4)]
    _ = readRecords(path, delimiter: forced, chunkSize: 4 + Int((hash >> 12) % 61))

    guard let header = whole.records.first?.fields else { return 0 }

    // 4 and 5: the table readers. Each opens the file again and allocates about 1.5 MiB (a 1 MiB chunk, hash
    // tables sized for real files), which under ASan costs several times the reading, so they run on one
    // input in LOYALTY_FUZZ_TABLES (default 8; 1 runs them on every input), picked by the input's hash.
    guard (hash >> 56) % UInt64(tableShare) == 0 else { return 0 }
    let names = headerNames(header)
    let options = readOptions(hash)
    if hasRoles(names, [ColumnRoles.customer, ColumnRoles.date]) || hash % 16 == 0 {
        readOrders(path, options: options, checkPolicies: (hash >> 20) % 4 == 0)
    }
    if hasRoles(names, [ColumnRoles.customer]), (hash >> 24) % 4 == 0 {
        var registry = CustomerRegistry()
        _ = try? CustomerReader.read(path: path, options: options, registry: &registry)
    }
    if hasRoles(names, [ColumnRoles.customer, ColumnRoles.date, ColumnRoles.eventType]) {
        var registry = CustomerRegistry()
        _ = try? EventReader.read(path: path, options: options, registry: &registry)
    }
    if hasRoles(names, [ColumnRoles.customer, ColumnRoles.date, ColumnRoles.nps]) {
        var registry = CustomerRegistry()
        _ = try? SurveyReader.read(path: path, options: options, registry: &registry)
    }
    // The numeric table's fast path, when the file could be a numeric table (an ASCII header).
    if (hash >> 28) % 4 == 0 || header.allSatisfy({ !$0.contains(where: { $0 >= 0x80 }) }) {
        checkNumericFastPath(path, bufferSize: 16 + Int((hash >> 32) % 4096), hash: hash, input: input)
    }
    return 0
}

// MARK: - The delimited-text reader

/// Everything DelimitedTextReader reports for one file: compared between chunk sizes.
struct RecordsRead: Equatable {
    struct Record: Equatable {
        var line: Int
        var fields: [[UInt8]]
    }
    /// Nil when the reader could not be opened.
    var delimiter: Delimiter?
    var hadByteOrderMark = false
    var records: [Record] = []
    var blankLines = 0
    var error: OrderHistoryError?
    /// A read error from zlib (a corrupt or cut-off gzip stream): where it surfaces depends on the read
    /// size (gzread drops the part of a chunk it had decompressed), so such results are not compared.
    var gzipError: Bool {
        switch error {
        case .cannotOpen?, .damagedFile?: return true
        default: return false
        }
    }

    var summary: String {
        let shown = records.prefix(6).map { "\($0.line):[" + $0.fields.map { "\"\(escaped($0))\"" }.joined(separator: ",") + "]" }
        return "delimiter \(delimiter.map(\.rawValue) ?? "-"), BOM \(hadByteOrderMark), \(records.count) records "
            + shown.joined(separator: " ") + (records.count > 6 ? " ..." : "")
            + ", blank lines \(blankLines), error \(error.map { "\($0)" } ?? "none")"
    }
}

/// Limits the records kept for comparison, so that a long file stays cheap.
let maxRecordsKept = 4096

func readRecords(_ path: String, delimiter: Delimiter?, chunkSize: Int) -> RecordsRead {
    var result = RecordsRead()
    let reader: DelimitedTextReader
    do {
        reader = try DelimitedTextReader(path: path, delimiter: delimiter, chunkSize: chunkSize)
    } catch {
        result.error = error as? OrderHistoryError
        return result
    }
    result.delimiter = reader.delimiter
    result.hadByteOrderMark = reader.hadByteOrderMark
    var record = DelimitedRecord()
    do {
        while try reader.next(into: &record) {
            // The record's own invariants.
            oracle(record.fieldCount >= 1, "a record with no fields at line \(record.line)", id: "record-shape")
            oracle(record.fieldStarts.first == 0 && record.fieldStarts.last == record.bytes.count
                   && zip(record.fieldStarts, record.fieldStarts.dropFirst()).allSatisfy { $0 <= $1 },
                   "field offsets \(record.fieldStarts) do not cover \(record.bytes.count) bytes", id: "record-shape")
            if result.records.count < maxRecordsKept {
                var fields: [[UInt8]] = []
                fields.reserveCapacity(record.fieldCount)
                for index in 0..<record.fieldCount {
                    fields.append(record.withField(index) { Array($0) })
                    _ = record.isBlank(index)
                }
                result.records.append(.init(line: record.line, fields: fields))
            }
        }
    } catch {
        result.error = error as? OrderHistoryError
        oracle(result.error != nil, "a reader error that is not an OrderHistoryError: \(error)", id: "error-type")
    }
    result.blankLines = reader.blankLines
    return result
}

// MARK: - The table readers

/// The header's names as TableCursor decodes them (auto encoding), for deciding which readers apply.
func headerNames(_ fields: [[UInt8]]) -> [String] {
    var decoder = FieldDecoder(encoding: .auto)
    return fields.map { field in
        field.withUnsafeBufferPointer { normalizedColumnName(decoder.decodeForMessage(trimmed($0))) }
    }
}

func hasRoles(_ names: [String], _ roles: [ColumnRole]) -> Bool {
    roles.allSatisfy { role in role.defaultNames.contains { names.contains($0) } }
}

func readOptions(_ hash: UInt64) -> ReadOptions {
    let encodings: [TextEncoding] = [.auto, .auto, .utf8, .cp932]
    let dateFormats: [DateFormat?] = [nil, nil, nil, nil] + DateFormat.allCases
    let numberFormats: [NumberFormat] = [.auto, .auto, .plain, .japanese]
    return ReadOptions(
        encoding: encodings[Int((hash >> 40) % 4)],
        dateFormat: dateFormats[Int((hash >> 44) % UInt64(dateFormats.count))],
        numberFormat: numberFormats[Int((hash >> 48) % 4)],
        onBadRows: .skip)
}

func readOrders(_ path: String, options: ReadOptions, checkPolicies: Bool) {
    var registry = CustomerRegistry()
    let skipped: (log: OrderLog, summary: OrderFileSummary)?
    var skipError: Error?
    do {
        skipped = try OrderReader.read(path: path, options: options, registry: &registry)
    } catch {
        skipped = nil
        skipError = error
    }
    if let (log, summary) = skipped {
        oracle(log.count == summary.customerOrders, "log has \(log.count) orders, summary says \(summary.customerOrders)", id: "order-summary")
        oracle(summary.badRows.count <= summary.rows, "\(summary.badRows.count) bad rows of \(summary.rows)", id: "order-summary")
        oracle(summary.customers <= registry.count, "\(summary.customers) customers, \(registry.count) registered", id: "order-summary")
    }
    guard checkPolicies else { return }
    var failing = options
    failing.onBadRows = .fail
    var failRegistry = CustomerRegistry()
    let failed = Result { try OrderReader.read(path: path, options: failing, registry: &failRegistry) }
    switch (skipped, failed) {
    case let (skipped?, .success(fail)):
        oracle(skipped.summary.badRows.isEmpty,
               "--on-bad-rows fail read the file, skip set \(skipped.summary.badRows.count) rows aside: \(skipped.summary.badRows[0])", id: "bad-row-policy")
        oracle(fail.summary.rows == skipped.summary.rows && fail.log.count == skipped.log.count,
               "fail and skip read different files: \(fail.summary.rows) vs \(skipped.summary.rows) rows", id: "bad-row-policy")
    case let (skipped?, .failure(error)):
        oracle(!skipped.summary.badRows.isEmpty,
               "--on-bad-rows fail stopped (\(error)), skip found no bad row", id: "bad-row-policy")
    case (nil, .success):
        oracle(false, "--on-bad-rows fail read the file, skip stopped: \(skipError.map { "\($0)" } ?? "")", id: "bad-row-policy")
    case (nil, .failure):
        break
    }
}

// MARK: - The numeric table fast path

/// `readPlainNumbers` (a small buffer, so lines move to the front and refill) against the general path of
/// NumericTableReader.read, rewritten here from the same internals: the fast path may decline (nil), but
/// when it answers it must answer what the general reader reads.
func checkNumericFastPath(_ path: String, bufferSize: Int, hash: UInt64, input: UnsafeBufferPointer<UInt8>) {
    // Reported findings get their own ids, so that the rest of the fast path stays checked while they are
    // open: lone CR line ends (the fast path splits lines at LF only) and blank lines before the header
    // (the fast path takes the first physical line for the header).
    let numericOracleID = hasLoneCarriageReturn(input) ? "numeric-fast-path-lone-cr"
        : startsWithBlankLine(input) ? "numeric-fast-path-leading-blank-line" : "numeric-fast-path"
    guard let cursor = try? TableCursor(path: path, options: ReadOptions()) else { return }
    guard let separator = cursor.delimiter.byte else { return }
    let width = cursor.columnNames.count
    let fast: (values: [Double], lines: [Int32])?
    do {
        fast = try NumericTableReader.readPlainNumbers(path: path, delimiter: separator, width: width,
                                                       bufferSize: bufferSize)
    } catch {
        return  // a gzip error; the general path would meet it too
    }
    guard let fast else { return }

    var general: [Double] = []
    var lines: [Int32] = []
    var values = [Double](repeating: 0, count: width)
    do {
        try cursor.forEachRow {
            for index in 0..<width {
                let parsed = cursor.record.withField(index) { bytes -> Double? in
                    let field = trimmed(bytes)
                    if field.isEmpty || NumericTableReader.isMissingMarker(field) { return .nan }
                    return NumberParsing.parseDouble(field)
                }
                guard let parsed else {
                    throw OrderHistoryError.badRow(cursor.badRow(index, "expected a number"))
                }
                values[index] = parsed
            }
            general.append(contentsOf: values)
            lines.append(Int32(clamping: cursor.record.line))
        }
    } catch {
        oracle(false, "the numeric fast path read \(fast.lines.count) rows (buffer \(bufferSize)), the general reader stopped: \(error); "
               + publicNumericRead(path), id: numericOracleID)
        return
    }
    let same = fast.lines == lines && fast.values.count == general.count
        && zip(fast.values, general).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    oracle(same, "the numeric fast path (buffer \(bufferSize)) read \(fast.lines.count) rows on lines \(fast.lines.prefix(8)) \(fast.values.prefix(8)), "
           + "the general reader \(lines.count) rows on lines \(lines.prefix(8)) \(general.prefix(8)) (header \(cursor.columnNames)); " + publicNumericRead(path),
           id: numericOracleID)
}

/// What the public NumericTableReader.read makes of the file (for oracle messages: the user-visible effect).
func publicNumericRead(_ path: String) -> String {
    do {
        let (table, badRows) = try NumericTableReader.read(path: path)
        return "NumericTableReader.read gives columns \(table.columnNames), \(table.rowCount) rows, "
            + "\(badRows.count) bad rows"
    } catch {
        return "NumericTableReader.read throws \(error)"
    }
}

func hasLoneCarriageReturn(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.indices.contains { bytes[$0] == UInt8(ascii: "\r") && ($0 + 1 == bytes.count || bytes[$0 + 1] != UInt8(ascii: "\n")) }
}

/// Whether the first line (after a UTF-8 byte-order mark) is empty.
func startsWithBlankLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    return start < bytes.count && (bytes[start] == UInt8(ascii: "\n") || bytes[start] == UInt8(ascii: "\r"))
}
