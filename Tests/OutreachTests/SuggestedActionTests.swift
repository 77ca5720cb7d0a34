import Testing
@testable import Outreach

@Test func actionsNamedInTheBrief() {
    #expect(SuggestedAction.action(cell: "churn candidate", list: .retention, language: .en)
        == "Call to recover: apologise, resolve the complaint, offer a win-back benefit")
    #expect(SuggestedAction.action(cell: "loyal candidate", list: .upgrade, language: .en)
        == "Invite to the loyalty programme with a dedicated call or DM")
    #expect(SuggestedAction.action(cell: "loyal candidate", list: .upgrade, language: .ja)
        == "専用の電話またはDMでロイヤルティプログラムへ招待")
}

@Test func everyCellHasItsOwnActionPerListAndLanguage() {
    for list in CallListName.allCases {
        for language in ReasonLanguage.allCases {
            let actions = SuggestedAction.cells.map { SuggestedAction.action(cell: $0, list: list, language: language) }
            #expect(Set(actions).count == SuggestedAction.cells.count)
            let general = SuggestedAction.action(cell: "something else", list: list, language: language)
            #expect(!actions.contains(general))
            for action in actions + [general] { #expect(CallListWriter.cp932(action) != nil, "\(action)") }
        }
    }
    #expect(SuggestedAction.action(cell: "advocate", list: .retention, language: .en)
        != SuggestedAction.action(cell: "advocate", list: .upgrade, language: .en))
}

@Test func cellSpellingsAreReadLeniently() {
    for language in ReasonLanguage.allCases {
        #expect(SuggestedAction.action(cell: "high LTV, no answer", list: .retention, language: language)
            == SuggestedAction.action(cell: "high value, no answer", list: .retention, language: language))
        #expect(SuggestedAction.action(cell: " Low LTV, no answer", list: .upgrade, language: language)
            == SuggestedAction.action(cell: "low value, no answer", list: .upgrade, language: language))
    }
    #expect(SuggestedAction.action(cell: "", list: .upgrade, language: .en) == "Invite to the loyalty programme")
}
