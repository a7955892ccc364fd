import ConvenorCore

extension ConfigSource {
    /// Every file a group names, judged against the group's `PathConfinement` without reading it: outside the
    /// allowed folders, not a regular file, or larger than the minutes limit is an error at the line naming it, so
    /// `check` and a reload refuse it. A file that does not exist yet is fine (minutes are written after a meeting).
    static func confinementDiagnostics(_ config: Config) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let confine = PathConfinement.forGroups(in: config.installation)
        for group in config.groups {
            let confinement = confine(group.id)
            for meeting in group.meetings {
                guard let path = meeting.minutesPath else { continue }
                let location = meeting.minutesLocation ?? meeting.location
                do throws(PathConfinementError) {
                    guard case .regularFile(let bytes) = try confinement.presence(of: path) else { continue }
                    let limit = PathConfinement.minutesMaximumBytes
                    if bytes > limit {
                        throw PathConfinementError(path: path, problem: .tooLarge(bytes: bytes, limit: limit))
                    }
                    // Read now too, so a chair hears of a non-UTF-8 file before the mailing fails on it.
                    _ = try confinement.readText(path, maximumBytes: limit)
                } catch {
                    if case .notUTF8 = error.problem {
                        diagnostics.append(
                            .warning(at: location, "\(error.summary), so its mailing would fail", fix: error.fix)
                        )
                    } else {
                        diagnostics.append(.error(at: location, error.summary, fix: error.fix))
                    }
                }
            }
        }
        return diagnostics
    }
}
