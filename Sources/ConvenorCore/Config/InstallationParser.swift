import Foundation
import Yams

/// Reads `convenor.yaml` into an `Installation`, reporting every problem through the reader.
enum InstallationParser {
    static let schema = MappingSchema(
        what: "convenor.yaml",
        example: "network: Academic Libraries North",
        keys: [
            "network", "timezone", "from", "operator", "state_dir", "outbox_dir", "templates_dir", "send_time",
            "working_days", "closures", "mailings", "delivery", "web", "allowed_paths", "secrets_dir",
            "group_credentials", "ledger", "first_start_grace", "catch_up_since",
            "confirm_date_asks", "returns", "quiet_hours", "calendar_file",
        ],
        required: ["network", "timezone", "from", "operator"],
        forbidden: DeliveryParser.secretKeys,
        redirected: [
            "smtp": "put it under `delivery:` as `delivery: {transport: smtp, smtp: {...}}`",
            "transport": "put it under `delivery:`, e.g. `delivery: {transport: outbox}`",
        ]
    )

    /// Defaults where convenor.yaml says nothing, relative to the file (the repository's layout).
    static let defaultSendTime = LocalTime(hour: 9, minute: 0)!
    static let defaultWorkingDays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// The installation, or nil when a required setting is missing or wrong.
    static func parse(_ root: Node, reader: NodeReader) -> Installation? {
        guard let map = reader.mapping(root, schema) else { return nil }
        let network = map["network"].flatMap { reader.text($0, key: "network") }
        let zone = map["timezone"].flatMap { reader.timeZone($0, key: "timezone") }
        let from = map["from"].flatMap { node in
            reader.text(node, key: "from").flatMap { reader.check(node, MailAddress.parse($0)) }
        }
        let operatorAddress = map["operator"].flatMap { reader.email($0, key: "operator") }
        func directory(_ key: String, _ fallback: String) -> String {
            map[key].flatMap { reader.path($0, key: key) } ?? ConfigPath.resolve(fallback, against: reader.directory)
        }
        let state = directory("state_dir", "../state")
        let outbox = directory("outbox_dir", "../outbox")
        let templates = directory("templates_dir", "../templates")
        let sendTime = map["send_time"].map { reader.time($0, key: "send_time") } ?? defaultSendTime
        let workingDays = map["working_days"].map { readWorkingDays($0, reader: reader) } ?? defaultWorkingDays
        let closures = map["closures"].map { readClosures($0, reader: reader) } ?? []
        var mailings = MailingTiming.defaults
        if let node = map["mailings"] { mailings.merge(reader.mailings(node)) { _, new in new } }
        let delivery = map["delivery"].map { DeliveryParser.parse($0, reader: reader) } ?? Delivery()
        // `web:` present (even empty) turns the server on; a wrong block stops the start like any other error.
        // The reader drops keys with no value, so an empty `web:` is found in the raw mapping.
        let webNode = map.node.mapping?.first { $0.key.scalar?.string == "web" }?.value
        let web = webNode.map { WebParser.parse($0, reader: reader) }
        let ledgerNode = map["ledger"]
        let ledger = ledgerNode.map { LedgerParser.parse($0, reader: reader) }
        let returns = map["returns"].map { ReturnsParser.parse($0, reader: reader) }
        let allowedPaths = map["allowed_paths"].map { readAllowedPaths($0, reader: reader) } ?? []
        let secretsDirectory = map["secrets_dir"].flatMap { reader.path($0, key: "secrets_dir") }
        let groupCredentials =
            map["group_credentials"].map {
                readGroupCredentials($0, reader: reader, relay: delivery.map(relayCredentials) ?? [])
            } ?? []

        let firstStartGrace = map["first_start_grace"].map { readGrace($0, reader: reader) }
        let catchUpSince = map["catch_up_since"].flatMap { reader.date($0, key: "catch_up_since") }
        let confirmDateAsks = map["confirm_date_asks"].map { readConfirmDateAsks($0, reader: reader) }
        let quietHours = map["quiet_hours"].map { readQuietHours($0, sendTime: sendTime, reader: reader) }
        let calendarFile = map["calendar_file"].map { readCalendarFile($0, reader: reader) }

        guard let network, let zone, let from, let operatorAddress, let sendTime, let workingDays, let delivery,
            firstStartGrace != .some(nil), confirmDateAsks != .some(nil), quietHours != .some(nil),
            calendarFile != .some(nil)
        else {
            return nil
        }
        // A wrong `ledger:` must not fall back to the SQLite file: two instances would each send everything.
        if case .some(.none) = ledger { return nil }
        // A wrong `returns:` must not start a daemon that believes every accepted post reached the members.
        if case .some(.none) = returns { return nil }
        var installation = Installation(
            network: network,
            timeZone: zone,
            from: from,
            operatorAddress: operatorAddress,
            stateDirectory: state,
            outboxDirectory: outbox,
            templatesDirectory: templates,
            sendTime: sendTime,
            workingDays: workingDays,
            closures: closures,
            mailings: mailings,
            delivery: delivery,
            source: SourceLocation(file: reader.file, line: 1, column: 1),
            web: web ?? nil,
            configDirectory: reader.directory,
            allowedPaths: allowedPaths,
            secretsDirectory: secretsDirectory,
            groupCredentials: groupCredentials,
            ledger: ledger ?? nil,
            firstStartGrace: firstStartGrace.flatMap { $0 } ?? Installation.defaultFirstStartGrace,
            catchUpSince: catchUpSince,
            returns: returns ?? nil
        )
        installation.confirmDateAsks = confirmDateAsks.flatMap { $0 } ?? Installation.defaultConfirmDateAsks
        installation.quietHours = quietHours.flatMap { $0 } ?? .default
        installation.calendarFile = calendarFile ?? nil
        return installation
    }

    /// `quiet_hours: 20:00-07:00`: two times; `send_time` may not fall inside (on-time mail would wait forever).
    static func readQuietHours(_ node: Node, sendTime: LocalTime?, reader: NodeReader) -> QuietHours? {
        guard let value = reader.text(node, key: "quiet_hours") else { return nil }
        let parts = value.split { $0 == "-" || $0 == "–" }.map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = LocalTime(text: parts[0]), let end = LocalTime(text: parts[1]),
            start != end
        else {
            reader.error(
                node,
                "`\(value)` is not a span of quiet hours",
                fix: "write two different times on the 24-hour clock, e.g. `quiet_hours: \"20:00-07:00\"`"
            )
            return nil
        }
        let quiet = QuietHours(start: start, end: end)
        if let sendTime, quiet.contains(sendTime) {
            reader.error(
                node,
                "`send_time` \(sendTime) falls inside `quiet_hours` \(quiet), so mail could never go on time",
                fix: "end the quiet hours by \(sendTime), e.g. `quiet_hours: \"\(start)-\(sendTime)\"`"
            )
            return nil
        }
        return quiet
    }

    /// `calendar_file: /srv/www/aln/calendar.ics`: a file ending in `.ics`, relative to convenor.yaml's folder or
    /// absolute. The ending matters: web servers serve `.ics` as `text/calendar`, which calendar apps subscribe to.
    static func readCalendarFile(_ node: Node, reader: NodeReader) -> String? {
        guard let value = reader.text(node, key: "calendar_file") else { return nil }
        guard let fixed = calendarFileFix(value) else { return ConfigPath.resolve(value, against: reader.directory) }
        reader.error(
            node,
            "`calendar_file` should name a calendar file ending in .ics, not `\(value)`",
            fix: "write `calendar_file: \(fixed)`, in a folder your web server publishes"
        )
        return nil
    }

    /// The chair's own value made into a `.ics` file name (`feeds/` → `feeds/calendar.ics`, `aln.cal` →
    /// `aln.ics`), or nil when it already is one.
    static func calendarFileFix(_ value: String) -> String? {
        if value.isEmpty || value.hasSuffix("/") { return value + "calendar.ics" }
        let name = value.split(separator: "/").last.map(String.init) ?? value
        if name.lowercased().hasSuffix(".ics"), name.count > 4 { return nil }
        let folder = value.dropLast(name.count)
        let stem = name.firstIndex(of: ".").map { String(name[..<$0]) } ?? name
        return folder + (stem.isEmpty ? "calendar" : stem) + ".ics"
    }

    /// `confirm_date_asks: 3`: a whole number from 1 to 12 (`mailings: {confirm-date: off}` asks none).
    static func readConfirmDateAsks(_ node: Node, reader: NodeReader) -> Int? {
        guard let value = reader.text(node, key: "confirm_date_asks") else { return nil }
        guard let asks = Int(value), (1...12).contains(asks) else {
            reader.error(
                node,
                "`confirm_date_asks` should be a whole number from 1 to 12, not `\(value)`",
                fix: "write e.g. `confirm_date_asks: 3`; to send none, write `mailings: {confirm-date: off}`"
            )
            return nil
        }
        return asks
    }

    /// `first_start_grace: 1 day`: minutes, hours, days or weeks (a month has no fixed length); `0 days` is allowed.
    static func readGrace(_ node: Node, reader: NodeReader) -> TimeInterval? {
        guard let value = reader.text(node, key: "first_start_grace") else { return nil }
        let fix = "write a length in minutes, hours, days or weeks, e.g. `first_start_grace: 1 day`"
        guard case .success(let span) = DurationText.span(value) else {
            reader.error(node, "`\(value)` is not a length of time", fix: fix)
            return nil
        }
        guard span.months == 0 else {
            reader.error(node, "`first_start_grace` cannot be in months or years (their length varies)", fix: fix)
            return nil
        }
        return TimeInterval(span.days * 86_400 + span.minutes * 60)
    }

    /// `allowed_paths: [/srv/aln/minutes]`: folders beyond `minutes/` and `groups/<id>/` that group files may name
    /// files in. The whole file system is refused: it would let a chair mail /etc/shadow to a list.
    static func readAllowedPaths(_ node: Node, reader: NodeReader) -> [String] {
        guard let items = reader.textList(node, key: "allowed_paths") else { return [] }
        var paths: [String] = []
        for (value, item) in items {
            let path = ConfigPath.resolve(value, against: reader.directory)
            guard path != "/" else {
                reader.error(
                    item,
                    "`allowed_paths` may not allow the whole file system",
                    fix: "name the folder that holds the groups' files, e.g. `allowed_paths: [/srv/aln/minutes]`"
                )
                continue
            }
            paths.append(path)
        }
        return paths
    }

    /// The credential names the relay itself reads: never offered to a group, which could mail them to a list.
    static func relayCredentials(_ delivery: Delivery) -> Set<String> {
        guard case .smtp(let settings) = delivery.transport else { return [] }
        var names: Set<String> = []
        for source in [settings.password, settings.token] {
            if case .credential(let name) = source { names.insert(name) }
        }
        return names
    }

    /// `group_credentials: [rare-books-approved]`: the credentials groups may name, each a plain file name.
    static func readGroupCredentials(_ node: Node, reader: NodeReader, relay: Set<String>) -> Set<String> {
        guard let items = reader.textList(node, key: "group_credentials") else { return [] }
        var names: Set<String> = []
        for (value, item) in items {
            guard !value.isEmpty, !value.contains("/"), value != ".", value != ".." else {
                reader.error(
                    item,
                    "`\(value)` is not a credential name",
                    fix:
                        "write the name given to LoadCredential= (or a file name in `secrets_dir`), e.g. `rare-books-approved`"
                )
                continue
            }
            guard !relay.contains(value) else {
                reader.error(
                    item,
                    "`\(value)` is the relay's own credential; a group naming it would mail the relay's password to its list",
                    fix: "give each list's moderator password its own credential, e.g. `rare-books-approved`"
                )
                continue
            }
            names.insert(value)
        }
        return names
    }

    /// `[mon, tue, wed, thu, fri]`; full names are accepted too.
    static func readWorkingDays(_ node: Node, reader: NodeReader) -> Set<Weekday>? {
        if let text = node.scalar?.string, Weekday.parse(text) == nil,
            reader.reportProseList(node, key: "working_days", item: { Weekday.parse($0)?.rawValue })
        {
            return nil
        }
        guard let items = reader.textList(node, key: "working_days") else { return nil }
        var days: Set<Weekday> = []
        var valid = true
        for (value, item) in items {
            if let day = Weekday.parse(value) {
                days.insert(day)
            } else {
                valid = false
                let hint =
                    Suggestion.closest(to: value, in: Weekday.allCases.map(\.rawValue)).map { "did you mean `\($0)`? " }
                    ?? ""
                reader.error(
                    item,
                    "`\(value)` is not a day of the week",
                    fix: "\(hint)write mon, tue, wed, thu, fri, sat or sun"
                )
            }
        }
        guard valid else { return nil }
        guard !days.isEmpty else {
            reader.error(
                node,
                "`working_days` names no day, so nothing could ever be sent",
                fix: "write e.g. `working_days: [mon, tue, wed, thu, fri]`"
            )
            return nil
        }
        return days
    }

    /// `[2026-12-24..2027-01-01, 2027-04-02]`: single days or inclusive ranges.
    static func readClosures(_ node: Node, reader: NodeReader) -> [LocalDateRange] {
        guard let items = reader.textList(node, key: "closures") else { return [] }
        var ranges: [LocalDateRange] = []
        for (value, item) in items {
            let ends = value.components(separatedBy: "..").map(\.trimmingSpaces)
            guard (1...2).contains(ends.count) else {
                reader.error(
                    item,
                    "`\(value)` is not a day or a range of days",
                    fix: "write `2027-04-02` or `2026-12-24..2027-01-01`"
                )
                continue
            }
            guard let first = reader.check(item, NodeReader.parseDate(ends[0])),
                let last = reader.check(item, NodeReader.parseDate(ends.last!))
            else { continue }
            guard first <= last else {
                reader.error(
                    item,
                    "the range `\(value)` ends before it starts",
                    fix: "write the earlier day first: `\(last)..\(first)`"
                )
                continue
            }
            ranges.append(LocalDateRange(first: first, last: last))
        }
        return ranges
    }
}
