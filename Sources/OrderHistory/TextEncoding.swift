import Foundation

/// The character encoding of an input file.
public enum TextEncoding: String, CaseIterable, Sendable {
    /// UTF-8, with or without a byte-order mark.
    case utf8
    /// Shift_JIS with Microsoft's extensions (code page 932), as Excel in Japan writes it.
    case cp932
    /// Decide from the bytes: UTF-8 when they are valid UTF-8, CP932 otherwise.
    case auto
}

/// Decodes field bytes to `String` under a file's encoding, settling `auto` at the first non-ASCII field.
///
/// ASCII is the same in both encodings, so files whose non-ASCII text is rare are decided the first time
/// it appears; from then on every field of the file is decoded the same way.
struct FieldDecoder {
    /// The encoding asked for; `auto` until the bytes decide it.
    private(set) var encoding: TextEncoding

    init(encoding: TextEncoding) {
        self.encoding = encoding
    }

    /// The text of `bytes`, or nil when they are not valid in the file's encoding.
    @inline(__always)
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var isASCII = true
        for byte in bytes where byte >= 0x80 {
            isASCII = false
            break
        }
        if isASCII { return String(decoding: bytes, as: UTF8.self) }
        switch encoding {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .cp932:
            return String(data: Data(buffer: bytes), encoding: .shiftJIS)
        case .auto:
            if let text = String(validating: bytes, as: UTF8.self) {
                encoding = .utf8
                return text
            }
            if let text = String(data: Data(buffer: bytes), encoding: .shiftJIS) {
                encoding = .cp932
                return text
            }
            return nil
        }
    }

    /// The text of `bytes`, with anything undecodable shown as replacement characters (for messages).
    mutating func decodeForMessage(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        decode(bytes) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// Why a field could not be decoded, in words.
    var problemDescription: String {
        switch encoding {
        case .utf8: return "not valid UTF-8; expected UTF-8 text (use --encoding cp932 for Shift_JIS files)"
        case .cp932: return "not valid Shift_JIS/CP932; expected CP932 text (use --encoding utf8 for UTF-8 files)"
        case .auto: return "neither valid UTF-8 nor Shift_JIS/CP932 text"
        }
    }
}
