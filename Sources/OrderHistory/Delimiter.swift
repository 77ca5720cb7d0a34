/// How fields are separated in a delimited text file.
public enum Delimiter: String, CaseIterable, Sendable {
    /// `,`
    case comma
    /// A tab character.
    case tab
    /// `;`
    case semicolon
    /// One or more spaces or tabs; leading and trailing blanks on a line are ignored.
    case whitespace

    /// The separator byte, or `nil` for runs of whitespace.
    var byte: UInt8? {
        switch self {
        case .comma: return UInt8(ascii: ",")
        case .tab: return UInt8(ascii: "\t")
        case .semicolon: return UInt8(ascii: ";")
        case .whitespace: return nil
        }
    }

    /// Guesses the delimiter from a header line: the most frequent of comma, tab and semicolon outside
    /// quotes, or runs of whitespace when none of those appear.
    static func detect(headerLine: some Collection<UInt8>) -> Delimiter {
        var counts: [Delimiter: Int] = [.comma: 0, .tab: 0, .semicolon: 0]
        var inQuotes = false
        var sawBlank = false
        for byte in headerLine {
            switch byte {
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: ",") where !inQuotes: counts[.comma, default: 0] += 1
            case UInt8(ascii: "\t") where !inQuotes: counts[.tab, default: 0] += 1
            case UInt8(ascii: ";") where !inQuotes: counts[.semicolon, default: 0] += 1
            case UInt8(ascii: " ") where !inQuotes: sawBlank = true
            default: break
            }
        }
        let best = [Delimiter.comma, .tab, .semicolon].max { counts[$0]! < counts[$1]! }!
        if counts[best]! > 0 { return best }
        return sawBlank ? .whitespace : .comma
    }
}
