import Testing

@Test func encodingAndPolicyValuesAreChecked() throws {
    let badEncoding = try CommandLineHarness.run(["inspect", "--orders", "x.csv", "--encoding", "latin9"])
    #expect(badEncoding.exitCode == 1 && badEncoding.stderr.contains("utf8, cp932 or auto"))
    let badPolicy = try CommandLineHarness.run(["inspect", "--orders", "x.csv", "--on-bad-rows", "ignore"])
    #expect(badPolicy.exitCode == 1 && badPolicy.stderr.contains("fail or skip"))
    let badDate = try CommandLineHarness.run(["inspect", "--orders", "x.csv", "--date-format", "dd.MM.yyyy"])
    #expect(badDate.exitCode == 1)
}
