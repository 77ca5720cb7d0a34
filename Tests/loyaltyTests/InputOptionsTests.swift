import Testing

@Test func encodingAndPolicyValuesAreChecked() throws {
    let badEncoding = try CommandLineHarness.run(["inspect", "--orders", "x.csv", "--encoding", "latin9"])
    #expect(badEncoding.exitCode == 1 && badEncoding.stderr.contains("'latin9' is invalid for '--encoding <encoding>'")
        && badEncoding.stderr.contains("'utf8', 'cp932' or 'auto'"))
    let badPolicy = try CommandLineHarness.run(["inspect", "--orders", "x.csv", "--on-bad-rows", "ignore"])
    #expect(badPolicy.exitCode == 1 && badPolicy.stderr.contains("'ignore' is invalid for '--on-bad-rows <on-bad-rows>'")
        && badPolicy.stderr.contains("'fail' and 'skip'"))
    let badDate = try CommandLineHarness.run(["inspect", "--orders", "x.csv", "--date-format", "dd.MM.yyyy"])
    #expect(badDate.exitCode == 1)
    let aliases = try CommandLineHarness.run(["inspect", "--orders", sampleData + "/orders.csv", "--encoding", "Shift_JIS", "--json"])
    #expect(aliases.exitCode == 0, "Shift_JIS names CP932: \(aliases.stderr)")
    let help = try CommandLineHarness.run(["calllist", "--help"])
    #expect(help.stdout.contains("(values: en, ja") && help.stdout.contains("(values: csv, json, xlsx)"), "--help lists the choices")
}
