import Features

/// The two lists of a call list.
public enum CallListName: String, CaseIterable, Codable, Sendable {
    /// Customers likely to lapse, ranked by expected value lost: call to keep them.
    case retention
    /// Customers one step from loyal, ranked by their loyal-candidate probability: call to invite them.
    case upgrade
}

/// What the caller should do, chosen together with the row's reasons so that the action never
/// contradicts them: a complaint is only mentioned when a survey score (NPS, CSAT, CES) is among the
/// reasons, a win-back offer only when the time since the last purchase is.
///
/// The action follows the strongest reason whose family has an action (survey scores first: a detractor
/// is never offered a sale before the complaint is heard); the RFM rank sets the tone (S and A get a
/// personal call and an exclusive benefit, B and C a lighter touch). `bench/calllist-check` checks each
/// code against the reasons' families.
public enum SuggestedAction: String, CaseIterable, Sendable {
    /// Retention, a survey answer among the reasons: apologise and resolve first.
    case recoverComplaint = "recover_complaint"
    /// Retention, the time since the last purchase: a comeback offer.
    case winBack = "win_back"
    /// Retention, fewer orders than before or than typical (a one-day buyer, orders down): ask and suggest,
    /// worded so that it fits both ("orders are slowing" is wrong for a customer who bought once).
    case reEngage = "re_engage"
    /// Retention, fewer touches (emails, visits, sessions): reconnect.
    case reconnect = "reconnect"
    /// Retention, returns: follow up on the returned goods.
    case returnsFollowUp = "returns_follow_up"
    /// Retention, a new customer: help with the next purchase.
    case onboard = "onboard"
    /// Retention, spending less: ask what changed.
    case valueCheckIn = "value_check_in"
    /// Retention, nothing particular stands out: a check-in call.
    case checkIn = "check_in"
    /// Upgrade, a survey answer among the reasons: resolve before any offer.
    case resolveComplaintFirst = "resolve_complaint_first"
    /// Upgrade, spend close to the loyal tier (or nothing particular): invite to the programme.
    case inviteLoyalty = "invite_loyalty"
    /// Upgrade, buying more often: suggest the next purchase.
    case suggestNextPurchase = "suggest_next_purchase"
    /// Upgrade, engaged (emails, visits, app): invite to a member event.
    case inviteEngagement = "invite_engagement"
    /// Upgrade, a new customer: a welcome offer.
    case welcomeOffer = "welcome_offer"

    /// A first purchase (or sign-up) at most this many days before the cutoff makes a new customer: the
    /// reasons say "(new customer)" and the action is a welcome by this one rule.
    public static let newCustomerDays = RFMFeatures.newCustomerDays

    /// The action for a row of `list` with `reasons` (strongest first), for a customer whose first
    /// purchase was `daysSinceFirstPurchase` days before the cutoff (`NaN` when unknown).
    ///
    /// A new customer (first purchase at most `newCustomerDays` ago) gets a welcome (`onboard`,
    /// `welcomeOffer`) whatever the model's reasons say, unless a survey score calls for the complaint
    /// first: "spending is down" or "it has been a while" is the wrong call to someone who bought for the
    /// first time last month, whose "low spend" is only a short history.
    public static func choose(list: CallListName, reasons: [ReasonFactor], rfmRank: String,
                              daysSinceFirstPurchase: Double = .nan) -> SuggestedAction {
        let named = reasons.filter { $0.feature != ReasonFactor.nothingStandsOutCode && !$0.feature.isEmpty }
        let descriptors = named.map { FeatureCatalog.descriptor(for: $0.feature) }
        // A complaint only when a survey *score* is among the reasons (reasons only name scores on the
        // unhappy side of typical); not answering surveys for long is a matter of engagement.
        if descriptors.contains(where: \.isSatisfactionScore) {
            return list == .retention ? .recoverComplaint : .resolveComplaintFirst
        }
        if isNewCustomer(daysSinceFirstPurchase: daysSinceFirstPurchase) {
            return list == .retention ? .onboard : .welcomeOffer
        }
        for (descriptor, reason) in zip(descriptors, named) {
            // Tenure calls for a welcome only when the customer is new (first purchase or sign-up at most
            // `newCustomerDays` ago); a long tenure is no reason for any particular action.
            if descriptor.family == .tenure && !(reason.value <= newCustomerDays) { continue }
            if let action = action(for: descriptor.family, list: list) { return action }
        }
        return list == .retention ? .checkIn : .inviteLoyalty
    }

    /// Whether a first purchase `daysSinceFirstPurchase` days before the cutoff makes a new customer (at
    /// most `newCustomerDays`; `NaN` is not new).
    public static func isNewCustomer(daysSinceFirstPurchase: Double) -> Bool {
        daysSinceFirstPurchase <= newCustomerDays
    }

    /// The action a family calls for on `list`; nil for families that call for none (contact, attributes).
    private static func action(for family: FeatureFamily, list: CallListName) -> SuggestedAction? {
        switch (family, list) {
        case (.recency, .retention): return .winBack
        case (.frequency, .retention), (.trend, .retention): return .reEngage
        case (.engagement, .retention), (.activity, .retention), (.satisfaction, .retention): return .reconnect
        case (.returns, .retention): return .returnsFollowUp
        case (.tenure, .retention): return .onboard
        case (.monetary, .retention): return .valueCheckIn
        case (.monetary, .upgrade): return .inviteLoyalty
        case (.frequency, .upgrade), (.trend, .upgrade): return .suggestNextPurchase
        case (.engagement, .upgrade), (.activity, .upgrade), (.satisfaction, .upgrade): return .inviteEngagement
        case (.tenure, .upgrade): return .welcomeOffer
        default: return nil
        }
    }

    /// Whether `rfmRank` is one of the top two ranks (a personal call, an exclusive benefit).
    static func isTopRank(_ rfmRank: String) -> Bool {
        rfmRank == Segments.topRankName || rfmRank == "A" || rfmRank == "loyal"
    }

    /// The action in words, its tone set by the RFM rank, in English or Japanese. Texts use only
    /// characters CP932 can hold.
    public func text(rfmRank: String, language: ReasonLanguage) -> String {
        let top = SuggestedAction.isTopRank(rfmRank)
        let (english, japanese): (String, String)
        switch self {
        case .recoverComplaint:
            (english, japanese) = ("Call to recover: apologise, resolve the complaint, then offer a benefit to come back",
                                   "回復のための電話: お詫びし、不満を解消してから再購入特典を案内")
        case .winBack:
            (english, japanese) = top
                ? ("Personal call: it has been a while; ask how they are and offer an exclusive win-back benefit",
                   "担当者からの電話: しばらくご購入がないため近況を伺い、限定の再購入特典を案内")
                : ("It has been a while: tell them what is new and offer a win-back coupon",
                   "しばらくご購入がないため新商品を案内し、再購入クーポンを提供")
        case .reEngage:
            (english, japanese) = top
                ? ("Personal call: ask how we are doing and suggest products that fit their history, to bring them back more often",
                   "担当者からの電話: ご意見を伺い、履歴に合う商品を提案して次のご購入につなげる")
                : ("Ask how we are doing and suggest a product that fits their history, to bring them back more often",
                   "ご意見を伺い、履歴に合う商品を提案して次のご購入につなげる")
        case .reconnect:
            (english, japanese) = ("They hear less from us: check their contact preferences and tell them what is new",
                                   "接点が減っているため連絡方法のご希望を確認し、新しいお知らせを案内")
        case .returnsFollowUp:
            (english, japanese) = ("Ask about the returned goods and help them find a better fit",
                                   "返品された商品について伺い、より合う商品探しを手伝う")
        case .onboard:
            (english, japanese) = top
                ? ("Personal welcome call for a new customer: thank them for their first orders and help with the next purchase",
                   "新規のお客様へ担当者からご挨拶の電話: 初回のご購入へのお礼を伝え、次回のご購入をサポート")
                : ("Welcome call for a new customer: help with the next purchase",
                   "新規のお客様へのご挨拶の電話: 次回のご購入をサポート")
        case .valueCheckIn:
            (english, japanese) = top
                ? ("Personal call: spending is down; ask what changed and offer a tailored benefit",
                   "担当者からの電話: ご購入額が減っているため理由を伺い、個別の特典を案内")
                : ("Spending is down: ask what changed and offer a small incentive",
                   "ご購入額が減っているため理由を伺い、小さな特典を案内")
        case .checkIn:
            (english, japanese) = ("Check-in call: ask how we are doing and what they need",
                                   "様子伺いの電話: ご意見とご要望を伺う")
        case .resolveComplaintFirst:
            (english, japanese) = ("Resolve the complaint first, then invite them to the loyalty programme",
                                   "まず不満を解消し、その後にロイヤルティプログラムへ招待")
        case .inviteLoyalty:
            (english, japanese) = top
                ? ("Thank them and invite them to the loyal tier with a dedicated call and an exclusive benefit",
                   "感謝を伝え、専用の電話と限定特典でロイヤル会員へ招待")
                : ("Invite to the loyalty programme: they are close to the loyal tier",
                   "ロイヤル会員まであと少しのため、ロイヤルティプログラムへ招待")
        case .suggestNextPurchase:
            (english, japanese) = ("Suggest a next purchase that fits their history, with bonus loyalty points",
                                   "購入履歴に合う次の商品をポイント特典付きで提案")
        case .inviteEngagement:
            (english, japanese) = ("Invite them to a member event or the app, where they are already active",
                                   "よく利用されているため会員イベントやアプリへ招待")
        case .welcomeOffer:
            (english, japanese) = ("Welcome call with an invitation to the loyalty programme",
                                   "ご挨拶の電話でロイヤルティプログラムへ招待")
        }
        return language == .en ? english : japanese
    }
}

/// The words of a call list other than reasons and actions, in English or Japanese: list names, risk,
/// segments, ranks.
public enum Wording {
    /// The list's name: `retention` / `離反防止`, `upgrade` / `ロイヤル化`.
    public static func listName(_ list: CallListName, language: ReasonLanguage) -> String {
        switch (list, language) {
        case (.retention, .en): return "retention"
        case (.upgrade, .en): return "upgrade"
        case (.retention, .ja): return "離反防止"
        case (.upgrade, .ja): return "ロイヤル化"
        }
    }

    /// The list's probability in words: retention `high risk (82%)` (high from 50%, medium from 25%,
    /// else low); upgrade `good chance (45%)` of becoming loyal (good from 40%, fair from 15%, else
    /// slight). The percentage is rounded half up.
    public static func risk(_ probability: Double, list: CallListName, language: ReasonLanguage) -> String {
        guard !probability.isNaN else { return "" }
        let percent = "\(Int((probability * 100).rounded(.toNearestOrAwayFromZero)))%"
        switch list {
        case .retention:
            let band = probability >= 0.5 ? 0 : (probability >= 0.25 ? 1 : 2)
            let words = language == .en ? ["high risk", "medium risk", "low risk"][band] : ["離反リスク高", "離反リスク中", "離反リスク低"][band]
            return "\(words) (\(percent))"
        case .upgrade:
            let band = probability >= 0.4 ? 0 : (probability >= 0.15 ? 1 : 2)
            let words = language == .en ? ["good chance", "fair chance", "slight chance"][band]
                : ["ロイヤル化の見込み高", "ロイヤル化の見込み中", "ロイヤル化の見込み低"][band]
            return "\(words) (\(percent))"
        }
    }

    /// The LTV × NPS cell in the language (`Segments.ltvNPSCells`; other text as it is).
    public static func segment(_ cell: String, language: ReasonLanguage) -> String {
        guard language == .ja else { return cell }
        return japaneseSegments[cell] ?? cell
    }

    private static let japaneseSegments = ["churn candidate": "離反予備軍 (高価値・批判者)", "high-value passive": "高価値・中立者",
                        "high-value promoter": "高価値・推奨者", "uncooperative": "非協力 (低価値・批判者)",
                        "indifferent": "無関心 (低価値・中立者)", "advocate": "支持者 (低価値・推奨者)",
                        "high value, no answer": "高価値・未回答", "low value, no answer": "低価値・未回答"]
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
