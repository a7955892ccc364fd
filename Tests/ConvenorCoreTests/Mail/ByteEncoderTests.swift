@testable import ConvenorCore
import Testing

/// The byte encoders (`MessageText.normalisedBytes`, `transferEncoding(forNormalised:)`,
/// `QuotedPrintable.encode(normalised:into:)`, `Base64.encodeLines(_:into:)`) against the `String` and `Character`
/// code they replaced (issue 16), kept below as `Reference`: the same text must give the same bytes.
@Suite struct ByteEncoderTests {
    /// Pieces that meet every rule: line ends of each kind, NUL, the characters quoted-printable protects, white
    /// space, multi-byte scalars and a combining mark, and runs long enough to need soft breaks.
    static let pieces = [
        "a", "From ", "From", ".", "..", " ", "\t", "=", "_", "=_", "é", "😀", "e\u{301}", "\r", "\n", "\r\n",
        "\u{0}", "\u{7F}", "F", String(repeating: "x", count: 70), String(repeating: "é", count: 30), "=?", "\u{2028}",
        "abc def", "\r\r\n\n",
    ]

    /// Deterministic texts made of `pieces`: a linear congruential generator, so a failure is the same every run.
    static let texts: [String] = {
        var state: UInt64 = 16
        var texts =
            pieces + [
                "", "plain ascii\n", String(repeating: "a", count: 74) + "é", String(repeating: "a", count: 75) + ".b",
            ]
        for _ in 0..<600 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let count = Int(state >> 58)
            for _ in 0..<count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            texts.append(text)
        }
        return texts
    }()

    @Test func normalisedBytesAreTheUTF8OfTheCharacterNormalisation() {
        for text in Self.texts {
            #expect(
                MessageText.normalisedBytes(text) == Array(Reference.normalise(text).utf8),
                "\(text.debugDescription)"
            )
            #expect(MessageText.normalise(text) == Reference.normalise(text))
        }
    }

    @Test func theTransferEncodingIsChosenAsBefore() {
        for text in Self.texts {
            let normalised = Reference.normalise(text)
            #expect(
                MessageText.transferEncoding(forNormalised: Array(normalised.utf8))
                    == Reference.transferEncoding(for: normalised),
                "\(text.debugDescription)"
            )
        }
    }

    @Test func quotedPrintableBytesAreTheSameAsBefore() {
        for text in Self.texts {
            let normalised = Reference.normalise(text)
            var output: [UInt8] = Array("head".utf8)
            QuotedPrintable.encode(normalised: Array(normalised.utf8), into: &output)
            #expect(output == Array(("head" + Reference.quotedPrintable(normalised)).utf8), "\(text.debugDescription)")
            // Text that is not normalised (a lone CR, a last line without CRLF) is split the same way too.
            #expect(QuotedPrintable.encode(text) == Reference.quotedPrintable(text), "\(text.debugDescription)")
        }
    }

    @Test(arguments: [0, 1, 2, 3, 56, 57, 58, 114, 1_000])
    func base64LinesAreTheSameAsBefore(count: Int) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var output: [UInt8] = [0x41]
        Base64.encodeLines(bytes, into: &output)
        #expect(output == [0x41] + Array(Reference.base64Lines(bytes).utf8))
        #expect(Base64.encodeLines(bytes) == Reference.base64Lines(bytes))
    }

    /// The code before issue 16, as it was.
    enum Reference {
        static func normalise(_ text: String) -> String {
            var output = String.UnicodeScalarView()
            var previousWasCR = false
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\r":
                    output.append(contentsOf: "\r\n".unicodeScalars)
                    previousWasCR = true
                    continue
                case "\n":
                    if !previousWasCR { output.append(contentsOf: "\r\n".unicodeScalars) }
                case "\u{0}":
                    break
                default:
                    output.append(scalar)
                }
                previousWasCR = false
            }
            var result = String(output)
            if !result.isEmpty && !result.hasSuffix("\r\n") { result += "\r\n" }
            return result
        }

        static func lines(of text: String) -> [Substring] {
            var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
            if lines.last?.isEmpty == true { lines.removeLast() }
            return lines
        }

        static func transferEncoding(for normalised: String) -> MessageText.TransferEncoding {
            if normalised.contains("=_") { return .quotedPrintable }
            for line in lines(of: normalised) {
                let bytes = line.utf8
                guard bytes.count <= 76, bytes.allSatisfy({ (0x20...0x7E).contains($0) }),
                    bytes.last != UInt8(ascii: " "), !line.hasPrefix("."), !line.hasPrefix("From ")
                else { return .quotedPrintable }
            }
            return .sevenBit
        }

        static func quotedPrintable(_ text: String) -> String {
            var output: [UInt8] = []
            for line in lines(of: text) {
                encodeLine(Array(line.utf8), into: &output)
                output += [0x0D, 0x0A]
            }
            return String(decoding: output, as: UTF8.self)
        }

        static func encodeLine(_ bytes: [UInt8], into output: inout [UInt8]) {
            var physical: [UInt8] = []
            var index = 0
            while index < bytes.count {
                let end = min(index + QuotedPrintable.sequenceLength(bytes[index]), bytes.count)
                let isLast = end == bytes.count
                var token = encodeSequence(bytes, index..<end, atLineStart: physical.isEmpty, isLast: isLast)
                if !physical.isEmpty, physical.count + token.count > (isLast ? 76 : 75) {
                    output += physical + [UInt8(ascii: "="), 0x0D, 0x0A]
                    physical = []
                    token = encodeSequence(bytes, index..<end, atLineStart: true, isLast: isLast)
                }
                physical += token
                index = end
            }
            output += physical
        }

        static func encodeSequence(_ bytes: [UInt8], _ range: Range<Int>, atLineStart: Bool, isLast: Bool) -> [UInt8] {
            var token: [UInt8] = []
            for position in range {
                token += encodeByte(
                    bytes,
                    at: position,
                    atLineStart: atLineStart && position == range.lowerBound,
                    isLast: isLast
                )
            }
            return token
        }

        static func encodeByte(_ bytes: [UInt8], at index: Int, atLineStart: Bool, isLast: Bool) -> [UInt8] {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                return isLast ? Hex.escape(byte, marker: UInt8(ascii: "=")) : [byte]
            case UInt8(ascii: "."):
                return atLineStart ? Hex.escape(byte, marker: UInt8(ascii: "=")) : [byte]
            case UInt8(ascii: "F"):
                let from = Array("From ".utf8)
                let startsFrom = bytes.count - index >= from.count && Array(bytes[index..<index + from.count]) == from
                return atLineStart && startsFrom ? Hex.escape(byte, marker: UInt8(ascii: "=")) : [byte]
            case UInt8(ascii: "="): return Hex.escape(byte, marker: UInt8(ascii: "="))
            case 0x21...0x7E: return [byte]
            default: return Hex.escape(byte, marker: UInt8(ascii: "="))
            }
        }

        static func base64Lines(_ bytes: [UInt8]) -> String {
            let encoded = Array(Base64.encode(bytes).utf8)
            var output = ""
            var start = 0
            while start < encoded.count {
                let end = min(start + 76, encoded.count)
                output += String(decoding: encoded[start..<end], as: UTF8.self) + "\r\n"
                start = end
            }
            return output
        }
    }
}
