import Foundation
import Testing
@testable import Outreach

@Test func aFormatIsChosenByNameOrByTheExtension() {
    #expect(CallListFormats.all.map(\.name) == ["csv", "json", "xlsx"])
    #expect(CallListFormats.named("JSON")?.name == "json" && CallListFormats.named("ods") == nil)
    #expect(CallListFormats.forPath("out/list.json")?.name == "json")
    #expect(CallListFormats.forPath("list.TSV")?.name == "csv" && CallListFormats.forPath("list")?.name == "csv")
    #expect(CallListFormats.forPath("-")?.name == "csv", "standard output: the default")
    #expect(CallListFormats.forPath("list.xlsx")?.name == "xlsx")
    #expect(CallListFormats.forPath("list.ods") == nil, "no format has it")
    let extensions = CallListFormats.all.flatMap(\.extensions)
    #expect(Set(extensions).count == extensions.count, "an extension chooses one format")
}

@Test func eachFormatEncodesAsItsWriterDoes() throws {
    let scores = [TestScores.score("r", churn: 0.5, value: 100), TestScores.score("u", loyalCandidate: 0.25, value: 40)]
    let built = CallList.build(scores: scores, contacts: nil, settings: CallListSettings(capacity: 2))
    let options = CallListCSVOptions(encoding: .cp932, language: .ja)
    let csv = try CSVCallListFormat().encode(built, options: options, warnings: ["ignored"], fileName: "l.csv")
    #expect(csv.data == (try CallListWriter.csvData(built.entries, options: options, fileName: "l.csv")).0)
    let json = try JSONCallListFormat().encode(built, options: options, warnings: ["w"], fileName: "l.json")
    #expect(json.data == (try CallListWriter.jsonData(built, warnings: ["w"])) && json.replaced.isEmpty)
}
