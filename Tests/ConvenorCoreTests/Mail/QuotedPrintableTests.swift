import ConvenorCore
import Testing

@Suite struct QuotedPrintableTests {
    static func roundTrip(_ text: String) throws -> (encoded: String, decoded: String) {
        let normalised = MessageText.normalise(text)
        let encoded = QuotedPrintable.encode(normalised)
        let decoded = try #require(QuotedPrintable.decode(encoded))
        return (encoded, String(decoding: decoded, as: UTF8.self))
    }

    @Test(arguments: [
        String(repeating: "x", count: 2_000), String(repeating: "é", count: 2_000), String(repeating: "😀", count: 500),
        "trailing spaces   \nand tab\t\n", ".\n..\n. \nFrom the chairs\nFrom \n", "a=b =_convenor_ =3D\n",
        String(repeating: "e\u{301}", count: 700), "\u{0}nul and \u{7F} del\n", "mixed\r\nline\rends\n",
    ])
    func encodedLinesStayShortAndDecodeToTheNormalisedText(text: String) throws {
        let (encoded, decoded) = try Self.roundTrip(text)
        #expect(decoded == MessageText.normalise(text))
        for line in encoded.split(separator: "\r\n", omittingEmptySubsequences: false) {
            #expect(line.utf8.count <= 76)
            #expect(line.last != " " && line.last != "\t")
            #expect(!line.hasPrefix(".") && !line.hasPrefix("From "))
            #expect(!line.contains("=_"))
            // Each physical line holds whole UTF-8 sequences: it decodes to valid UTF-8 on its own.
            let bytes = try #require(
                QuotedPrintable.decode(line.hasSuffix("=") ? String(line.dropLast()) : String(line))
            )
            #expect(String(validating: bytes, as: UTF8.self) != nil, "\(line) splits a UTF-8 sequence")
        }
    }

    @Test func protectsDotsFromLinesAndTrailingWhiteSpace() throws {
        let (encoded, _) = try Self.roundTrip(".\nFrom the chairs\nend \n")
        #expect(encoded == "=2E\r\n=46rom the chairs\r\nend=20\r\n")
    }

    @Test func softBreaksComeBeforeTheLimitAndNeverInsideATriplet() throws {
        let (encoded, _) = try Self.roundTrip(String(repeating: "a", count: 74) + "é")
        #expect(encoded == String(repeating: "a", count: 74) + "=\r\n=C3=A9\r\n")
    }

    @Test func aDotAfterASoftBreakIsEncodedToo() throws {
        let (encoded, _) = try Self.roundTrip(String(repeating: "a", count: 75) + ".b")
        #expect(encoded == String(repeating: "a", count: 75) + "=\r\n=2Eb\r\n")
    }

    @Test(arguments: [
        ("plain ascii\n", MessageText.TransferEncoding.sevenBit), ("Zoë\n", .quotedPrintable),
        (String(repeating: "x", count: 77), .quotedPrintable), ("ends with space \n", .quotedPrintable),
        (".\n", .quotedPrintable), ("From me\n", .quotedPrintable), ("a=_b\n", .quotedPrintable),
        ("tab\there\n", .quotedPrintable), ("", .sevenBit),
    ])
    func sevenBitOnlyForShortSafeASCII(text: String, encoding: MessageText.TransferEncoding) {
        #expect(MessageText.transferEncoding(for: MessageText.normalise(text)) == encoding)
    }

    @Test func normalisingMakesEveryLineEndCRLFAndDropsNUL() {
        #expect(MessageText.normalise("a\nb\rc\r\nd\u{0}e") == "a\r\nb\r\nc\r\nde\r\n")
        #expect(MessageText.normalise("\r\r\n\n") == "\r\n\r\n\r\n")
    }

    @Test func base64RoundTripsAndWrapsAt76() throws {
        let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let lines = Base64.encodeLines(bytes)
        #expect(lines.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(try #require(Base64.decode(lines)) == bytes)
        #expect(Base64.encode(Array("hello world".utf8)) == "aGVsbG8gd29ybGQ=")
    }
}
