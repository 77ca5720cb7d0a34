import Features

/// Turns one reason factor (a feature, the customer's value, the typical value, the push on the score)
/// into plain words with the customer's own numbers, in English or Japanese.
///
/// The words come from the feature's descriptor, published by the family that computes the feature
/// (`FeatureCatalog`, `Guides/Features.md`): RFM, value, engagement for any event type, surveys,
/// customer attributes and their one-hot `name=level` columns; any other feature gets
/// `name: value (typical: t)`. A `NaN` value means "no data" and is said so ("no purchase yet",
/// "never answered a survey"). The typical value (the training median) is shown as `(typical: t)` unless
/// it is unknown (`NaN`) or reads the same as the customer's value.
///
/// Numbers: whole numbers with thousands separators (`12,300`), at most one decimal (`6.5`), ratios as
/// percentages (`60%`). Texts use only characters that CP932 can hold, so a call list in Japanese can be
/// written for Excel.
public enum ReasonText {
    /// The reason in plain words, e.g. `no purchase for 142 days (typical: 35)` or
    /// `最終購入から142日 (通常: 35日)`.
    ///
    /// The contribution's sign is not repeated in the words: the customer's numbers beside the typical
    /// ones say which way the factor pushes.
    public static func describe(_ factor: ReasonFactor, language: ReasonLanguage) -> String {
        // A reason read back from a scores file without its code keeps its words.
        if factor.feature.isEmpty { return factor.text }
        if factor.feature == ReasonFactor.nothingStandsOutCode {
            return language == .en ? "no single factor stands out (the overall pattern)" : "特に目立つ要因なし (全体的な傾向)"
        }
        return FeatureCatalog.descriptor(for: factor.feature).words(value: factor.value, typical: factor.typical,
                                                                    language: language)
    }

    /// `12,300`, `6.5`, `-1,234.6` (`ReasonWords.number`).
    static func number(_ value: Double) -> String { ReasonWords.number(value) }

    /// A ratio as a percentage of its magnitude: `-0.6` → `60%` (`ReasonWords.percent`).
    static func percent(_ ratio: Double) -> String { ReasonWords.percent(ratio) }
}
