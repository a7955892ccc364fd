import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// `PathConfinement`: what a group file may name, resolved the way the kernel will open it.
@Suite struct PathConfinementTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-confine-\(UUID())").path

    @discardableResult
    func make(_ relative: String, _ text: String = "minutes\n") throws -> String {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    var confinement: PathConfinement { PathConfinement(roots: [root + "/config/minutes", root + "/config/groups/g1"]) }

    @Test func aFileInsideAnAllowedFolderIsRead() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = try make("config/minutes/2026-11-12.md", "\u{FEFF}Minutes\n")
        #expect(try confinement.readText(path, maximumBytes: 1_000) == "Minutes\n")
        #expect(try confinement.presence(of: path) == .regularFile(bytes: 11))
        #expect(try confinement.presence(of: root + "/config/groups/g1/later.md") == .missing)
    }

    @Test func aPathOutsideOrASymlinkOutIsRefusedWithoutReading() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let secret = try make("smtp-password", "hunter2")
        try make("config/minutes/.keep")
        try FileManager.default.createSymbolicLink(
            atPath: root + "/config/minutes/link.md",
            withDestinationPath: secret
        )
        try FileManager.default.createSymbolicLink(atPath: root + "/config/minutes/dir", withDestinationPath: root)
        for path in [
            secret, root + "/config/minutes/link.md", root + "/config/minutes/dir/smtp-password",
            root + "/config/groups/g2/x.md",
        ] {
            #expect(throws: PathConfinementError.self) { try confinement.read(path, maximumBytes: 1_000) }
            #expect(throws: PathConfinementError.self) { try confinement.presence(of: path) }
        }
    }

    @Test func aFolderSwappedForASymlinkAfterTheCheckIsStillRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let secret = try make("elsewhere/notes.md", "secret")
        let inside = try make("config/minutes/sub/notes.md", "fine")
        let resolved = try confinement.resolve(inside)
        #expect(resolved.hasSuffix("/config/minutes/sub/notes.md"))
        // The folder becomes a symlink out between `resolve` and `open`: read resolves again and checks the
        // descriptor, so the other file is never returned.
        try FileManager.default.removeItem(atPath: root + "/config/minutes/sub")
        try FileManager.default.createSymbolicLink(
            atPath: root + "/config/minutes/sub",
            withDestinationPath: (secret as NSString).deletingLastPathComponent
        )
        #expect(throws: PathConfinementError.self) { try confinement.read(inside, maximumBytes: 1_000) }
    }

    @Test func notAFileTooLargeAndNotUTF8AreEachSaidSo() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try make("config/minutes/.keep")
        #expect(mkfifo(root + "/config/minutes/pipe.md", 0o644) == 0)
        #expect(throws: PathConfinementError(path: root + "/config/minutes/pipe.md", problem: .notARegularFile)) {
            try confinement.read(root + "/config/minutes/pipe.md", maximumBytes: 1_000)
        }
        let big = try make("config/minutes/big.md", String(repeating: "x", count: 2_000))
        #expect(throws: PathConfinementError(path: big, problem: .tooLarge(bytes: 2_000, limit: 1_000))) {
            try confinement.read(big, maximumBytes: 1_000)
        }
        let latin1 = root + "/config/minutes/latin1.md"
        try Data([0x63, 0x61, 0x66, 0xE9]).write(to: URL(fileURLWithPath: latin1))
        #expect(throws: PathConfinementError(path: latin1, problem: .notUTF8)) {
            try confinement.readText(latin1, maximumBytes: 1_000)
        }
    }

    @Test func aGroupMayUseMinutesItsOwnFolderAndTheOperatorsAllowedPaths() {
        var installation = Installation.fixture(configDirectory: "/srv/aln/config")
        installation.allowedPaths = ["/srv/aln/shared"]
        let roots = PathConfinement.forGroup(id: "rare-books", in: installation).roots
        #expect(roots == ["/srv/aln/config/minutes", "/srv/aln/config/groups/rare-books", "/srv/aln/shared"])
    }

    /// Resolving the shared folders once for all groups gives each group the confinement it gets alone, symlinks
    /// in the shared folders and in a group's own folder included.
    @Test func theConfinementOfManyGroupsAtOnceIsEachGroupsOwn() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try make("real-minutes/.keep")
        try make("shared/.keep")
        try make("elsewhere/.keep")
        try make("config/groups/.keep")
        try FileManager.default.createSymbolicLink(
            atPath: root + "/config/minutes",
            withDestinationPath: root + "/real-minutes"
        )
        try FileManager.default.createSymbolicLink(atPath: root + "/shared-link", withDestinationPath: root + "/shared")
        try FileManager.default.createSymbolicLink(
            atPath: root + "/config/groups/linked",
            withDestinationPath: root + "/elsewhere"
        )
        var installation = Installation.fixture(configDirectory: root + "/config")
        installation.allowedPaths = [root + "/shared-link", root + "/not-there/yet"]
        let confine = PathConfinement.forGroups(in: installation)
        for id in ["linked", "plain", "rare-books"] {
            #expect(confine(id) == PathConfinement.forGroup(id: id, in: installation), "\(id)")
        }
        #expect(confine("linked").roots.contains { $0.hasSuffix("/elsewhere") })
        #expect(confine("plain").roots.first?.hasSuffix("/real-minutes") == true)
    }
}

extension Installation {
    static func fixture(configDirectory: String) -> Installation {
        var installation = ConfigFixtures.installation()
        installation.configDirectory = configDirectory
        return installation
    }
}
