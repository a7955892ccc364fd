import Foundation
import Testing

/// Reads golden files from the test bundle; with CONVENOR_RECORD_GOLDEN=1 writes them into the source tree instead.
enum GoldenFiles {
    static func compare(_ actual: [UInt8], to name: String, filePath: String = #filePath) throws {
        if ProcessInfo.processInfo.environment["CONVENOR_RECORD_GOLDEN"] == "1" {
            let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/mail/\(name)")
            try Data(actual).write(to: url)
            return
        }
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let expected = try Data(contentsOf: fixtures.appendingPathComponent("mail/\(name)"))
        #expect(
            Array(expected) == actual,
            "\(name) differs from the golden file:\n\(String(decoding: actual, as: UTF8.self))"
        )
    }
}
