import ConvenorCore
import Foundation

/// A Maildir on this machine (a relay that delivers locally): messages are files in `new/` and `cur/`; understood
/// ones are renamed into the Maildir++ sub-folder `.FOLDER/cur/` (which mail clients show as a folder). A rename
/// within one file system is atomic, so a crash leaves each message in exactly one place.
struct MaildirReturnsMailbox: ReturnsMailbox {
    let path: String
    let folder: String

    func fetch(skipping: Set<String>, limit: Int) async throws(ReturnsError) -> [ReturnsItem] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path + "/new", isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReturnsError(
                summary: "the returns Maildir \(path) has no new/ folder",
                fix: "name the Maildir folder itself (the one holding cur/, new/ and tmp/) in returns.mailbox"
            )
        }
        var items: [ReturnsItem] = []
        for sub in ["new", "cur"] {
            let names: [String]
            do {
                names = try manager.contentsOfDirectory(atPath: "\(path)/\(sub)")
            } catch {
                throw ReturnsError(
                    summary: "cannot list \(path)/\(sub): \(error.localizedDescription)",
                    fix: "let the convenor user read the returns Maildir"
                )
            }
            // Maildir names start with the delivery time, so sorting by name is oldest first.
            for name in names.sorted() where !name.hasPrefix(".") {
                let id = "\(sub)/\(name)"
                guard !skipping.contains(id), items.count < limit else { continue }
                guard let handle = FileHandle(forReadingAtPath: "\(path)/\(id)") else { continue }
                defer { try? handle.close() }
                let data = (try? handle.read(upToCount: InboundMessage.maximumBytes)) ?? nil
                items.append(ReturnsItem(id: id, bytes: data.map { [UInt8]($0) } ?? [], wasSeen: sub == "cur"))
            }
        }
        return items
    }

    func settle(understood: [ReturnsItem], left: [ReturnsItem]) async throws(ReturnsError) {
        guard !understood.isEmpty else { return }
        let target = "\(path)/.\(folder)"
        let manager = FileManager.default
        do {
            for sub in ["cur", "new", "tmp"] {
                try manager.createDirectory(
                    atPath: "\(target)/\(sub)",
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700]
                )
            }
        } catch {
            throw ReturnsError(
                summary: "cannot make the folder \(target): \(error.localizedDescription)",
                fix: "let the convenor user write to the returns Maildir, or name another returns.understood_folder"
            )
        }
        for item in understood {
            let name = String(item.id.split(separator: "/", maxSplits: 1).last ?? "")
            // A message moved out of new/ has been seen: Maildir marks that with the `:2,S` info suffix.
            let seenName = item.id.hasPrefix("new/") && !name.contains(":2,") ? name + ":2,S" : name
            guard rename("\(path)/\(item.id)", "\(target)/cur/\(seenName)") == 0 else {
                let reason = String(cString: strerror(errno))
                throw ReturnsError(
                    summary: "cannot move \(path)/\(item.id) to \(target)/cur/: \(reason)",
                    fix: "let the convenor user write to the returns Maildir"
                )
            }
        }
    }
}
