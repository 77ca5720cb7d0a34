import Foundation
import OrderHistory

/// One kind of file a call list is written as, chosen by `calllist --format` or by the extension of
/// `--out`. A new kind of file (an Excel workbook, say) is one more type conforming here and one entry in
/// `CallListFormats.all`, not a branch in the command.
public protocol CallListFormat: Sendable {
    /// Its name for `--format` (`csv`, `json`).
    var name: String { get }
    /// The file extensions that choose it, lower case without the dot.
    var extensions: [String] { get }
    /// The file's bytes for `list`, and the characters it had to replace (CP932 CSV only). `options` are
    /// the CSV's encoding and languages; `warnings` go into formats that carry them (JSON); `fileName`
    /// names the output in errors.
    func encode(_ list: BuiltCallList, options: CallListCSVOptions, warnings: [String],
                fileName: String) throws -> (data: Data, replaced: [ReplacedCharacter])
}

/// The call list as CSV (`CallListWriter.csvData`): UTF-8, UTF-8 with a byte-order mark, or CP932.
public struct CSVCallListFormat: CallListFormat {
    /// A CSV writer.
    public init() {}
    /// `csv`.
    public var name: String { "csv" }
    /// `csv`, `txt`, `tsv`.
    public var extensions: [String] { ["csv", "txt", "tsv"] }
    /// The CSV bytes of the list's entries (warnings are not part of a CSV).
    public func encode(_ list: BuiltCallList, options: CallListCSVOptions, warnings: [String],
                       fileName: String) throws -> (data: Data, replaced: [ReplacedCharacter]) {
        let (data, replaced) = try CallListWriter.csvData(list.entries, options: options, fileName: fileName)
        return (data, replaced)
    }
}

/// The call list as one JSON document (`CallListWriter.jsonData`): rules, summary, entries, warnings.
public struct JSONCallListFormat: CallListFormat {
    /// A JSON writer.
    public init() {}
    /// `json`.
    public var name: String { "json" }
    /// `json`.
    public var extensions: [String] { ["json"] }
    /// The JSON bytes (UTF-8; the CSV options do not apply).
    public func encode(_ list: BuiltCallList, options: CallListCSVOptions, warnings: [String],
                       fileName: String) throws -> (data: Data, replaced: [ReplacedCharacter]) {
        (try CallListWriter.jsonData(list, warnings: warnings), [])
    }
}

/// The kinds of file a call list can be written as.
public enum CallListFormats {
    /// Every format, in the order `--help` lists them; the first is the default.
    public static let all: [any CallListFormat] = [CSVCallListFormat(), JSONCallListFormat(), ExcelCallListFormat()]

    /// The format called `name` (`csv`, `json`, `xlsx`), if there is one.
    public static func named(_ name: String) -> (any CallListFormat)? {
        all.first { $0.name == name.lowercased() }
    }

    /// The format the extension of `path` chooses: the default (CSV) without an extension or for standard
    /// output; nil for an extension no format has.
    public static func forPath(_ path: String) -> (any CallListFormat)? {
        guard let pathExtension = OutputPath.format(ofPath: path) else { return all[0] }
        return all.first { $0.extensions.contains(pathExtension) }
    }
}
