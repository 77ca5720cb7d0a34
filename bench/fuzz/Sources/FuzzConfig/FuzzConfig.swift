// libFuzzer target: the config reader (LoyaltyConfig.ConfigDocument), which `loyalty --config` runs on a
// user's loyalty.toml before it matches keys to flags: the UTF-8 and NUL checks, the guard against table
// headers that TOMLKit's parser (toml++) would abort on, the TOML parse itself, and the scan that finds the
// line of every key.
//
// The input is a whole file's bytes. Oracles (LOYALTY_FUZZ_ORACLES=0 turns them off):
//   - parsing either gives a document or throws ConfigError, whose message starts with the file's path;
//   - every line the key scan reports lies within the file;
//   - every value of a parsed document can be read back (its type, and the accessor of that type), down
//     to the innermost array and table.
// Memory safety and traps (a failed assertion in toml++, an out-of-range index in the scans) are what
// libFuzzer and AddressSanitizer catch.
import FuzzSupport
import Foundation
import LoyaltyConfig
import TOMLKit

@_cdecl("FuzzConfig_main")
public func fuzzConfigMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzConfig(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    let path = "fuzz.toml"
    do {
        let document = try ConfigDocument.parse(bytes, path: path, exitOnParserAbort: false)
        let lineCount = ConfigDocument.lines(of: String(decoding: bytes, as: UTF8.self)).count
        for (table, keys) in document.lines {
            for (key, line) in keys {
                oracle((1...max(1, lineCount)).contains(line),
                       "key \(table).\(key) at line \(line) of a \(lineCount)-line file", id: "key-line")
            }
        }
        visit(document.table, depth: 0)
    } catch let error as ConfigError {
        oracle(error.message.hasPrefix(path), "message without the path: \(error.message)", id: "error-path")
    } catch {
        oracle(false, "ConfigDocument.parse threw \(type(of: error)), not ConfigError: \(error)", id: "error-type")
    }
    return 0
}

/// Reads every value of `table` through the accessor its type names.
private func visit(_ table: TOMLTable, depth: Int) {
    for (_, value) in table { visit(value, depth: depth + 1) }
}

private func visit(_ value: TOMLValueConvertible, depth: Int) {
    guard depth < 64 else { return }
    switch value.type {
    case .string: oracle(value.string != nil, "a string value without a string", id: "accessor")
    case .int: oracle(value.int != nil, "an integer value without an integer", id: "accessor")
    case .double: oracle(value.double != nil, "a number value without a number", id: "accessor")
    case .bool: oracle(value.bool != nil, "a boolean value without a boolean", id: "accessor")
    case .date: oracle(value.date != nil, "a date value without a date", id: "accessor")
    case .time, .dateTime: break
    case .array:
        guard let array = value.array else { return oracle(false, "an array value without an array", id: "accessor") }
        for element in array { visit(element, depth: depth + 1) }
    case .table:
        guard let table = value.table else { return oracle(false, "a table value without a table", id: "accessor") }
        visit(table, depth: depth + 1)
    }
}
