import Foundation
import Yams

/// Validates convenor.yaml and every group file, and builds the `Config` the schedule runs on.
///
/// Pure: the IO layer hands over the bytes (`ConfigFile`), so the same checks serve `convenor check`, the daemon's
/// start and reload, and tests. Every problem in every file is reported, each at its file, line and column.
package enum ConfigParser {
    /// Parses the installation file and the group files (in the order given; the IO layer sorts them).
    ///
    /// - Returns: the configuration (nil if any error was found) and every diagnostic, sorted by location.
    package static func parse(installation: ConfigFile, groups: [ConfigFile]) -> ConfigParseResult {
        var diagnostics: [Diagnostic] = []

        let installationReader = reader(for: installation)
        let parsedInstallation = ConfigDocument.compose(installation, reader: installationReader).flatMap {
            InstallationParser.parse($0, reader: installationReader)
        }
        diagnostics += installationReader.diagnostics

        // When convenor.yaml is broken the groups are still checked, against stand-in defaults, so one `check`
        // shows every problem. The config is refused anyway.
        let network = parsedInstallation?.network ?? ""
        let fallbackZone = parsedInstallation?.timeZone ?? TimeZone(identifier: "UTC")!
        let defaults = parsedInstallation?.mailings ?? MailingTiming.defaults

        var parsedGroups: [Group] = []
        var firstSeen: [String: SourceLocation] = [:]
        for file in groups {
            let groupReader = reader(for: file)
            guard let root = ConfigDocument.compose(file, reader: groupReader) else {
                diagnostics += groupReader.diagnostics
                continue
            }
            let parsed = GroupParser.parse(
                root,
                reader: groupReader,
                fileStem: ConfigPath.stem(of: file.absolutePath),
                network: network,
                fallbackZone: fallbackZone,
                defaults: defaults,
                groupCredentials: parsedInstallation?.groupCredentials
            )
            diagnostics += groupReader.diagnostics
            if let (id, location) = parsed.id {
                if let earlier = firstSeen[id] {
                    diagnostics.append(
                        .error(
                            at: location,
                            "the group id `\(id)` is already used by \(earlier.file) (line \(earlier.line))",
                            fix: "give each group its own id; ids must differ across all files in groups/"
                        )
                    )
                    continue
                }
                firstSeen[id] = location
            }
            if let group = parsed.group { parsedGroups.append(group) }
        }

        diagnostics.sortForReport()
        guard !diagnostics.containsErrors, let parsedInstallation else {
            return ConfigParseResult(config: nil, diagnostics: diagnostics)
        }
        let config = Config(installation: parsedInstallation, groups: parsedGroups.sorted { $0.id < $1.id })
        return ConfigParseResult(config: config, diagnostics: diagnostics)
    }

    private static func reader(for file: ConfigFile) -> NodeReader {
        NodeReader(file: file.displayPath, directory: ConfigPath.directory(of: file.absolutePath))
    }
}
