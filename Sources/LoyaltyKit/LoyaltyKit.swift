// The library's front door: one import for a Swift program that runs the weekly job itself (read a
// history, train, score, build the call list), with the same rules and outputs as the `loyalty` commands.
// The example is in LoyaltyKit.docc ("The weekly job in Swift") and runs in Tests/LoyaltyKitTests.

@_exported import Features
@_exported import LoyaltyModels
@_exported import OrderHistory
@_exported import Outreach
@_exported import ScoringCore
