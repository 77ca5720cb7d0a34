import Foundation
@testable import OrderHistory

/// Writes test inputs into a fresh temporary folder per call site.
enum TestFiles {
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("loyalty-tests-\(getpid())", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes `bytes` to a uniquely named file and returns its path.
    static func write(_ bytes: [UInt8], name: String = "input.csv") -> String {
        let folder = root.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try! Data(bytes).write(to: url)
        return url.path
    }

    /// Writes `text` as UTF-8.
    static func write(_ text: String, name: String = "input.csv") -> String {
        write(Array(text.utf8), name: name)
    }

    /// A fresh empty folder.
    static func folder() -> String {
        let url = root.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// The path of a committed fixture.
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    /// `../shared/datasets/online-retail.csv.gz` relative to the package root.
    static let onlineRetailPath: String = {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/online-retail.csv.gz").path
    }()
}

/// All records of a file, as field texts.
func readAllRecords(_ path: String, delimiter: Delimiter? = nil) throws -> [[String]] {
    let reader = try DelimitedTextReader(path: path, delimiter: delimiter, chunkSize: 7)
    var record = DelimitedRecord()
    var rows: [[String]] = []
    while try reader.next(into: &record) {
        rows.append((0..<record.fieldCount).map { decodeLossy(record, $0) })
    }
    return rows
}

/// The `BadRow` an operation throws, or nil.
func badRow(_ body: () throws -> Void) -> BadRow? {
    do {
        try body()
        return nil
    } catch OrderHistoryError.badRow(let row) {
        return row
    } catch {
        return nil
    }
}
