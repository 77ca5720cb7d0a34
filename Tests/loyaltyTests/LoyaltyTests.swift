import Testing

@Test func helpShowsAnExamplePerCommandAndExitsZero() throws {
    let root = try CommandLineHarness.run(["--help"])
    #expect(root.exitCode == 0)
    #expect(root.stdout.contains("Exit codes"))
    for command in ["generate", "inspect"] {
        let help = try CommandLineHarness.run([command, "--help"])
        #expect(help.exitCode == 0)
        #expect(help.stdout.contains("loyalty \(command) --"), "\(command) --help shows an example")
    }
}

@Test func unknownCommandIsExitOne() throws {
    #expect(try CommandLineHarness.run(["frobnicate"]).exitCode == 1)
}
