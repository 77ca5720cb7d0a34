import Foundation
import Testing
@testable import loyalty

/// The must-show case: a whitespace-delimited CRLF file with yyyyMMdd dates and zero-padded customer ids,
/// read with mapping flags only.
@Test func inspectWhitespaceCRLFCompactDatesWithMappingFlags() throws {
    let folder = CommandLineHarness.folder()
    let text = "  KOKYAKU   HIDUKE     KINGAKU\r\n  000123   20240105   1500\r\n  000045   20240106   -300\r\n\r\n  000123   20240210   2500.50\r\n"
    let path = CommandLineHarness.write(Array(text.utf8), "export.txt", in: folder)
    let result = try CommandLineHarness.run([
        "inspect", "--orders", path, "--delimiter", "whitespace", "--date-format", "yyyyMMdd",
        "--customer-column", "KOKYAKU", "--date-column", "HIDUKE", "--amount-column", "KINGAKU", "--json",
    ])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    #expect(report["rows"] as? Int == 3)
    #expect(report["orders"] as? Int == 3)
    #expect(report["customers"] as? Int == 2)
    #expect(report["returnRows"] as? Int == 1)
    #expect(report["blankLines"] as? Int == 1)
    #expect(report["firstDate"] as? String == "2024-01-05")
    #expect(report["lastDate"] as? String == "2024-02-10")
    #expect(report["totalAmount"] as? Double == 3700.5)
    #expect(report["delimiter"] as? String == "whitespace")
}

@Test func inspectTableIsReadable() throws {
    let folder = CommandLineHarness.folder()
    let path = CommandLineHarness.write(Array("customer_id,order_date,amount\n1,2024-01-01,5\n,2024-01-02,3\n".utf8), "o.csv", in: folder)
    let result = try CommandLineHarness.run(["inspect", "--orders", path])
    #expect(result.exitCode == 0)
    #expect(result.stdout.contains("guest rows    1"))
    #expect(result.stdout.contains("date range    2024-01-01 .. 2024-01-02"))
}

@Test func badRowStopsWithExitOneAndLocation() throws {
    let folder = CommandLineHarness.folder()
    let path = CommandLineHarness.write(Array("customer_id,order_date,amount\n1,2024-01-01,5\n2,2024-01-02,five\n".utf8), "o.csv", in: folder)
    let result = try CommandLineHarness.run(["inspect", "--orders", path], in: folder)
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("o.csv:3:3: column \"amount\": value \"five\""))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["o.csv"], "nothing written")
}

@Test func skipWritesQuarantineAndCounts() throws {
    let folder = CommandLineHarness.folder()
    let path = CommandLineHarness.write(Array("customer_id,order_date,amount\n1,2024-01-01,5\n2,2024-01-32,4\n3,2024-01-03,3\n".utf8), "o.csv", in: folder)
    let result = try CommandLineHarness.run(["inspect", "--orders", path, "--on-bad-rows", "skip", "--json"], in: folder)
    #expect(result.exitCode == 0, "\(result.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    #expect(report["badRows"] as? Int == 1)
    #expect(report["orders"] as? Int == 2)
    let quarantine = try String(contentsOfFile: folder + "/o.quarantine.csv", encoding: .utf8)
    #expect(quarantine.contains(",3,2,order_date,2024-01-32,"))
}

@Test func inspectOtherFileKinds() throws {
    let folder = CommandLineHarness.folder()
    let path = CommandLineHarness.write(Array("customer_id,survey_date,nps\nA,2024-01-01,9\n".utf8), "s.csv", in: folder)
    let result = try CommandLineHarness.run(["inspect", "--surveys", path, "--json"])
    #expect(result.exitCode == 0)
    #expect(result.stdout.contains("\"kind\":\"surveys\""))
}

@Test func missingFileAndBadOptionAreUsageErrors() throws {
    let missing = try CommandLineHarness.run(["inspect", "--orders", "/nonexistent/o.csv"])
    #expect(missing.exitCode == 1)
    #expect(missing.stderr.contains("/nonexistent/o.csv: cannot read the file"))
    let badOption = try CommandLineHarness.run(["inspect", "--orders", "x.csv", "--delimiter", "pipe"])
    #expect(badOption.exitCode == 1)
    #expect(badOption.stderr.contains("The value 'pipe' is invalid for '--delimiter <delimiter>'"))
    #expect(badOption.stderr.contains("'comma', 'tab', 'semicolon' or 'whitespace'"), "the choices are listed")
    let unknownFlag = try CommandLineHarness.run(["inspect", "--bogus"])
    #expect(unknownFlag.exitCode == 1)
}

/// A gzip file cut off (a download that stopped, or only its 8-byte trailer missing) is said to be
/// damaged, not read as fewer rows or reported as a bad row.
@Test func aCutOffGzipFileIsDamaged() throws {
    let folder = CommandLineHarness.folder()
    var text = "customer_id,order_date,amount\n"
    for row in 0..<20_000 { text += "\(row % 977),2024-01-\(String(format: "%02d", row % 28 + 1)),\(row % 100).5\n" }
    let plain = CommandLineHarness.write(Array(text.utf8), "o.csv", in: folder)
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    gzip.arguments = ["gzip", "-k", "-f", plain]
    try gzip.run()
    gzip.waitUntilExit()
    let whole = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz"))
    #expect(try CommandLineHarness.run(["inspect", "--orders", plain + ".gz"]).exitCode == 0)
    for (name, bytes) in [("half.csv.gz", whole.prefix(whole.count / 2)), ("notrailer.csv.gz", whole.dropLast(8))] {
        let path = CommandLineHarness.write(Array(bytes), name, in: folder)
        let result = try CommandLineHarness.run(["inspect", "--orders", path])
        #expect(result.exitCode == 1 && result.stderr.contains("\(name): the file is damaged"), "\(name): \(result.stderr)")
    }
}

/// A named pipe nobody writes to reads as empty (exit 1), instead of hanging; a folder is refused.
@Test func aFIFOWithoutAWriterAndAFolderDoNotHang() throws {
    let folder = CommandLineHarness.folder()
    #expect(mkfifo(folder + "/pipe", 0o600) == 0)
    let pipe = try CommandLineHarness.run(["inspect", "--orders", folder + "/pipe"])
    #expect(pipe.exitCode == 1 && pipe.stderr.contains("pipe:1: the file is empty"), "\(pipe.stderr)")
    let directory = try CommandLineHarness.run(["inspect", "--orders", folder])
    #expect(directory.exitCode == 1 && directory.stderr.contains("is a directory"), "\(directory.stderr)")
}

/// Quantity × unit price beyond any number (or any amount beyond ±1e15) is a located bad row, never `inf`
/// in a total or a crash printing it.
@Test func anAmountThatOverflowsIsALocatedBadRow() throws {
    let folder = CommandLineHarness.folder()
    let path = CommandLineHarness.write(Array("""
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        1,a,b,1e200,2011-01-01 10:00,1e200,1,UK

        """.utf8), "o.csv", in: folder)
    let result = try CommandLineHarness.run(["inspect", "--orders", path])
    #expect(result.exitCode == 1 && result.stderr.contains("o.csv:2:4: column \"Quantity\""), "\(result.stderr)")
}

/// Amounts print at any size: sums beyond integer cents (9e16) and beyond Int (a million lines of 1e15)
/// are whole numbers with separators, never a trap converting to Int.
@Test func moneyPrintsAnySum() {
    #expect(money(8_300_065.814) == "8,300,065.81" && money(-0.5) == "-0.50")
    #expect(wholeMoney(8_300_065.814) == "8,300,066" && wholeMoney(-0.4) == "0")
    #expect(money(1e21) == "1,000,000,000,000,000,000,000" && wholeMoney(-1e21) == "-1,000,000,000,000,000,000,000")
    #expect(wholeMoney(.nan) == "nan" && money(.infinity) == "inf")
}

@Test func severalFilesAreInspectedInTurn() throws {
    let both = try CommandLineHarness.run(["inspect", "--orders", sampleData + "/orders.csv", "--surveys", sampleData + "/surveys.csv", "--json"])
    #expect(both.exitCode == 0, "\(both.stderr)")
    let reports = try #require(try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [[String: Any]])
    #expect(reports.map { $0["kind"] as? String } == ["orders", "surveys"])
    let one = try CommandLineHarness.run(["inspect", "--orders", sampleData + "/orders.csv", "--json"])
    #expect((try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])?["kind"] as? String == "orders",
            "one file: one object, as before")
    let none = try CommandLineHarness.run(["inspect"])
    #expect(none.exitCode == 1 && none.stderr.contains("give a file to inspect"))
}
