import Foundation
import Testing
@testable import OrderHistory

/// The error `OutputPath.check` throws for `path`, or nil when it passes.
private func checkError(_ path: String) -> OrderHistoryError? {
    do {
        try OutputPath.check(path)
        return nil
    } catch let error as OrderHistoryError {
        return error
    } catch {
        return .cannotWrite(file: path, reason: "unexpected \(error)")
    }
}

@Test func onlyADashIsStandardOutput() {
    #expect(OutputPath.isStandardOutput("-"))
    #expect(!OutputPath.isStandardOutput("--"))
    #expect(!OutputPath.isStandardOutput("./-"))
    #expect(!OutputPath.isStandardOutput("/dev/stdout"))
    #expect(!OutputPath.isStandardOutput(""))
}

@Test func formatIsTheLowercasedExtensionOfTheName() {
    #expect(OutputPath.format(ofPath: "calls.csv") == "csv")
    #expect(OutputPath.format(ofPath: "out/Calls.JSON") == "json")
    #expect(OutputPath.format(ofPath: "/tmp/report.xlsx") == "xlsx")
    #expect(OutputPath.format(ofPath: "scores.csv.gz") == "gz")
    #expect(OutputPath.format(ofPath: "v1.2/calls") == nil)
    #expect(OutputPath.format(ofPath: "calls") == nil)
    #expect(OutputPath.format(ofPath: "calls.") == nil)
    #expect(OutputPath.format(ofPath: ".profile") == nil)
    #expect(OutputPath.format(ofPath: "-") == nil)
    #expect(OutputPath.format(ofPath: "/dev/stdout") == nil)
    #expect(OutputPath.format(ofPath: "") == nil)
}

@Test func destinationOfEachKindOfPath() throws {
    #expect(try OutputDestination.resolve("-") == .openDescriptor(STDOUT_FILENO))
    #expect(try OutputDestination.resolve("/dev/stdout") == .openDescriptor(STDOUT_FILENO))
    #expect(try OutputDestination.resolve("/dev/stderr") == .openDescriptor(STDERR_FILENO))
    #expect(try OutputDestination.resolve("/dev/fd/7") == .openDescriptor(7))
    #expect(try OutputDestination.resolve("/proc/self/fd/12") == .openDescriptor(12))
    #expect(try OutputDestination.resolve("/dev/null") == .device("/dev/null"))
    #expect(try OutputDestination.resolve("new.csv") == .file("new.csv"))
    let folder = TestFiles.folder()
    try "x".write(toFile: folder + "/target.csv", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: "target.csv")
    try FileManager.default.createSymbolicLink(atPath: folder + "/null", withDestinationPath: "/dev/null")
    try FileManager.default.createSymbolicLink(atPath: folder + "/out", withDestinationPath: "/dev/stdout")
    #expect(try OutputDestination.resolve(folder + "/target.csv") == .file(folder + "/target.csv"))
    #expect(try OutputDestination.resolve(folder + "/link.csv") == .file(folder + "/target.csv"))
    #expect(try OutputDestination.resolve(folder + "/null") == .device("/dev/null"))
    #expect(try OutputDestination.resolve(folder + "/out") == .openDescriptor(STDOUT_FILENO))
    #expect(OutputDestination.isNullDevice(folder + "/null"))
    #expect(!OutputDestination.isNullDevice("/dev/full"))
}

@Test func checkPassesWhatCanBeWritten() throws {
    let folder = TestFiles.folder()
    try "x".write(toFile: folder + "/existing.csv", atomically: false, encoding: .utf8)
    #expect(checkError("-") == nil)
    #expect(checkError("/dev/null") == nil)
    #expect(checkError("/dev/stdout") == nil)
    #expect(checkError(folder + "/existing.csv") == nil)
    #expect(checkError(folder + "/new.csv") == nil)
    #expect(checkError(folder + "/missing/folders/new.csv") == nil)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["existing.csv"])
}

@Test func checkRefusesADirectoryUpFront() throws {
    let directory = TestFiles.folder() + "/out.csv"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let error = checkError(directory)
    #expect(error == .outputNotWritable(path: directory, reason: "is a directory; expected a file path"))
    #expect(error?.description == "\(directory): is a directory; expected a file path")
    #expect(checkError(directory + "/") == .outputNotWritable(path: directory + "/", reason: "ends with /; expected a file path"))
    #expect(checkError(".") == .outputNotWritable(path: ".", reason: "is a directory; expected a file path"))
}

@Test func checkRefusesASocket() throws {
    let path = TestFiles.folder() + "/s.sock"
    let socketDescriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    #expect(socketDescriptor >= 0)
    defer { close(socketDescriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    #expect(bound == 0)
    #expect(checkError(path) == .outputNotWritable(path: path, reason: "is a socket; expected a file path"))
    #expect(throws: OrderHistoryError.self) { try AtomicFile.write("x", to: path) }
}

@Test func checkRefusesAPathUnderAFileAndALinkLoop() throws {
    let folder = TestFiles.folder()
    try "x".write(toFile: folder + "/plain.csv", atomically: false, encoding: .utf8)
    #expect(checkError(folder + "/plain.csv/out.csv")
        == .outputNotWritable(path: folder + "/plain.csv/out.csv", reason: "\(folder)/plain.csv is not a folder"))
    #expect(checkError(folder + "/plain.csv/deeper/out.csv")
        == .outputNotWritable(path: folder + "/plain.csv/deeper/out.csv", reason: "\(folder)/plain.csv is not a folder"))
    try FileManager.default.createSymbolicLink(atPath: folder + "/a", withDestinationPath: "b")
    try FileManager.default.createSymbolicLink(atPath: folder + "/b", withDestinationPath: "a")
    #expect(checkError(folder + "/a")
        == .outputNotWritable(path: folder + "/a", reason: "has too many levels of symbolic links"))
}

@Test func checkRefusesADescriptorThatIsNotOpen() {
    #expect(checkError("/dev/fd/987") == .outputNotWritable(path: "/dev/fd/987", reason: "is not an open file descriptor"))
}

/// `makeFolder` creates missing folders once, says whether it did, and refuses a file in the way with the
/// flag and the path.
@Test func makeFolderCreatesOnceAndRefusesAFile() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("make-folder-\(UUID().uuidString)").path
    #expect(try OutputPath.makeFolder(root + "/a/b", flag: "--models"))
    #expect(OutputDestination.isFolder(root + "/a/b"))
    #expect(try !OutputPath.makeFolder(root + "/a/b", flag: "--models"), "already there")
    FileManager.default.createFile(atPath: root + "/file", contents: Data())
    #expect(throws: OrderHistoryError.outputNotWritable(path: "--models \(root)/file", reason: "is a file; expected a folder")) {
        try OutputPath.makeFolder(root + "/file", flag: "--models")
    }
    #expect(throws: OrderHistoryError.outputNotWritable(path: "--out \(root)/file/sub", reason: "\(root)/file is not a folder")) {
        try OutputPath.makeFolder(root + "/file/sub", flag: "--out")
    }
}
