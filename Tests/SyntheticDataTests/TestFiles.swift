import Foundation

/// Fresh temporary folders for the generator's outputs.
enum TestFiles {
    /// A fresh empty folder.
    static func folder() -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("loyalty-synthetic-\(getpid())-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
