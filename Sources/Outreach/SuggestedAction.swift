/// The two lists of a call list.
public enum CallListName: String, CaseIterable, Codable, Sendable {
    /// Customers likely to lapse, ranked by value at stake: call to keep them.
    case retention
    /// Customers one step from loyal, ranked by their loyal-candidate probability: call to invite them.
    case upgrade
}

/// What the caller should do, per LTV × NPS cell (`Segments.ltvNPSCell`) and list, in English or Japanese.
///
/// The cell says how valuable the customer is and how they feel (their last NPS class); the list says why
/// we call. A detractor is never offered a sale before the complaint is heard, a promoter is thanked, and
/// a passive high-value customer is the one to invite on the upgrade list.
public enum SuggestedAction {
    /// The cells `Segments.ltvNPSCell` produces, high value first.
    public static let cells = [
        "churn candidate", "loyal candidate", "loyal", "uncooperative", "indifferent", "advocate",
        "high value, no answer", "low value, no answer",
    ]

    /// The action for a customer in `cell` on `list`, e.g. for a churn candidate on the retention list:
    /// `Call to recover: apologise, resolve the complaint, offer a win-back benefit`.
    ///
    /// A cell this table does not know (a segment written by another tool) gets the list's general action.
    /// `high LTV, no answer` and `low LTV, no answer` are read as the `value` spellings.
    public static func action(cell: String, list: CallListName, language: ReasonLanguage) -> String {
        let (english, japanese) = phrases(cell: cell, list: list)
        return language == .en ? english : japanese
    }

    private static func phrases(cell: String, list: CallListName) -> (String, String) {
        switch (canonicalCell(cell), list) {
        case ("churn candidate", .retention):
            return ("Call to recover: apologise, resolve the complaint, offer a win-back benefit",
                    "回復のための電話: お詫びし、不満を解消し、再購入特典を案内")
        case ("churn candidate", .upgrade):
            return ("Resolve the complaint first, then offer a loyalty benefit",
                    "まず不満を解消し、その後に会員特典を案内")
        case ("loyal candidate", .retention):
            return ("Call to re-engage: thank them, ask what would make them recommend us, offer a comeback benefit",
                    "再来店を促す電話: 感謝を伝え、改善点を伺い、再購入特典を案内")
        case ("loyal candidate", .upgrade):
            return ("Invite to the loyalty programme with a dedicated call or DM",
                    "専用の電話またはDMでロイヤルティプログラムへ招待")
        case ("loyal", .retention):
            return ("Personal thank-you call: ask how they are and offer an exclusive benefit to come back",
                    "感謝の電話: 近況を伺い、限定特典で再来店を促す")
        case ("loyal", .upgrade):
            return ("Thank them and offer VIP status or early access",
                    "感謝を伝え、VIP待遇や先行案内を提供")
        case ("uncooperative", .retention):
            return ("Short service-recovery call: listen to the complaint and fix it; no sales offer",
                    "短いフォローの電話: 不満を伺って解消する (販売の提案はしない)")
        case ("uncooperative", .upgrade):
            return ("Resolve the complaint before making any offer",
                    "提案の前に不満を解消")
        case ("indifferent", .retention):
            return ("Light-touch call: tell them what is new and offer a small comeback coupon",
                    "軽いフォローの電話: 新商品を案内し、少額の再購入クーポンを提供")
        case ("indifferent", .upgrade):
            return ("Suggest a next purchase that fits their history, with a small incentive",
                    "購入履歴に合う次の商品を小さな特典付きで提案")
        case ("advocate", .retention):
            return ("Friendly call: thank them, suggest products they may like, offer a comeback coupon",
                    "感謝の電話: おすすめ商品を案内し、再購入クーポンを提供")
        case ("advocate", .upgrade):
            return ("Invite to the referral programme and suggest a larger next purchase",
                    "紹介プログラムへ招待し、次回のまとめ買いを提案")
        case ("high value, no answer", .retention):
            return ("Call to check in: ask how we are doing, then offer a win-back benefit",
                    "様子伺いの電話: ご意見を伺い、再購入特典を案内")
        case ("high value, no answer", .upgrade):
            return ("Invite to the loyalty programme and ask for their feedback",
                    "ロイヤルティプログラムへ招待し、ご意見を伺う")
        case ("low value, no answer", .retention):
            return ("Short reminder call with a comeback coupon",
                    "再購入クーポン付きの短いご案内の電話")
        case ("low value, no answer", .upgrade):
            return ("Suggest a next purchase with a small incentive and ask for their feedback",
                    "小さな特典付きで次の購入を提案し、ご意見を伺う")
        case (_, .retention):
            return ("Call to check in and offer a win-back benefit",
                    "様子伺いの電話をかけ、再購入特典を案内")
        case (_, .upgrade):
            return ("Invite to the loyalty programme",
                    "ロイヤルティプログラムへ招待")
        }
    }

    /// The cell in `Segments.ltvNPSCell`'s spelling: trimmed, lowercased, `LTV` read as `value`.
    private static func canonicalCell(_ cell: String) -> String {
        let lowered = cell.lowercased().trimmingBlanks()
        switch lowered {
        case "high ltv, no answer": return "high value, no answer"
        case "low ltv, no answer": return "low value, no answer"
        default: return lowered
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
