import ArgumentParser
import ConvenorCore

/// `--group ID` checked against the config, so a typo says which ids exist instead of printing nothing.
struct GroupFilter {
    let id: String?

    init(id: String?, config: Config) throws {
        if let id, config.group(id: id) == nil {
            let known = config.groups.map(\.id).joined(separator: ", ")
            throw ValidationError("no group '\(id)' in the config; write one of: \(known)")
        }
        self.id = id
    }

    func includes(_ mailing: Mailing) -> Bool {
        id == nil || mailing.key.group == id
    }
}
