import Foundation
import Yams

/// Reads one `groups/<id>.yaml` into a `Group`, applying the installation's defaults.
enum GroupParser {
    static let schema = MappingSchema(
        what: "the group",
        example: "id: GROUP-ID",
        keys: [
            "id", "name", "type", "network", "remit", "chairs", "liaison", "institutions", "list", "timezone",
            "terms_of_reference", "cadence", "call_for_members", "meetings", "no_meeting", "mailings", "posting",
            "web",
        ],
        required: ["id", "name", "type", "list", "chairs"],
        redirected: [
            "windows": "put it under `cadence:`, e.g. `cadence: {windows: [Oct-Nov, Feb, Jun]}`",
            "propose": "put it under `cadence:`",
            "meeting": "write `meetings:` (a list, one entry per meeting)",
            "skip": "write `no_meeting:` (a list of windows), e.g. `no_meeting: [{window: Feb 2027, reason: ...}]`",
            "chair": "write `chairs:` (a list, even for one chair)",
        ].merging(PostingParser.misplacedKeys) { own, _ in own }
    )

    static let personSchemaKeys = ["name", "email", "institution"]

    /// What parsing one file yields: the group if it is whole, and its id for the duplicate check even if not.
    struct Parsed {
        var group: Group?
        var id: (value: String, location: SourceLocation)?
    }

    /// `fallbackZone` and `defaults` come from convenor.yaml (or stand-ins when that file is broken).
    static func parse(
        _ root: Node,
        reader: NodeReader,
        fileStem: String,
        network: String,
        fallbackZone: TimeZone,
        defaults: [MailingKind: MailingTiming],
        groupCredentials: Set<String>? = nil
    ) -> Parsed {
        // A missing id is best fixed with the file's own name (what the warning below would ask for anyway).
        var schema = schema
        schema.examples["id"] = fileStem
        guard let map = reader.mapping(root, schema) else { return Parsed() }
        let id = map["id"].flatMap { slug($0, reader: reader, fileStem: fileStem) }
        let name = map["name"].flatMap { reader.text($0, key: "name") }
        let type = map["type"].flatMap { groupType($0, reader: reader) }
        let groupNetwork = map["network"].flatMap { reader.text($0, key: "network") } ?? network
        let remit = map["remit"].flatMap { reader.text($0, key: "remit") } ?? ""
        let chairs = map["chairs"].flatMap { readChairs($0, reader: reader) }
        let liaison = map["liaison"].map { person($0, what: "the liaison", reader: reader) }
        let institutions = map["institutions"].flatMap { reader.textList($0, key: "institutions")?.map(\.0) } ?? []
        let list = map["list"].flatMap { reader.email($0, key: "list") }
        let zone = map["timezone"].map { reader.timeZone($0, key: "timezone") } ?? fallbackZone
        let terms = map["terms_of_reference"].map { readTerms($0, reader: reader) }
        let cadence = map["cadence"].map { CadenceParser.cadence($0, reader: reader) }
        let callForMembers = map["call_for_members"].map { CadenceParser.callForMembers($0, reader: reader) }
        let meetings =
            map["meetings"].flatMap {
                CadenceParser.meetings($0, reader: reader, cadence: cadence ?? nil)
            } ?? []
        if let zone { checkClockChanges(meetings, zone: zone, reader: reader) }
        let windowSkips = map["no_meeting"].map {
            NoMeetingParser.parse($0, reader: reader, cadence: cadence ?? nil, meetings: meetings)
        }
        var mailings = defaults
        if let node = map["mailings"] { mailings.merge(reader.mailings(node)) { _, new in new } }
        // Nil only when a `posting:` block is present and wrong (already reported).
        let posting: PostingProfile? =
            map["posting"].map {
                PostingParser.parse($0, reader: reader, groupCredentials: groupCredentials)
            } ?? PostingProfile()
        if let list, let posting, let listNode = map["list"] {
            PostingParser.checkSubscribedSender(list: list, listNode: listNode, profile: posting, reader: reader)
            PostingParser.checkGoogleGroupExpiry(
                list: list,
                listNode: listNode,
                profile: posting,
                mailings: mailings,
                reader: reader
            )
        }

        let listing = map["web"].map { WebParser.parseListing($0, reader: reader) } ?? PublicListing()

        let idEntry = id.flatMap { id in map["id"].map { (id, reader.location($0)) } }
        guard let id, let name, let type, let chairs, let list, let zone, let posting, !reader.hasErrors else {
            return Parsed(group: nil, id: idEntry)
        }
        let group = Group(
            id: id,
            name: name,
            type: type,
            network: groupNetwork,
            remit: remit,
            chairs: chairs,
            liaison: liaison ?? nil,
            institutions: institutions,
            list: list,
            timeZone: zone,
            termsOfReference: terms ?? nil,
            cadence: cadence ?? nil,
            callForMembers: callForMembers ?? nil,
            meetings: meetings,
            mailings: mailings,
            posting: posting,
            source: SourceLocation(file: reader.file, line: 1, column: 1)
        )
        var listed = group
        listed.listing = listing
        listed.windowSkips = windowSkips.flatMap { $0 } ?? [:]
        return Parsed(group: listed, id: idEntry)
    }

    /// Lowercase letters, digits and hyphens; warns when it differs from the file name.
    private static func slug(_ node: Node, reader: NodeReader, fileStem: String) -> String? {
        guard let id = reader.text(node, key: "id") else { return nil }
        let allowed = id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard allowed, !id.hasPrefix("-"), !id.hasSuffix("-") else {
            let suggestion = id.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
            reader.error(
                node,
                "`\(id)` cannot be a group id",
                fix:
                    "use lowercase letters, digits and hyphens only, e.g. `\(String(suggestion).trimmingCharacters(in: ["-"]))`"
            )
            return nil
        }
        if id != fileStem {
            reader.warning(
                node,
                "the id `\(id)` differs from the file name `\(fileStem).yaml`",
                fix: "rename the file to `\(id).yaml` so the group is easy to find"
            )
        }
        return id
    }

    /// `SIG` or `CoP`, any case; letters that only look Latin are named.
    private static func groupType(_ node: Node, reader: NodeReader) -> GroupType? {
        guard let value = reader.text(node, key: "type") else { return nil }
        if let type = GroupType.allCases.first(where: { $0.rawValue.lowercased() == value.lowercased() }) {
            return type
        }
        let impostors = LookAlike.impostors(in: value)
        let latin = LookAlike.latin(value)
        if !impostors.isEmpty,
            let type = GroupType.allCases.first(where: { $0.rawValue.lowercased() == latin.lowercased() })
        {
            reader.error(
                node,
                "`\(value)` looks like `\(type.rawValue)` but contains non-Latin letters: \(impostors.joined(separator: ", "))",
                fix: "retype it on the keyboard as `type: \(type.rawValue)`"
            )
            return nil
        }
        reader.error(
            node,
            "unknown group type `\(value)`",
            fix: "write `SIG` (Special Interest Group) or `CoP` (Community of Practice)"
        )
        return nil
    }

    private static func readChairs(_ node: Node, reader: NodeReader) -> [Person]? {
        guard let items = reader.list(node, key: "chairs") else { return nil }
        guard !items.isEmpty else {
            reader.error(
                node,
                "a group needs at least one chair",
                fix: "add e.g. `- {name: FULL NAME, email: NAME@INSTITUTION.AC.UK}`"
            )
            return nil
        }
        let people = items.map { person($0, what: "a chair", reader: reader) }
        return people.contains(nil) ? nil : people.compactMap { $0 }
    }

    /// `{name: ..., email: ..., institution: ...}`.
    static func person(_ node: Node, what: String, reader: NodeReader) -> Person? {
        let schema = MappingSchema(
            what: what,
            example: "{name: FULL NAME, email: NAME@INSTITUTION.AC.UK}",
            keys: personSchemaKeys,
            required: ["name", "email"]
        )
        guard let map = reader.mapping(node, schema) else { return nil }
        let name = map["name"].flatMap { reader.text($0, key: "name") }
        let email = map["email"].flatMap { reader.email($0, key: "email") }
        let institution = map["institution"].flatMap { reader.text($0, key: "institution") }
        guard let name, let email else { return nil }
        return Person(name: name, email: email, institution: institution)
    }

    private static func readTerms(_ node: Node, reader: NodeReader) -> TermsOfReference? {
        let schema = MappingSchema(
            what: "`terms_of_reference`",
            example: "terms_of_reference: {created: 2025-07-01, updated: 2025-09-01}",
            keys: ["created", "updated"],
            required: ["created"]
        )
        guard let map = reader.mapping(node, schema) else { return nil }
        let created = map["created"].flatMap { reader.date($0, key: "created") }
        let updated = map["updated"].map { reader.date($0, key: "updated") } ?? created
        guard let created, let updated else { return nil }
        if updated < created, let node = map["updated"] {
            reader.error(
                node,
                "the terms of reference were updated (\(updated)) before they were created (\(created))",
                fix: "check both dates"
            )
            return nil
        }
        return TermsOfReference(created: created, updated: updated)
    }
}
