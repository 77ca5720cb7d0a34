import Testing
@testable import LoyaltyModels

@Test func messagesRoundWithoutLocale() {
    #expect(rounded(12.3456, 2) == "12.35" && rounded(3, 1) == "3" && rounded(0.25, 3) == "0.25")
}
