import ConvenorCore
import Testing

@Suite struct ICalendarTextTests {
    @Test(arguments: [
        ("a, b; c\\d", "a\\, b\\; c\\\\d"), ("line1\r\nline2\nline3\rline4", "line1\\nline2\\nline3\\nline4"),
        ("tab\there", "tab\there"), ("nul\u{0}bell\u{7}del\u{7F}", "nul bell del "),
        ("Zoë – “quoted”", "Zoë – “quoted”"),
    ])
    func escapesTextValues(text: String, escaped: String) {
        #expect(ICalendarText.escape(text) == escaped)
    }

    @Test(arguments: [
        "DESCRIPTION:" + String(repeating: "é", count: 200), "SUMMARY:" + String(repeating: "😀", count: 90),
        "DESCRIPTION:" + String(repeating: "e\u{301}", count: 100),
        "X:" + "a" + String(repeating: "\u{300}", count: 60),
        "SUMMARY:" + String(repeating: "x", count: 300), "SUMMARY:short",
    ])
    func foldsAt75OctetsWithoutSplittingUTF8(line: String) throws {
        // Work on octets: "\r\n" is one Swift Character, and a space followed by a combining mark is another.
        let folded = Array(ICalendarText.fold(line).utf8)
        #expect(folded.suffix(2) == [0x0D, 0x0A])
        let physical = folded.dropLast(2).split(separator: 0x0A, omittingEmptySubsequences: false)
        var unfolded: [UInt8] = []
        for (index, part) in physical.enumerated() {
            let content = index < physical.count - 1 ? Array(part.dropLast()) : Array(part)  // drop the CR
            #expect(content.count <= 75)
            #expect(index == 0 || content.first == 0x20)
            #expect(String(validating: content, as: UTF8.self) != nil, "a fold splits a UTF-8 sequence")
            unfolded += index == 0 ? content : Array(content.dropFirst())
        }
        #expect(unfolded == Array(line.utf8))
    }

    @Test func foldsExactlyAtTheLimit() {
        let line = String(repeating: "a", count: 75) + "bc"
        #expect(ICalendarText.fold(line) == String(repeating: "a", count: 75) + "\r\n bc\r\n")
        #expect(
            ICalendarText.fold("ab" + String(repeating: "€", count: 25)) == "ab" + String(repeating: "€", count: 24)
                + "\r\n €\r\n"
        )
    }
}
