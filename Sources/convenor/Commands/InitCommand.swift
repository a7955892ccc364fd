import ArgumentParser
import ConvenorCore
import Foundation

/// `convenor init ID --from EXAMPLE`: starts a group file from one of the installed examples.
///
/// The examples name real-looking JISCMail lists, so `make install` keeps them out of the live `groups/` folder;
/// this copies one in under the new id with its `list:` left empty, so `convenor check` insists on the group's own
/// list before anything could be posted.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new group file from an example (its list address is left for you to fill in).",
        discussion: """
            Writes groups/ID.yaml in the config folder, copied from the example you name, with `id:` set to ID \
            and `list:` emptied. Edit its name, chairs, list and meetings, then run `convenor check`. \
            Without --from, lists the examples.
            """
    )

    @OptionGroup var config: ConfigOptions

    @Argument(help: ArgumentHelp("The new group's id: lowercase letters, digits and hyphens.", valueName: "id"))
    var id: String?

    @Option(help: ArgumentHelp("The example to start from (its id).", valueName: "example"))
    var from: String?

    @Option(
        help: ArgumentHelp(
            "The folder holding the example groups (default: the installed examples/groups, or the repository's "
                + "config/groups).",
            valueName: "dir"
        )
    )
    var examples: String?

    func validate() throws {
        if let id, !GroupFile.isValidID(id) {
            throw ValidationError("'\(id)' cannot be a group id; use lowercase letters, digits and hyphens only")
        }
    }

    func run() throws {
        let examplesDirectory = try examples ?? Self.defaultExamples()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: examplesDirectory)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) }.sorted()
        guard let id, let from else {
            print("examples in \(examplesDirectory): \(names.joined(separator: ", "))")
            print("start a group with `convenor init NEW-ID --from \(names.first ?? "EXAMPLE")`")
            return
        }
        var standardError = StandardError()
        guard names.contains(from) else {
            let hint = Suggestion.closest(to: from, in: names).map { "did you mean '\($0)'? " } ?? ""
            print(
                "convenor: there is no example '\(from)' in \(examplesDirectory); \(hint)the examples are "
                    + names.joined(separator: ", "),
                to: &standardError
            )
            throw ExitCode(ExitCodes.failure)
        }
        let groups = config.directory + "/groups"
        let target = groups + "/\(id).yaml"
        guard !FileManager.default.fileExists(atPath: target) else {
            print("convenor: \(target) exists already; choose another id or edit that file", to: &standardError)
            throw ExitCode(ExitCodes.failure)
        }
        let text = try String(contentsOfFile: examplesDirectory + "/\(from).yaml", encoding: .utf8)
        try FileManager.default.createDirectory(atPath: groups, withIntermediateDirectories: true)
        try GroupFile.started(from: text, id: id).write(toFile: target, atomically: true, encoding: .utf8)
        print("wrote \(target) from the example \(from)")
        print(
            "next: write your list's posting address after `list:`, edit the name, chairs and meetings, "
                + "then run `convenor check`"
        )
    }

    /// `../share/convenor/examples/groups` beside an installed binary, else the repository's `config/groups`
    /// (the binary in `.build/debug`).
    static func defaultExamples() throws -> String {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0])
        // `.build/debug` is a link to `.build/<triple>/debug`: the repository is two or three folders up.
        let folders = [
            binary.deletingLastPathComponent(), binary.resolvingSymlinksInPath().deletingLastPathComponent(),
        ]
        let candidates = folders.flatMap { folder in
            ["../share/convenor/examples/groups", "../../config/groups", "../../../config/groups"].map {
                folder.appendingPathComponent($0).standardized.path
            }
        }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw ValidationError("no examples found beside convenor; pass --examples DIR")
        }
        return found
    }
}

/// A group file started from an example.
enum GroupFile {
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && !id.hasPrefix("-") && !id.hasSuffix("-")
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The example's text with its `id:` replaced and its `list:` emptied (with a note saying what goes there).
    static func started(from example: String, id: String) -> String {
        example.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("id:") { return "id: \(id)" }
            // Never the example's own list: a copied address would post to another group's members.
            if line.hasPrefix("list:") { return "list:     # your list's posting address, e.g. NAME@JISCMAIL.AC.UK" }
            return String(line)
        }.joined(separator: "\n")
    }
}
