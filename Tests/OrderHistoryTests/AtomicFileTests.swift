import Foundation
import Testing
@testable import OrderHistory

@Test func writesWholeFileAndLeavesNoTemporary() throws {
    let folder = TestFiles.folder()
    let path = folder + "/sub/out.csv"
    var builder = TextFileBuilder()
    builder.appendRow(["a", "b,c", "say \"hi\""])
    builder.appendCents(-1250)
    builder.appendByte(UInt8(ascii: ","))
    builder.appendDay(CalendarDay.parseISO("2024-02-29")!)
    try builder.write(to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,\"b,c\",\"say \"\"hi\"\"\"\n-12.50,2024-02-29")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sub") == ["out.csv"])
}

@Test func unwritablePathIsACleanError() {
    #expect(throws: OrderHistoryError.self) { try AtomicFile.write("x", to: "/proc/nonexistent/out.csv") }
}

// MARK: - Kinds of output path (AtomicFile and StreamingFileWriter)

/// The error an operation throws, or nil.
private func outputError(_ body: () throws -> Void) -> OrderHistoryError? {
    do {
        try body()
        return nil
    } catch let error as OrderHistoryError {
        return error
    } catch {
        return nil
    }
}

/// True when `path` itself is a symbolic link (not followed).
private func isSymbolicLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
}

/// The contents of `path` as UTF-8.
private func contents(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

/// Opens a fresh regular file for writing and returns its path and descriptor, to stand in for a
/// redirected standard output through `/dev/fd/N`.
private func openScratchFile() -> (path: String, descriptor: Int32) {
    let path = TestFiles.folder() + "/captured.out"
    let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o644)
    precondition(descriptor >= 0)
    return (path, descriptor)
}

@Test func atomicWriteKeepsEveryByteValue() throws {
    let path = TestFiles.folder() + "/bytes.bin"
    let bytes = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) })
    try AtomicFile.write(bytes, to: path)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
}

@Test func atomicWriteGoesThroughASymlinkAndKeepsTheLink() throws {
    let folder = TestFiles.folder()
    try "old".write(toFile: folder + "/target.csv", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: "target.csv")
    try AtomicFile.write("new,content\n", to: folder + "/link.csv")
    #expect(isSymbolicLink(folder + "/link.csv"))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link.csv") == "target.csv")
    #expect(try contents(folder + "/target.csv") == "new,content\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["link.csv", "target.csv"])
}

@Test func atomicWriteFollowsAChainOfRelativeLinksIntoAnotherFolder() throws {
    let folder = TestFiles.folder()
    try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
    try "old".write(toFile: folder + "/real/out.csv", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: folder + "/real/hop.csv", withDestinationPath: "out.csv")
    try FileManager.default.createSymbolicLink(atPath: folder + "/first.csv", withDestinationPath: "real/hop.csv")
    try AtomicFile.write("a\n", to: folder + "/first.csv")
    #expect(isSymbolicLink(folder + "/first.csv"))
    #expect(isSymbolicLink(folder + "/real/hop.csv"))
    #expect(try contents(folder + "/real/out.csv") == "a\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/real").sorted() == ["hop.csv", "out.csv"])
}

@Test func atomicWriteThroughADanglingLinkCreatesItsTarget() throws {
    let folder = TestFiles.folder()
    try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: "later/made.csv")
    try AtomicFile.write("x\n", to: folder + "/link.csv")
    #expect(isSymbolicLink(folder + "/link.csv"))
    #expect(try contents(folder + "/later/made.csv") == "x\n")
}

@Test func atomicWriteKeepsThePermissionBitsOfTheFileItReplaces() throws {
    let path = TestFiles.folder() + "/private.csv"
    try "old".write(toFile: path, atomically: false, encoding: .utf8)
    chmod(path, 0o600)
    try AtomicFile.write("new", to: path)
    var info = stat()
    stat(path, &info)
    #expect(info.st_mode & 0o777 == 0o600)
    #expect(try contents(path) == "new")
}

@Test func atomicWriteRefusesADirectoryAndLeavesItAlone() throws {
    let folder = TestFiles.folder()
    let directory = folder + "/out.csv"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try "keep".write(toFile: directory + "/inside.txt", atomically: false, encoding: .utf8)
    let error = outputError { try AtomicFile.write("x", to: directory) }
    #expect(error == .outputNotWritable(path: directory, reason: "is a directory; expected a file path"))
    #expect(error?.description == "\(directory): is a directory; expected a file path")
    #expect(OrderHistoryError.outputNotWritable(path: "out.csv", reason: "is a directory; expected a file path")
        .description == "out.csv: is a directory; expected a file path")
    #expect(OutputDestination.isFolder(directory))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["inside.txt"])
    #expect(try contents(directory + "/inside.txt") == "keep")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.csv"])
}

@Test func atomicWriteRefusesALinkToADirectory() throws {
    let folder = TestFiles.folder()
    try FileManager.default.createDirectory(atPath: folder + "/dir", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: folder + "/dir")
    let error = outputError { try AtomicFile.write("x", to: folder + "/link.csv") }
    #expect(error == .outputNotWritable(path: folder + "/link.csv",
                                        reason: "is a directory (\(folder)/dir); expected a file path"))
    #expect(isSymbolicLink(folder + "/link.csv"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/dir").isEmpty)
}

@Test func atomicWriteUnderAFileNamesTheFile() throws {
    let folder = TestFiles.folder()
    try "x".write(toFile: folder + "/plain.csv", atomically: false, encoding: .utf8)
    let error = outputError { try AtomicFile.write("x", to: folder + "/plain.csv/sub/out.csv") }
    #expect(error == .outputNotWritable(path: folder + "/plain.csv/sub/out.csv",
                                        reason: "\(folder)/plain.csv is not a folder"))
}

@Test func atomicWriteErrorsNameThePath() {
    let error = outputError { try AtomicFile.write("x", to: "/proc/nonexistent/out.csv") }
    #expect(error?.description.hasPrefix("/proc/nonexistent/out.csv: ") == true)
    let full = outputError { try AtomicFile.write("x", to: "/dev/full") }
    #expect(full == .cannotWrite(file: "/dev/full", reason: String(cString: strerror(ENOSPC))))
}

@Test func atomicWriteToDevNullSucceeds() throws {
    try AtomicFile.write("discarded\n", to: "/dev/null")
    try AtomicFile.write(Data(), to: "/dev/null")
    var info = stat()
    #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
}

@Test func atomicWriteToDashCreatesNoFile() throws {
    try AtomicFile.write(Data(), to: "-")
    #expect(!FileManager.default.fileExists(atPath: "-"))
    #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/-"))
}

@Test func atomicWriteToAnOpenDescriptorWritesAtItsOffset() throws {
    let scratch = openScratchFile()
    defer { close(scratch.descriptor) }
    _ = "head\n".withCString { write(scratch.descriptor, $0, 5) }
    try AtomicFile.write("body\n", to: "/dev/fd/\(scratch.descriptor)")
    #expect(try contents(scratch.path) == "head\nbody\n")
}

@Test func atomicWriteToAFIFOWritesDirectly() throws {
    let folder = TestFiles.folder()
    let fifo = folder + "/pipe"
    #expect(mkfifo(fifo, 0o644) == 0)
    try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: "pipe")
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    #expect(reader >= 0)
    defer { close(reader) }
    try AtomicFile.write("through the pipe\n", to: folder + "/link")
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = read(reader, &buffer, buffer.count)
    #expect(String(decoding: buffer[0..<max(count, 0)], as: UTF8.self) == "through the pipe\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["link", "pipe"])
}

@Test func streamingWriterGoesThroughASymlinkAndKeepsTheLink() throws {
    let folder = TestFiles.folder()
    try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
    try "old".write(toFile: folder + "/data/scores.csv", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: folder + "/scores.csv", withDestinationPath: "data/scores.csv")
    let writer = try StreamingFileWriter(path: folder + "/scores.csv")
    try writer.write { $0.appendRow(["id", "score"]) }
    try writer.write { $0.appendRow(["C1", "0.5"]) }
    #expect(try contents(folder + "/data/scores.csv") == "old")
    try writer.commit()
    #expect(isSymbolicLink(folder + "/scores.csv"))
    #expect(try contents(folder + "/data/scores.csv") == "id,score\nC1,0.5\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/data") == ["scores.csv"])
}

@Test func streamingWriterRefusesADirectoryBeforeAnyWork() throws {
    let directory = TestFiles.folder()
    #expect(outputError { _ = try StreamingFileWriter(path: directory) }
        == .outputNotWritable(path: directory, reason: "is a directory; expected a file path"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
}

@Test func streamingWriterToAnOpenDescriptorHoldsEverythingUntilCommit() throws {
    let scratch = openScratchFile()
    defer { close(scratch.descriptor) }
    let writer = try StreamingFileWriter(path: "/dev/fd/\(scratch.descriptor)")
    for _ in 0..<200_000 { try writer.write { $0.append("0123456789\n") } }  // past several 1 MiB chunks
    #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path)).isEmpty)
    try writer.commit()
    let written = try Data(contentsOf: URL(fileURLWithPath: scratch.path))
    #expect(written.count == 2_200_000)
    #expect(written == Data(String(repeating: "0123456789\n", count: 200_000).utf8))
    try writer.commit()  // a second commit does nothing
    #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path)).count == 2_200_000)
    #expect(throws: OrderHistoryError.self) { try writer.write { $0.append("late") } }
}

@Test func streamingWriterToAnOpenDescriptorWritesNothingWithoutCommit() throws {
    let scratch = openScratchFile()
    defer { close(scratch.descriptor) }
    do {
        let writer = try StreamingFileWriter(path: "/dev/fd/\(scratch.descriptor)")
        try writer.write { $0.append("never\n") }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path)).isEmpty)
}

@Test func streamingWriterToDashCreatesNoFile() throws {
    do {
        let writer = try StreamingFileWriter(path: "-")
        try writer.write { $0.append("not committed, so never printed\n") }
    }
    #expect(!FileManager.default.fileExists(atPath: "-"))
}

@Test func streamingWriterToDevNullSucceeds() throws {
    let writer = try StreamingFileWriter(path: "/dev/null")
    for _ in 0..<10_000 { try writer.write { $0.append("discarded line\n") } }
    try writer.commit()
}

@Test func streamingWriterToAFIFOWritesOnlyAtCommit() throws {
    let fifo = TestFiles.folder() + "/pipe"
    #expect(mkfifo(fifo, 0o644) == 0)
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    #expect(reader >= 0)
    defer { close(reader) }
    let writer = try StreamingFileWriter(path: fifo)
    try writer.write { $0.append("held\n") }
    var buffer = [UInt8](repeating: 0, count: 64)
    #expect(read(reader, &buffer, buffer.count) <= 0)
    try writer.commit()
    let count = read(reader, &buffer, buffer.count)
    #expect(String(decoding: buffer[0..<max(count, 0)], as: UTF8.self) == "held\n")
}
