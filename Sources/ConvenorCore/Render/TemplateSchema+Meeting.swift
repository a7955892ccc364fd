extension TemplateSchema {
    static func person(_ name: String, _ firstName: String, _ email: String) -> [TemplateField] {
        [
            TemplateField("name", "Full name.", example: name),
            TemplateField(
                "first_name",
                "First name, for a greeting (titles such as Dr are skipped).",
                example: firstName
            ),
            TemplateField("email", "Mail address.", example: email),
        ]
    }

    static let meeting: [TemplateField] = [
        TemplateField("date_long", "The day in words.", example: "Thursday 12 November 2026"),
        TemplateField("date", "The day as written in the group file.", example: "2026-11-12"),
        TemplateField("time", "Start and end, local wall time.", example: "14:00–15:30"),
        TemplateField("start_time", "Start, local wall time.", example: "14:00"),
        TemplateField("end_time", "End, local wall time.", example: "15:30"),
        TemplateField("zone", "The zone's abbreviation at the meeting (GMT or BST in London).", example: "GMT"),
        TemplateField("time_zone", "The zone's name.", example: "Europe/London"),
        TemplateField("when", "Date, time and zone together.", example: "Thursday 12 November 2026, 14:00–15:30 GMT"),
        TemplateField("start_utc", "The start in UTC, for readers elsewhere.", example: "2026-11-12 14:00 UTC"),
        TemplateField("length", "How long it lasts.", example: "1 hour 30 minutes"),
        TemplateField(
            "online",
            "Join link.",
            example: "https://teams.example.org/l/meetup-join/customer-services",
            optional: true
        ),
        TemplateField(
            "venue",
            "Room and building.",
            example: "Room 1, Parkinson Building, University of Leeds",
            optional: true
        ),
        TemplateField(
            "agenda",
            .list(
                .object([
                    TemplateField("number", "Position, from 1.", example: "1"),
                    TemplateField("text", "The item.", example: "Welcome and introductions"),
                ])
            ),
            "Agenda items in order; empty until the chairs add some."
        ),
        TemplateField(
            "minutes_file",
            "Where the minutes file is expected (from `minutes:`).",
            example: "/etc/convenor/groups/minutes/2026-11-12.md",
            optional: true
        ),
        TemplateField(
            "minutes_file_suggested",
            "A `minutes:` value to write when none is set.",
            example: "minutes/2026-11-12.md"
        ),
    ]
}
