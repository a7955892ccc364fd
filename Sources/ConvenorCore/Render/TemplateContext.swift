package import Foundation

/// The values one template sees, derived from config values alone (pure: no clock, no files).
///
/// Every name here is declared in `TemplateSchema`; dates are formatted by `TemplateDates` in the group's zone.
/// Text that must stay on one line (names, agenda items, links) has its line breaks folded into spaces here, so a
/// stray newline in YAML cannot break a list or a subject; the remit and the minutes keep their lines.
package struct TemplateContext: Hashable, Sendable {
    /// Which template the values are for.
    package var kind: TemplateKind
    /// The object handed to Mustache.
    package var value: TemplateValue

    package init(kind: TemplateKind, value: TemplateValue) {
        self.kind = kind
        self.value = value
    }

    /// The context of a mailing.
    /// - Parameters:
    ///   - minutes: the minutes file's text, for a `minutes` mailing.
    ///   - previousMeeting: the meeting as the list was last told, for a `rescheduled` mailing.
    ///   - sentAt: when the mail goes out (its Date header); nil means at its due time, as a preview shows it.
    ///   - groupFields: the group's own values built beforehand (`TemplateGroupFields(group:)`), for batches;
    ///     nil, or fields of another group, builds them here.
    package init(
        mailing: Mailing,
        group: Group,
        installation: Installation,
        minutes: String? = nil,
        previousMeeting: ScheduledMeeting? = nil,
        sentAt: Date? = nil,
        groupFields: TemplateGroupFields? = nil
    ) {
        let kind = mailing.key.kind
        let zone = mailing.timeZone
        let shared = groupFields.flatMap { $0.groupID == group.id ? $0 : nil } ?? TemplateGroupFields(group: group)
        var root = TemplateObjectBuilder(fields: shared.fields)
        var addressees = shared.chairFirstNames
        if kind.audience == .chairsAndLiaison, let liaison = shared.liaisonFirstName {
            addressees.append(liaison)
        }
        root.set("addressees", TemplateDates.joinedWithAnd(addressees))

        var mail = TemplateObjectBuilder()
        let due = LocalDate(instant: mailing.due, in: zone)
        mail.set("kind", kind.rawValue)
        mail.set("occurrence", mailing.key.occurrence)
        mail.set("key", mailing.key.description)
        mail.set("due_long", TemplateDates.long(due))
        mail.set("due_date", due.description)
        // A mailing that goes out late (the daemon was down, a relay deferred it) must say the day it was sent,
        // not the day it was due: members read the footer against the Date header.
        let sent = LocalDate(instant: sentAt ?? mailing.due, in: zone)
        mail.set("sent_long", TemplateDates.long(sent))
        mail.set("sent_date", sent.description)
        root.set("mailing", mail.value)

        let templateKind = TemplateKind.mailing(kind)
        if let meeting = mailing.meeting, TemplateSchema.meetingKinds.contains(templateKind) {
            root.set("meeting", Self.meeting(meeting, zone: zone))
            if kind == .callForAgenda {
                let deadline = Self.agendaDeadline(
                    meetingStart: meeting.start,
                    group: group,
                    installation: installation
                )
                root.set("agenda_deadline", TemplateDates.long(deadline))
            }
            if kind == .cancelled {
                let entry = group.meetings.first { $0.start == meeting.start && $0.cancelled }
                let reason = mailing.cancellationReason ?? entry?.cancellationReason
                root.set("cancellation_reason", reason.map(RenderText.oneLine))
            }
            // A moved meeting's `reason:` (a chair's "why it moved") is told with the notice too.
            if kind == .rescheduled {
                let entry = group.meetings.first { $0.start == meeting.start && !$0.cancelled }
                root.set("cancellation_reason", entry?.cancellationReason.map(RenderText.oneLine))
            }
        }
        if kind == .rescheduled, let previousMeeting = previousMeeting ?? mailing.previousMeeting {
            root.set("previous_meeting", Self.meeting(previousMeeting, zone: zone))
        }
        if let window = mailing.window,
            TemplateSchema.meetingKinds.union([.mailing(.confirmDate)]).contains(templateKind)
        {
            root.set("window", TemplateDates.window(window))
            root.set("window_opens", TemplateDates.long(window.firstDay))
            root.set("window_closes", TemplateDates.long(window.lastDay))
        }
        if kind == .confirmDate {
            let length = group.cadence?.lengthMinutes ?? 90
            let candidates = mailing.candidates.enumerated().map { index, start in
                Self.candidate(number: index + 1, start: start, lengthMinutes: length, zone: zone)
            }
            root.set("candidates", list: candidates)
            root.set("reminder_number", mailing.reminderNumber.map(String.init))
            root.set("reminder_count", mailing.reminderCount.map(String.init))
            // Straight to the confirm form for this window, when the installation serves the chairs' web at a
            // known address (an OS-chosen port is no address to mail).
            if let web = installation.web, let window = mailing.window,
                web.configuredBaseURL != nil || web.port != 0
            {
                root.set("confirm_link", web.url("/chair/\(group.id)/confirm/\(window.key)"))
            }
        }
        if kind == .minutesChase {
            root.set("minutes_draft", mailing.minutesDraft.map(RenderText.oneLine))
        }
        if kind == .minutes {
            root.set("minutes", .text(RenderText.multiline(minutes ?? "")))
        }
        self.init(kind: templateKind, value: root.value)
    }

    static func group(_ group: Group) -> TemplateValue {
        var object = TemplateObjectBuilder()
        object.set("id", group.id)
        object.set("name", RenderText.oneLine(group.name))
        object.set("type", group.type.rawValue)
        object.set("type_long", group.type == .sig ? "Special Interest Group" : "Community of Practice")
        object.set("network", RenderText.oneLine(group.network))
        object.set("list", RenderText.oneLine(group.list))
        object.set("remit", RenderText.wrapped(RenderText.multiline(group.remit), width: 72))
        object.set("institutions", list: group.institutions.map { .text(RenderText.oneLine($0)) })
        let file = group.source.file.isEmpty ? "config/groups/\(group.id).yaml" : group.source.file
        object.set("file", file)
        object.set("time_zone", group.timeZone.identifier)
        object.set("meets", group.cadence.flatMap(meets))
        return object.value
    }

    /// "online three times a year: October–November, February and June".
    static func meets(_ cadence: Cadence) -> String? {
        guard !cadence.windows.isEmpty else { return nil }
        let counts = ["once", "twice", "three times", "four times", "five times", "six times"]
        let count = cadence.windows.count
        let often = (count <= counts.count ? counts[count - 1] : "\(count) times") + " a year"
        let windows = cadence.windows.map { window in
            let first = MonthWindow.monthNames[window.firstMonth - 1]
            return window.firstMonth == window.lastMonth
                ? first : "\(first)–\(MonthWindow.monthNames[window.lastMonth - 1])"
        }
        let place =
            switch (cadence.place.online != nil, cadence.place.venue != nil) {
            case (true, true): "online or in person "
            case (true, false): "online "
            case (false, true): "in person "
            case (false, false): ""
            }
        return "\(place)\(often): \(TemplateDates.joinedWithAnd(windows))"
    }

    static func person(_ person: Person) -> TemplateValue {
        var object = TemplateObjectBuilder()
        object.set("name", RenderText.oneLine(person.name))
        object.set("first_name", firstName(of: person.name))
        object.set("email", RenderText.oneLine(person.email))
        return object.value
    }

    static func chair(_ person: Person) -> TemplateValue {
        guard case .object(var fields) = self.person(person) else { return self.person(person) }
        if let institution = person.institution.map(RenderText.oneLine), !institution.isEmpty {
            fields["institution"] = .text(institution)
        }
        return .object(fields)
    }

    static func termsOfReference(_ terms: TermsOfReference, group: Group) -> TemplateValue {
        let span: CalendarSpan
        if case .afterUpdate(let configured) = group.timing(for: .torReview) {
            span = configured
        } else {
            span = CalendarSpan(months: 12)
        }
        var object = TemplateObjectBuilder()
        object.set("created", TemplateDates.dayMonthYear(terms.created))
        object.set("updated", TemplateDates.dayMonthYear(terms.updated))
        let due = terms.updated.adding(months: span.months).adding(days: span.days)
        object.set("review_due", TemplateDates.dayMonthYear(due))
        return object.value
    }

    /// The first name for a greeting, skipping a title ("Dr Zoë Ó Súilleabháin" → "Zoë").
    static func firstName(of name: String) -> String {
        let titles: Set<String> = [
            "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "rev", "revd", "fr",
        ]
        let words = RenderText.oneLine(name).split(separator: " ").map(String.init)
        let first = words.first { !titles.contains($0.lowercased().filter { $0 != "." }) }
        return first ?? RenderText.oneLine(name)
    }
}
