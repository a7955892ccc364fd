import ConvenorTesting
import Foundation
import Testing

/// Runs `install.mk` into a DESTDIR with a stand-in binary, so the layout is checked without a release build.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/make"), "make is missing"))
struct InstallMakefileTests {
    @Test func installPlacesEveryFileWithThePrefixSubstituted() throws {
        let stage = try InstallStage()
        try stage.make("install")

        let binary = stage.root.appendingPathComponent("opt/convenor/bin/convenor").path
        #expect(FileManager.default.isExecutableFile(atPath: binary))
        let unit = try stage.read("etc/systemd/system/convenor.service")
        #expect(unit.contains("\nExecStart=/opt/convenor/bin/convenor run --config /etc/convenor\n"))
        #expect(!unit.contains("@PREFIX@"))
        let config = try stage.read("etc/convenor/convenor.yaml")
        #expect(config.contains("\ntemplates_dir: /opt/convenor/share/convenor/templates\n"))
        #expect(config.contains("\nstate_dir: /var/lib/convenor\n"))
        #expect(config.contains("\noutbox_dir: /var/lib/convenor/outbox\n"))
        #expect(try stage.read("opt/convenor/share/convenor/templates/agenda/subject.mustache") == "Agenda\n")
        #expect(try stage.read("opt/convenor/share/convenor/examples/convenor.yaml") == config)
        #expect(FileManager.default.fileExists(atPath: stage.path("opt/convenor/share/doc/convenor/OPERATOR.md")))
    }

    @Test func theExamplesAreInstalledAsExamplesAndTheLiveGroupsFolderStartsEmpty() throws {
        let stage = try InstallStage()
        try stage.make("install")

        #expect(try stage.read("opt/convenor/share/convenor/examples/groups/example-sig.yaml") == "id: example-sig\n")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: stage.path("etc/convenor/groups"), isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
        #expect(try FileManager.default.contentsOfDirectory(atPath: stage.path("etc/convenor/groups")) == [])
    }

    @Test func theChairsGuidesTheManPageAndCompletionsAreInstalled() throws {
        let stage = try InstallStage()
        try stage.make("install")

        let repository = InstallStage.repository
        #expect(
            try stage.read("opt/convenor/share/doc/convenor/CONFIG.md")
                == String(contentsOf: repository.appendingPathComponent("config/README.md"), encoding: .utf8)
        )
        #expect(
            try stage.read("opt/convenor/share/doc/convenor/TEMPLATES.md")
                == String(contentsOf: repository.appendingPathComponent("templates/README.md"), encoding: .utf8)
        )
        #expect(try stage.read("opt/convenor/share/man/man1/convenor.1") == ".TH CONVENOR 1\n")
        // The stand-in binary echoes its arguments: each shell's script comes from the binary itself.
        #expect(
            try stage.read("opt/convenor/share/bash-completion/completions/convenor")
                == "--generate-completion-script bash\n"
        )
        #expect(
            try stage.read("opt/convenor/share/zsh/site-functions/_convenor") == "--generate-completion-script zsh\n"
        )
        #expect(
            try stage.read("opt/convenor/share/fish/vendor_completions.d/convenor.fish")
                == "--generate-completion-script fish\n"
        )

        try stage.make("uninstall")
        #expect(!FileManager.default.fileExists(atPath: stage.path("opt/convenor/share/man/man1/convenor.1")))
        #expect(!FileManager.default.fileExists(atPath: stage.path("opt/convenor/share/zsh/site-functions/_convenor")))
    }

    @Test func theCredentialFileStartsEmptyAndRootOnly() throws {
        let stage = try InstallStage()
        try stage.make("install")

        let password = stage.path("etc/convenor/smtp-password")
        let attributes = try FileManager.default.attributesOfItem(atPath: password)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((attributes[.size] as? Int) == 0)
    }

    @Test func aSecondInstallKeepsTheOperatorsConfigurationAndPassword() throws {
        let stage = try InstallStage()
        try stage.make("install")
        try "network: Edited\n".write(
            toFile: stage.path("etc/convenor/convenor.yaml"),
            atomically: true,
            encoding: .utf8
        )
        try "secret".write(toFile: stage.path("etc/convenor/smtp-password"), atomically: true, encoding: .utf8)
        try "id: chess-sig\n".write(
            toFile: stage.path("etc/convenor/groups/chess-sig.yaml"),
            atomically: true,
            encoding: .utf8
        )

        try stage.make("install")

        #expect(try stage.read("etc/convenor/convenor.yaml") == "network: Edited\n")
        #expect(try stage.read("etc/convenor/smtp-password") == "secret")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: stage.path("etc/convenor/groups")) == ["chess-sig.yaml"]
        )
    }

    @Test func uninstallRemovesTheProgramButKeepsEtcConvenor() throws {
        let stage = try InstallStage()
        try stage.make("install")

        try stage.make("uninstall")

        #expect(!FileManager.default.fileExists(atPath: stage.path("opt/convenor/bin/convenor")))
        #expect(!FileManager.default.fileExists(atPath: stage.path("etc/systemd/system/convenor.service")))
        #expect(!FileManager.default.fileExists(atPath: stage.path("opt/convenor/share/convenor")))
        #expect(FileManager.default.fileExists(atPath: stage.path("etc/convenor/convenor.yaml")))
        #expect(FileManager.default.fileExists(atPath: stage.path("etc/convenor/smtp-password")))
    }
}

/// A temporary DESTDIR plus the inputs install.mk needs: a stand-in binary, templates and one group.
private final class InstallStage {
    let directory: URL
    var root: URL { directory.appendingPathComponent("stage") }
    static let repository = CheckCommandTests.repository

    init() throws {
        let files = FileManager.default
        directory = files.temporaryDirectory.appendingPathComponent("convenor-install-\(UUID().uuidString)")
        try files.createDirectory(
            at: directory.appendingPathComponent("templates/agenda"),
            withIntermediateDirectories: true
        )
        try files.createDirectory(at: directory.appendingPathComponent("groups"), withIntermediateDirectories: true)
        let template = directory.appendingPathComponent("templates/agenda/subject.mustache")
        try "Agenda\n".write(to: template, atomically: true, encoding: .utf8)
        try "id: example-sig\n".write(
            to: directory.appendingPathComponent("groups/example-sig.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let binary = directory.appendingPathComponent("convenor")
        try "#!/bin/sh\necho \"$*\"\n".write(to: binary, atomically: true, encoding: .utf8)
        try ".TH CONVENOR 1\n".write(
            to: directory.appendingPathComponent("convenor.1"),
            atomically: true,
            encoding: .utf8
        )
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
        // The Makefile's `deps` (apt) is not wanted here.
        try "deps:\n\t@true\ninclude \(Self.repository.path)/install.mk\n".write(
            to: directory.appendingPathComponent("wrapper.mk"),
            atomically: true,
            encoding: .utf8
        )
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func read(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }

    /// `make TARGET` from the repository root with this stage's DESTDIR and inputs; throws on a non-zero exit.
    func make(_ target: String) throws {
        let result = try Subprocess.run(
            "/usr/bin/make",
            [
                "--no-print-directory", "-s", "-C", Self.repository.path,
                "-f", directory.appendingPathComponent("wrapper.mk").path, target,
                "DESTDIR=\(root.path)", "PREFIX=/opt/convenor",
                // The stand-in binary with no sources to be older than: make never runs swift here.
                "CONVENOR_RELEASE_BIN=\(directory.appendingPathComponent("convenor").path)", "CONVENOR_SOURCES=",
                "CONVENOR_MAN_PAGE=\(directory.appendingPathComponent("convenor.1").path)",
                "CONVENOR_TEMPLATES=\(directory.appendingPathComponent("templates").path)",
                "CONVENOR_EXAMPLE_GROUPS=\(directory.appendingPathComponent("groups").path)",
            ]
        )
        #expect(result.status == 0, "make \(target) failed: \(result.stderr)")
        if result.status != 0 { throw CocoaError(.fileWriteUnknown) }
    }
}
