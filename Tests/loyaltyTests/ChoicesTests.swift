import Foundation
import OrderHistory
import Testing
@testable import loyalty

@Test func encodingsHaveTheirUsualNames() {
    #expect(TextEncoding(argument: "Shift_JIS") == .cp932 && TextEncoding(argument: "windows-31j") == .cp932)
    #expect(TextEncoding(argument: "UTF-8") == .utf8 && TextEncoding(argument: "auto") == .auto)
    #expect(TextEncoding(argument: "latin1") == nil)
    #expect(TargetChoice(argument: "loyal-candidate") == .loyalCandidate && TargetChoice(argument: "loyal_candidate") == nil)
}

@Test func requireNamesTheOneSettingAtFault() throws {
    try require(true, "--gbdt-leaves", 31, expected: "2 or more")
    #expect { try require(false, "--gbdt-leaves", 1, expected: "2 or more") } throws: {
        ($0 as! UsageError).message == "--gbdt-leaves 1: expected 2 or more"
    }
}

@Test func negativeNumbersAreJoinedToTheFlagThatTakesThem() {
    #expect(CommandFlags.joiningNegativeNumbers(["calllist", "--capacity", "-1", "--quiet", "-"])
        == ["calllist", "--capacity=-1", "--quiet", "-"])
    #expect(CommandFlags.joiningNegativeNumbers(["calllist", "--out", "-", "--capacity", "5"])
        == ["calllist", "--out", "-", "--capacity", "5"], "- (standard output) is not a number")
    #expect(CommandFlags.joiningNegativeNumbers(["train", "--quiet", "-1"]) == ["train", "--quiet", "-1"], "a switch takes no value")
}

@Test func negativeNumbersReachTheCommandsOwnCheck() throws {
    let capacity = try CommandLineHarness.run(["calllist", "--scores", "s.csv", "--capacity", "-1", "--out", "c.csv"])
    #expect(capacity.exitCode == 1 && capacity.stderr.contains("--capacity -1: expected 0 or more"), "\(capacity.stderr)")
    let leaves = try CommandLineHarness.run(["train", "--orders", "o.csv", "--models", "m", "--gbdt-leaves", "1"])
    #expect(leaves.exitCode == 1 && leaves.stderr == "error: --gbdt-leaves 1: expected 2 or more\n", "one setting at fault: \(leaves.stderr)")
    let rate = try CommandLineHarness.run(["ml", "fit", "--data", "d.csv", "--label", "y", "--out", "m.json", "--algorithm", "gbdt",
                                           "--learning-rate", "-0.5"])
    #expect(rate.exitCode == 1 && rate.stderr.contains("--learning-rate -0.5: expected more than 0"), "\(rate.stderr)")
}
