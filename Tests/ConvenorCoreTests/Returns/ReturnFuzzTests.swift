import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// Seeded mutations of the real samples: cut, duplicated, byte-flipped and boundary-broken copies must parse and
/// classify without crashing, within the size limits, and a notice classified at all is tied to its mailing only
/// through the fields it carries.
@Suite struct ReturnFuzzTests {
    static let files = [
        "mailman3-hold-notice.eml", "mailman3-list-copy.eml", "postfix-dsn-unknown-user.eml", "delay-dsn.eml",
        "sympa-authorization-denied.eml", "mlmmj-deny-post.eml", "listserv-confirm-posting.eml",
        "google-groups-pending.eml",
    ]

    static func mutate(_ bytes: [UInt8], _ generator: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: bytes = Array(bytes[..<at])
            case 1: bytes[at] = UInt8.random(in: 0...255, using: &generator)
            case 2: bytes.insert(contentsOf: Array("\r\n--".utf8), at: at)
            case 3: bytes.insert(contentsOf: Array("=?utf-8?b?////?= =?x?q?=ZZ?=".utf8), at: at)
            case 4: bytes += bytes[at...].prefix(4096)
            default: bytes.insert(contentsOf: Array("\nContent-Type: multipart/mixed; boundary=\"\"\n\n".utf8), at: at)
            }
        }
        return bytes
    }

    @Test(
        "2,000 seeded mutations of the samples parse and classify without crashing",
        arguments: [1, 2, 3, 4] as [UInt64]
    )
    func mutations(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let samples = try Self.files.map { Array(try ReturnClassifierTests.sampleData($0)) }
        for round in 0..<500 {
            let bytes = Self.mutate(samples[round % samples.count], &generator)
            let message = InboundMessage(bytes: bytes)
            #expect(message.parts.count <= InboundMessage.maximumParts, "seed \(seed) round \(round)")
            #expect(message.headers.count <= InboundMessage.maximumHeaderFields)
            // Whatever Message-ID a notice is tied by must be one written in the bytes, never made up.
            if let id = ReturnClassifier.classify(message)?.quotedMessageID {
                #expect(String(decoding: bytes, as: UTF8.self).contains(id), "seed \(seed) round \(round)")
            }
        }
    }

    @Test("random bytes never crash the reader and are never taken for a notice")
    func noise() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<60 {
            let bytes = (0..<Int.random(in: 0..<2000, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            #expect(ReturnClassifier.classify(InboundMessage(bytes: bytes)) == nil)
        }
    }
}
