import Foundation

/// Encodes text as CP932 (Shift_JIS with the Microsoft extensions, what Excel in Japan opens) one
/// character at a time, so that a character CP932 lacks (`𠮷`, an emoji) is replaced or reported instead
/// of failing the whole text.
///
/// Whether CP932 holds a character is decided by Foundation, as the rest of the project does: the
/// character must encode with `.shiftJIS` without loss and decode back to the same character. A
/// character made of several Unicode scalars (`é` written as `e` + U+0301, a flag, an emoji sequence) must
/// round-trip as a whole. Results are cached per Unicode scalar (and per such cluster) for the life of
/// the process; ASCII bytes pass through unchanged.
public enum CP932Encoder {
    /// The replacement used by default: `〓` (U+3013, GETA MARK, CP932 `0x81 0xAC`), the conventional mark
    /// for a character that could not be printed.
    public static let defaultReplacement: Character = "〓"

    /// The CP932 bytes of `text`, and the characters CP932 cannot hold, in the order they occur (once per
    /// occurrence).
    ///
    /// Each character CP932 cannot hold is written as `replacement` (if `replacement` itself is not in
    /// CP932, as `?`). With `replacement == nil` such characters are left out: the bytes are those of the
    /// mappable part only, and a caller that must not lose text fails on a non-empty `unmappable`.
    ///
    /// `"田中"` gives `[0x93, 0x63, 0x92, 0x86]`; `"𠮷田"` gives the bytes of `"〓田"` and `["𠮷"]`.
    ///
    /// - Complexity: O(length of `text`); each distinct non-ASCII character asks Foundation once per process.
    public static func encode(_ text: String, replacement: Character? = defaultReplacement) -> (bytes: [UInt8], unmappable: [Character]) {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) { return (Array(utf8), []) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var unmappable: [Character] = []
        var replacementBytes: [UInt8]?
        for character in text {
            if let encoded = cp932Bytes(of: character) {
                bytes.append(contentsOf: encoded)
                continue
            }
            unmappable.append(character)
            guard let replacement else { continue }
            if replacementBytes == nil {
                replacementBytes = cp932Bytes(of: replacement) ?? [UInt8(ascii: "?")]
            }
            bytes.append(contentsOf: replacementBytes!)
        }
        return (bytes, unmappable)
    }

    /// The CP932 bytes of one character, or nil when CP932 cannot hold it.
    static func cp932Bytes(of character: Character) -> [UInt8]? {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first {
            if scalar.isASCII { return [UInt8(scalar.value)] }
            return EncodingCache.shared.bytes(forScalar: scalar)
        }
        if scalars.allSatisfy(\.isASCII) { return Array(character.utf8) }  // "\r\n"
        return EncodingCache.shared.bytes(forCluster: String(character))
    }

    /// The CP932 bytes of `text` by Foundation, or nil unless they decode back to `text`.
    static func foundationCP932(_ text: String) -> [UInt8]? {
        guard let data = text.data(using: .shiftJIS, allowLossyConversion: false), !data.isEmpty,
              String(data: data, encoding: .shiftJIS) == text else { return nil }
        return Array(data)
    }

    /// Foundation's answers, shared by all threads.
    private final class EncodingCache: @unchecked Sendable {
        static let shared = EncodingCache()
        /// The most multi-scalar clusters remembered (names rarely hold any; this bounds odd inputs).
        static let maximumClusters = 4096

        private let lock = NSLock()
        /// Bytes per scalar; an empty array means CP932 cannot hold it.
        private var scalars: [UInt32: [UInt8]] = [:]
        private var clusters: [String: [UInt8]] = [:]

        func bytes(forScalar scalar: Unicode.Scalar) -> [UInt8]? {
            if let cached = lock.withLock({ scalars[scalar.value] }) { return cached.isEmpty ? nil : cached }
            let encoded = CP932Encoder.foundationCP932(String(Character(scalar)))
            lock.withLock { scalars[scalar.value] = encoded ?? [] }
            return encoded
        }

        func bytes(forCluster cluster: String) -> [UInt8]? {
            if let cached = lock.withLock({ clusters[cluster] }) { return cached.isEmpty ? nil : cached }
            let encoded = CP932Encoder.foundationCP932(cluster)
            lock.withLock {
                if clusters.count >= Self.maximumClusters { clusters.removeAll(keepingCapacity: true) }
                clusters[cluster] = encoded ?? []
            }
            return encoded
        }
    }
}
