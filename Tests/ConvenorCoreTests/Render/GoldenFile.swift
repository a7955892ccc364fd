import Foundation
import Testing

/// Compares text with a golden file under Tests/ConvenorCoreTests/Fixtures/render/, byte for byte.
///
/// A missing golden file is written and the test fails, so a new snapshot is always looked at before it counts.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/render")

    static func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        guard let expected = try? Data(contentsOf: url) else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("wrote missing golden file \(name); review it and run again", sourceLocation: sourceLocation)
            return
        }
        #expect(Data(actual.utf8) == expected, "differs from \(name)", sourceLocation: sourceLocation)
        if Data(actual.utf8) != expected {
            // Leave the actual text beside the golden one, so a diff shows what changed.
            try? Data(actual.utf8).write(to: url.appendingPathExtension("actual"))
        }
    }
}
