import ConvenorCore
import Testing

@Suite struct EncodedWordTests {
    @Test(arguments: [
        "Zoë Ó Súilleabháin", "Agenda – Customer Services CoP", "会议议程 日本語", "😀👩‍👩‍👧🇬🇧", "שלום مرحبا",
        String(repeating: "e\u{301}", count: 300), "a" + String(repeating: "\u{300}", count: 80),
        String(repeating: "Zoë ", count: 60),
    ])
    func encodedWordsDecodeToTheOriginalAndKeepTheirLimits(text: String) throws {
        let words = EncodedWord.encode(text)
        #expect(try #require(EncodedWord.decode(words.joined(separator: " "))) == text)
        for word in words {
            #expect(word.utf8.count <= 75)
            // Each word on its own is valid UTF-8: no sequence is split between two words.
            #expect(EncodedWord.decode(word) != nil, "\(word) splits a UTF-8 sequence")
        }
    }

    @Test func displayNameWithAccentsUsesReadableQEncoding() {
        #expect(EncodedWord.encode("Zoë Ó Súilleabháin") == ["=?UTF-8?Q?Zo=C3=AB_=C3=93_S=C3=BAilleabh=C3=A1in?="])
    }

    @Test func scriptsFarFromLatinUseBEncoding() {
        #expect(EncodedWord.encode("会议议程") == ["=?UTF-8?B?5Lya6K6u6K6u56iL?="])
    }

    @Test func aLongCharacterIsSplitBetweenScalarsWhenTheFirstWordIsShort() throws {
        let family = "👩‍👩‍👧‍👦"
        let words = EncodedWord.encode(family, firstLimit: 30)
        #expect(words[0].utf8.count <= 30)
        #expect(try #require(EncodedWord.decode(words.joined(separator: " "))) == family)
    }

    @Test func firstWordRespectsTheRoomLeftByTheHeaderName() {
        let words = EncodedWord.encode(String(repeating: "é", count: 40), firstLimit: 30)
        #expect(words[0].utf8.count <= 30)
        #expect(words.dropFirst().allSatisfy { $0.utf8.count <= 75 })
    }

    @Test("a subject that must fold is encoded whole, in whole words, so a list's [Tag] prefix leaves it clean")
    func foldedSubjectIsEncodedInWholeWords() throws {
        let message = MailSamples.chairsNotice
        let bytes = try MessageComposer().compose(message)
        let subject = try #require(MessageInvariants.headerValue("Subject", in: bytes))
        #expect(
            subject
                == "=?UTF-8?Q?Please_confirm_a_date_for_Customer_Services_CoP_?= =?UTF-8?Q?=E2=80=93_Oct=E2=80=93Nov_2026?="
        )
        #expect(try #require(EncodedWord.decode(subject)) == message.subject)
    }

    @Test func asciiTextThatLooksLikeAnEncodedWordIsEncoded() throws {
        var message = MailSamples.reminder
        message.subject = "Literal =?UTF-8?Q?x?= text"
        let subject = try #require(MessageInvariants.headerValue("Subject", in: try MessageComposer().compose(message)))
        #expect(subject == "Literal =?UTF-8?Q?=3D=3FUTF-8=3FQ=3Fx=3F=3D?= text")
    }
}
