import Yams

/// Reads a group's `cadence:`, `call_for_members:` and `meetings:` blocks.
enum CadenceParser {
    /// A meeting length when neither the cadence nor the meeting gives one.
    static let defaultLengthMinutes = 60

    static func cadence(_ node: Node, reader: NodeReader) -> Cadence? {
        let schema = MappingSchema(
            what: "`cadence`",
            example: "cadence: {windows: [Oct-Nov, Feb, Jun], length: 90 minutes}",
            keys: ["windows", "propose", "length", "online", "venue"],
            required: ["windows"]
        )
        guard let map = reader.mapping(node, schema) else { return nil }
        var windows: [MonthWindow] = []
        var valid = true
        // "October/November, February, June", as terms of reference put it.
        if let node = map["windows"], let text = node.scalar?.string, case .failure = MonthWindow.parse(text),
            reader.reportProseList(node, key: "windows", item: { try? MonthWindow.parseProse($0).get().description })
        {
            return nil
        }
        for (value, item) in map["windows"].flatMap({ reader.textList($0, key: "windows") }) ?? [] {
            guard let window = reader.check(item, MonthWindow.parse(value)) else {
                valid = false
                continue
            }
            if let other = windows.first(where: { overlaps($0, window) }) {
                valid = false
                reader.error(
                    item,
                    "the window `\(window)` overlaps `\(other)`",
                    fix: "give each month to one window only"
                )
                continue
            }
            windows.append(window)
        }
        let propose = map["propose"].map { node in
            reader.text(node, key: "propose").flatMap { reader.check(node, ProposeRule.parse($0)) }
        }
        let length = map["length"].map { readLength($0, reader: reader) } ?? defaultLengthMinutes
        let place = Place(
            online: map["online"].flatMap { reader.text($0, key: "online") },
            venue: map["venue"].flatMap { reader.text($0, key: "venue") }
        )
        guard valid, let length, propose != .some(nil) else { return nil }
        return Cadence(windows: windows, propose: propose ?? nil, lengthMinutes: length, place: place)
    }

    private static func overlaps(_ a: MonthWindow, _ b: MonthWindow) -> Bool {
        (1...12).contains { a.contains(month: $0) && b.contains(month: $0) }
    }

    private static func readLength(_ node: Node, reader: NodeReader) -> Int? {
        reader.text(node, key: "length").flatMap { reader.check(node, DurationText.meetingLength($0)) }
    }

    static func callForMembers(_ node: Node, reader: NodeReader) -> CallForMembers? {
        let schema = MappingSchema(
            what: "`call_for_members`",
            example: "call_for_members: {to: [ALN-BOARD@JISCMAIL.AC.UK], on: 2025-09-03}",
            keys: ["to", "on"],
            required: ["to", "on"]
        )
        guard let map = reader.mapping(node, schema) else { return nil }
        if let toNode = map["to"], let text = toNode.scalar?.string, MailAddress.validate(text) != nil,
            reader.reportProseList(toNode, key: "to", item: { MailAddress.validate($0) == nil ? $0 : nil })
        {
            return nil
        }
        let items = map["to"].flatMap { reader.textList($0, key: "to") } ?? []
        var addressesValid = true
        for (value, item) in items {
            if let problem = MailAddress.validate(value) {
                reader.error(item, problem.problem, fix: problem.fix)
                addressesValid = false
            }
        }
        let addresses = items.map(\.0)
        var when: CallForMembers.When?
        if let onNode = map["on"], let value = reader.text(onNode, key: "on") {
            when = yearlyOrOnce(value, node: onNode, reader: reader)
        }
        guard addressesValid, !addresses.isEmpty, let when else { return nil }
        return CallForMembers(to: addresses, on: when)
    }

    /// `2025-09-03` (once) or `09-03` (every year on 3 September).
    private static func yearlyOrOnce(_ value: String, node: Node, reader: NodeReader) -> CallForMembers.When? {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }),
            let month = Int(parts[0]), let day = Int(parts[1])
        {
            // 2028 is a leap year, so 29 February is accepted as a yearly day.
            guard LocalDate(year: 2028, month: month, day: day) != nil else {
                reader.error(
                    node,
                    "`\(value)` is not a day of the year",
                    fix: "write MM-DD in quotes, e.g. `on: \"09-03\"` for 3 September"
                )
                return nil
            }
            return .yearly(month: month, day: day)
        }
        return reader.check(
            node,
            NodeReader.parseDate(value).mapError { problem in
                ValueProblem(problem.problem, fix: "write a date `2025-09-03` (once) or `\"09-03\"` (every year)")
            }
        ).map(CallForMembers.When.once)
    }

    static let meetingSchema = MappingSchema(
        what: "a meeting",
        example: "- {start: 2026-11-12 14:00}",
        keys: ["start", "length", "online", "venue", "agenda", "minutes", "cancelled", "reason"],
        required: ["start"],
        redirected: [
            "date": "write the date and time together: `start: 2026-11-12 14:00`",
            "time": "write the date and time together: `start: 2026-11-12 14:00`",
        ]
    )

    /// The confirmed meetings; warns about one outside every window, and refuses two in one window occurrence
    /// (a window holds one meeting, and its mailings are keyed by the window).
    static func meetings(_ node: Node, reader: NodeReader, cadence: Cadence?) -> [Meeting]? {
        guard let items = reader.list(node, key: "meetings") else { return nil }
        var meetings: [Meeting] = []
        var byOccurrence: [String: LocalDateTime] = [:]
        for item in items {
            guard let map = reader.mapping(item, meetingSchema) else { continue }
            guard let start = map["start"].flatMap({ reader.dateTime($0, key: "start") }) else { continue }
            let length =
                map["length"].map { readLength($0, reader: reader) } ?? cadence?.lengthMinutes ?? defaultLengthMinutes
            let online = map["online"].flatMap { reader.text($0, key: "online") }
            let venue = map["venue"].flatMap { reader.text($0, key: "venue") }
            let place =
                online == nil && venue == nil ? (cadence?.place ?? Place()) : Place(online: online, venue: venue)
            let agenda = map["agenda"].flatMap { reader.textList($0, key: "agenda")?.map(\.0) } ?? []
            let minutes = map["minutes"].flatMap { reader.path($0, key: "minutes") }
            let cancelled = map["cancelled"].flatMap { reader.flag($0, key: "cancelled") } ?? false
            let reason = map["reason"].flatMap { reader.text($0, key: "reason") }
            guard let length else { continue }
            let startNode = map["start"]!
            if let cadence, !cadence.windows.isEmpty {
                if let window = cadence.windows.first(where: { $0.contains(month: start.date.month) }) {
                    let key = window.occurrenceKey(for: start.date)
                    if !cancelled, let other = byOccurrence[key] {
                        reader.error(
                            startNode,
                            "two meetings in the \(window) window of \(key.prefix(4)): \(other) and \(start)",
                            fix: "a window holds one meeting; remove one, or mark the old one `cancelled: true`"
                        )
                    } else if !cancelled {
                        byOccurrence[key] = start
                    }
                } else {
                    let names = cadence.windows.map(\.description).joined(separator: ", ")
                    let nearest = MeetingDateCheck.nearest(to: start.date, in: cadence.windows)
                    let nearestText = nearest.map { "; the nearest is \(MeetingDateCheck.name($0))" } ?? ""
                    let move = nearest.map {
                        "if it is the \(MeetingDateCheck.name($0)) meeting, move it into \($0.window)"
                    }
                    reader.warning(
                        startNode,
                        "the meeting on \(start.date) is outside every window (\(names))\(nearestText), "
                            + "so it is an extra meeting with its own mailings",
                        fix: "nothing to do if that is intended; " + (move ?? "otherwise move it into a window")
                    )
                }
            }
            meetings.append(
                Meeting(
                    start: start,
                    lengthMinutes: length,
                    place: place,
                    agenda: agenda,
                    minutesPath: minutes,
                    cancelled: cancelled,
                    cancellationReason: reason,
                    location: reader.location(item),
                    minutesLocation: map["minutes"].map { reader.location($0) }
                )
            )
        }
        return meetings.sorted { $0.start < $1.start }
    }
}
