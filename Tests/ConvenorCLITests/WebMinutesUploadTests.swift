import ConvenorTesting
import Foundation
import Testing

/// Minutes uploaded as a file beside the paste box: only `.md` or `.txt`, at most 512 KB, UTF-8; the file's name
/// decides the format and is never kept.
@Suite struct WebMinutesUploadTests {
    @Test func aChairUploadsMinutesAndBadFilesAreRefusedInPlainWords() async throws {
        let installation = try WebConfirmTests.installation()
        defer { installation.cleanUp() }
        let (daemon, client, cookie) = try await WebServerTests.start(installation, signedInAs: "ann@test.example.org")
        defer { daemon.stop() }
        let path = "/chair/g3/minutes/2027-01"
        let form = try await client.get(path, headers: cookie)
        #expect(form.body.contains("enctype=\"multipart/form-data\"") && form.body.contains("type=\"file\""))
        let token = try WebConfirmTests.csrf(in: form.body)
        func upload(_ name: String, _ bytes: [UInt8], action: String = "draft") async throws -> WebClient.Reply {
            try await client.post(
                path,
                multipart: [("csrf", token), ("text", ""), ("format", "md"), ("action", action)],
                file: ("file", name, bytes),
                headers: cookie
            )
        }

        let latin1 = try await upload("minutes.txt", [0x4D, 0x69, 0x6E, 0xFC, 0x74, 0x65, 0x73, 0x0A])
        #expect(latin1.status == 422 && latin1.body.contains("is not UTF-8 text"), "\(latin1.body)")
        let word = try await upload("minutes.docx", Array("PK".utf8))
        #expect(word.status == 422 && word.body.contains("not a .md or .txt file"))
        let large = try await upload("minutes.md", Array(repeating: 0x61, count: 600 * 1024))
        #expect(large.status == 422 && large.body.contains("larger than 512 KB"))
        // A path in the name is only a name: nothing is read or written there, and it is never shown.
        let text = "\u{FEFF}# Minutes\r\n\r\nPresent: Ann, Bob.\r\n\r\n- Agreed the <catalogue> audit.\r\n"
        let preview = try await upload("../../etc/passwd.md", Array(text.utf8), action: "preview")
        #expect(preview.status == 200 && preview.body.contains("Present: Ann, Bob."), "\(preview.body)")
        #expect(!preview.body.contains("passwd"))
        let saved = try await upload("Minutes January.md", Array(text.utf8))
        #expect(saved.status == 303, "\(saved.body)")
        let page = try await client.get(path, headers: cookie)
        #expect(page.body.contains("Draft: kept here, not mailed."))
        #expect(
            page.body.contains(">\n# Minutes\n\nPresent: Ann, Bob.")
                || page.body.contains("># Minutes\n\nPresent: Ann, Bob."),
            "\(page.body)"
        )
        #expect(!page.body.contains("\u{FEFF}") && !page.body.contains("Minutes January"))
        // The paste box still works with the multipart form, and its token is checked as before.
        let pasted = try await client.post(
            path,
            multipart: [("csrf", token), ("text", "Plain minutes"), ("format", "txt"), ("action", "draft")],
            file: nil,
            headers: cookie
        )
        #expect(pasted.status == 303)
        let unsigned = try await client.post(
            path,
            multipart: [("text", "x"), ("action", "draft")],
            file: ("file", "m.md", Array("x".utf8)),
            headers: cookie
        )
        #expect(unsigned.status == 403)
        let log = try ConvenorBinary.run(["chairs", "export", "--config", installation.configDirectory])
        #expect(log.stdout.contains("Plain minutes") && log.stdout.contains("format: txt"), "\(log)")
    }
}
