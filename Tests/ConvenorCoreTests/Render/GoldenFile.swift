import Foundation
import Testing

/// Compares text with a golden file under Tests/ConvenorCoreTests/Fixtures/render/, byte for byte.
///
/// A missing golden file is written and the test fails, so a new snapshot is always looked at before it counts.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/render")

    static func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let url = directory.appendingPathComponent(name)
        guard let expected = try? Data(contentsOf: url) else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("wrote missing golden file \(name); review it and run again", sourceLocation: sourceLocation)
            return
        }
        guard Data(actual.utf8) != expected else { return }
        // Leave the actual text in a temporary file (not the source tree), so a diff shows what changed.
        let actualURL = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-golden-\(name)")
        try? Data(actual.utf8).write(to: actualURL)
        Issue.record("differs from \(name); see diff \(url.path) \(actualURL.path)", sourceLocation: sourceLocation)
    }
}
