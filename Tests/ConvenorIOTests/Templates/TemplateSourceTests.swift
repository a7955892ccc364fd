import ConvenorCore
import ConvenorIO
import Foundation
import Testing

@Suite struct TemplateSourceTests {
    /// A fresh directory for one test, removed afterwards by the caller.
    static func makeDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "convenor-templates-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to relativePath: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func readsDefaultsAndGroupOverridesButNotOtherFiles() throws {
        let directory = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.write("---\nsubject: a\n---\nA\n", to: "agenda.mustache", in: directory)
        try Self.write("---\nsubject: b\n---\nB\n", to: "customer-services-cop/agenda.mustache", in: directory)
        try Self.write("# notes", to: "README.md", in: directory)
        try Self.write("swap", to: ".agenda.mustache.swp", in: directory)
        try Self.write("deep", to: "a/b/agenda.mustache", in: directory)

        let sources = try TemplateSource.read(directory: directory.path, displayPath: "templates")

        #expect(sources.directory == "templates")
        #expect(
            sources.files == [
                "agenda.mustache": "---\nsubject: a\n---\nA\n",
                "customer-services-cop/agenda.mustache": "---\nsubject: b\n---\nB\n",
            ]
        )
    }

    @Test func reportsAFileThatIsNotUTF8() throws {
        let directory = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A]).write(
            to: directory.appendingPathComponent("agenda.mustache")
        )

        #expect {
            try TemplateSource.read(directory: directory.path, displayPath: "templates")
        } throws: { error in
            (error as? TemplateError)?.description
                == "templates/agenda.mustache: error: the file is not UTF-8 text; save it as UTF-8 in your editor"
        }
    }

    @Test func reportsAMissingDirectory() {
        #expect {
            try TemplateSource.read(directory: "/nonexistent/convenor/templates", displayPath: "templates")
        } throws: { error in
            (error as? TemplateError)?.description
                == "templates: error: the templates directory does not exist; set templates_dir in convenor.yaml "
                + "to the folder that holds agenda.mustache and the others"
        }
    }

    @Test func theShippedTemplatesReadFromDiskPassTheChecker() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let sources = try TemplateSource.read(
            directory: root.appendingPathComponent("templates").path,
            displayPath: "templates"
        )

        #expect(sources.files.count == TemplateKind.all.count)
        #expect(TemplateChecker.check(sources).map(\.description) == [])
        #expect(throws: Never.self) { try TemplateRenderer(sources: sources) }
    }
}
