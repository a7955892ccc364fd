/// What a template variable holds, for the checker: text to print, a list to loop over, or an object with fields.
package indirect enum TemplateShape: Hashable, Sendable {
    /// Printable text.
    case text
    /// True or false: only useful for sections (`empty(…)`, `first()`).
    case flag
    /// A list whose elements have the given shape.
    case list(TemplateShape)
    /// Named fields.
    case object([TemplateField])

    /// The fields of an object shape; empty for the others.
    package var fields: [TemplateField] {
        if case .object(let fields) = self { return fields }
        return []
    }
}

/// One variable a template may use, with the words and example `templates/README.md` documents it by.
package struct TemplateField: Hashable, Sendable {
    /// The name as written in a tag (one part of a dotted name).
    package var name: String
    package var shape: TemplateShape
    /// One sentence for the README.
    package var summary: String
    /// An example value (for text) as it appears in a rendered mail.
    package var example: String
    /// True when the value can be missing (no venue, no liaison): templates wrap it in a section.
    package var optional: Bool
    /// The template kinds that get it; nil for every kind. Only top-level fields are restricted.
    package var kinds: Set<TemplateKind>?

    /// A text field.
    package init(
        _ name: String,
        _ summary: String,
        example: String,
        optional: Bool = false,
        kinds: Set<TemplateKind>? = nil
    ) {
        self.init(name, .text, summary, optional: optional, kinds: kinds)
        self.example = example
    }

    /// A list or object field.
    package init(
        _ name: String,
        _ shape: TemplateShape,
        _ summary: String,
        example: String = "",
        optional: Bool = false,
        kinds: Set<TemplateKind>? = nil
    ) {
        self.name = name
        self.shape = shape
        self.summary = summary
        self.example = example
        self.optional = optional
        self.kinds = kinds
    }

    /// Whether a template of `kind` gets this field.
    package func isAvailable(in kind: TemplateKind) -> Bool {
        kinds?.contains(kind) ?? true
    }
}

/// The variables every template kind may use: the contract between `TemplateContext`, the checker and the README.
///
/// The checker reports any name not declared here (with a "did you mean"), and a test holds `TemplateContext` to
/// this declaration, so the three never drift apart.
package enum TemplateSchema {
    /// The top-level fields a template of `kind` may use.
    package static func fields(for kind: TemplateKind) -> [TemplateField] {
        switch kind {
        case .operatorAlert: operatorAlertFields
        case .chairsAlert: chairsAlertFields
        case .mailing: mailingFields.filter { $0.isAvailable(in: kind) }
        }
    }

    /// Every top-level field of mailing templates, including those restricted to some kinds.
    package static func allFields(for kind: TemplateKind) -> [TemplateField] {
        if case .operatorAlert = kind { return operatorAlertFields }
        if case .chairsAlert = kind { return chairsAlertFields }
        return mailingFields
    }

    /// The kinds whose templates get `meeting` (each kind's descriptor says).
    static let meetingKinds: Set<TemplateKind> = Set(
        MailingKind.allCases.filter(\.descriptor.concernsMeeting).map(TemplateKind.mailing)
    )

    static let mailingFields: [TemplateField] = [
        TemplateField(
            "group",
            .object([
                TemplateField("id", "The group's id (its file name).", example: "customer-services-cop"),
                TemplateField("name", "Full name.", example: "Customer Services Community of Practice"),
                TemplateField("type", "SIG or CoP.", example: "CoP"),
                TemplateField("type_long", "The type in words.", example: "Community of Practice"),
                TemplateField("network", "The network it belongs to.", example: "Academic Libraries North"),
                TemplateField(
                    "list",
                    "The list's posting address.",
                    example: "ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK"
                ),
                TemplateField(
                    "remit",
                    "The remit, lines wrapped at 72 characters (may run over several lines).",
                    example: "To act as a community for supervisors and managers…"
                ),
                TemplateField("institutions", .list(.text), "Member institutions; print each with {{.}}."),
                TemplateField(
                    "file",
                    "The group file chairs edit.",
                    example: "config/groups/customer-services-cop.yaml"
                ),
                TemplateField(
                    "meets",
                    "How often and where the group meets, from its cadence.",
                    example: "online three times a year: October–November, February and June",
                    optional: true
                ),
                TemplateField("time_zone", "The group's zone.", example: "Europe/London"),
            ]),
            "The group."
        ),
        TemplateField(
            "chairs",
            .list(
                .object(
                    person("Charly Townson", "Charly", "c.townson@example.ac.uk") + [
                        TemplateField(
                            "institution",
                            "Institution.",
                            example: "Leeds Beckett University",
                            optional: true
                        )
                    ]
                )
            ),
            "The chairs, in the group file's order."
        ),
        TemplateField("chairs_names", "The chairs' names joined.", example: "Charly Townson and Rachel Gladwin"),
        TemplateField("chairs_first_names", "The chairs' first names joined.", example: "Charly and Rachel"),
        TemplateField("chairs_role", "Chair or Chairs, for signing off.", example: "Chairs"),
        TemplateField(
            "addressees",
            "First names of the people a mail to chairs is addressed to (the liaison too in tor-review).",
            example: "Charly, Rachel and Theo"
        ),
        TemplateField(
            "liaison",
            .object(person("Theo Stubbs", "Theo", "t.stubbs@example.ac.uk")),
            "The steering group liaison.",
            optional: true
        ),
        TemplateField(
            "terms_of_reference",
            .object([
                TemplateField("created", "When the terms of reference were created.", example: "1 July 2025"),
                TemplateField("updated", "When they were last updated.", example: "1 September 2025"),
                TemplateField("review_due", "When the next review is due.", example: "1 September 2026"),
            ]),
            "Dates of the terms of reference.",
            optional: true
        ),
        TemplateField(
            "mailing",
            .object([
                TemplateField("kind", "The mailing kind.", example: "agenda"),
                TemplateField("occurrence", "The occurrence it belongs to.", example: "2026-10"),
                TemplateField("key", "The ledger key.", example: "customer-services-cop/agenda/2026-10/0"),
                TemplateField(
                    "due_long",
                    "The day it goes out, in words (makes repeated mails differ).",
                    example: "Thursday 5 November 2026"
                ),
                TemplateField("due_date", "The day it goes out.", example: "2026-11-05"),
                TemplateField(
                    "sent_long",
                    "The day it was actually sent, in words (later than due_long when it went out late).",
                    example: "Thursday 5 November 2026"
                ),
                TemplateField("sent_date", "The day it was actually sent.", example: "2026-11-05"),
            ]),
            "This mail."
        ),
        TemplateField(
            "meeting",
            .object(meeting),
            "The meeting the mail is about.",
            optional: true,
            kinds: meetingKinds
        ),
        TemplateField(
            "previous_meeting",
            .object(meeting),
            "The meeting as the list was last told (rescheduled).",
            optional: true,
            kinds: [.mailing(.rescheduled)]
        ),
        TemplateField(
            "cancellation_reason",
            "The chairs' `reason:` for a cancellation or a move.",
            example: "Both chairs are at the UKSG conference",
            optional: true,
            kinds: [.mailing(.cancelled), .mailing(.rescheduled)]
        ),
        TemplateField(
            "window",
            "The meeting window in words.",
            example: "October–November 2026",
            optional: true,
            kinds: meetingKinds.union([.mailing(.confirmDate)])
        ),
        TemplateField(
            "window_opens",
            "The window's first day.",
            example: "Thursday 1 October 2026",
            optional: true,
            kinds: meetingKinds.union([.mailing(.confirmDate)])
        ),
        TemplateField(
            "window_closes",
            "The window's last day.",
            example: "Monday 30 November 2026",
            optional: true,
            kinds: meetingKinds.union([.mailing(.confirmDate)])
        ),
        TemplateField(
            "candidates",
            .list(
                .object([
                    TemplateField("number", "Position, from 1.", example: "1"),
                    TemplateField("date_long", "The day in words.", example: "Wednesday 14 October 2026"),
                    TemplateField("time", "Start and end.", example: "14:00–15:30"),
                    TemplateField("zone", "Zone abbreviation on that day.", example: "BST"),
                    TemplateField(
                        "when",
                        "Date, time and zone.",
                        example: "Wednesday 14 October 2026, 14:00–15:30 BST"
                    ),
                    TemplateField(
                        "start",
                        "What to write after `start:` in the group file.",
                        example: "2026-10-14 14:00"
                    ),
                ])
            ),
            "Proposed dates for the chairs to choose from.",
            kinds: [.mailing(.confirmDate)]
        ),
        TemplateField(
            "reminder_number",
            "Which confirm-date reminder this is for the window, from 1.",
            example: "1",
            optional: true,
            kinds: [.mailing(.confirmDate)]
        ),
        TemplateField(
            "reminder_count",
            "How many confirm-date reminders the window gets at most (`confirm_date_asks:`, fewer when its last "
                + "proposed date comes first); they stop sooner once a date is confirmed or no meeting is noted.",
            example: "3",
            optional: true,
            kinds: [.mailing(.confirmDate)]
        ),
        TemplateField(
            "minutes_draft",
            "Where a draft of the minutes was found, not marked ready (a file with `draft: true`, or the chairs' web).",
            example: "/etc/convenor/minutes/2026-11-12.md",
            optional: true,
            kinds: [.mailing(.minutesChase)]
        ),
        TemplateField(
            "confirm_link",
            "The web page where the chairs confirm a date for this window (when convenor.yaml has `web:`).",
            example: "https://groups.aln.example.org/chair/metadata/confirm/2026-10",
            optional: true,
            kinds: [.mailing(.confirmDate)]
        ),
        TemplateField(
            "agenda_deadline",
            "The last working day before the agenda mail goes out: items must reach the chairs by then.",
            example: "Wednesday 4 November 2026",
            kinds: [.mailing(.callForAgenda)]
        ),
        TemplateField(
            "minutes",
            "The minutes file's text.",
            example: "Present: …",
            kinds: [.mailing(.minutes)]
        ),
    ]
}
