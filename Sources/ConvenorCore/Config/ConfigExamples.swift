/// One example line per key, quoted in fixes ("add a line `list: NAME@JISCMAIL.AC.UK`").
///
/// Kept in one table so every message shows the same, valid spelling as config/README.md. A group's own keys show
/// the form in capitals, never another group's real value: a chair who copies the fix must not end up posting to
/// (or naming) someone else's list.
enum ConfigExamples {
    static func line(for key: String) -> String {
        guard let value = values[key] else { return "\(key): ..." }
        return "\(key): \(value)"
    }

    /// The example value alone, e.g. `smtp-password` for `password_credential`.
    static func value(for key: String) -> String? { values[key] }

    private static let values: [String: String] = [
        // convenor.yaml
        "network": "Academic Libraries North",
        "timezone": "Europe/London",
        "from": "\"ALN Groups <groups@aln.example.org>\"",
        "operator": "convenor-alerts@aln.example.org",
        "state_dir": "../state",
        "outbox_dir": "../outbox",
        "templates_dir": "../templates",
        "send_time": "\"09:00\"",
        "working_days": "[mon, tue, wed, thu, fri]",
        "first_start_grace": "1 day",
        "catch_up_since": "2026-10-01",
        "confirm_date_asks": "3",
        "quiet_hours": "\"20:00-07:00\"",
        "calendar_file": "/srv/www/aln/calendar.ics",
        "closures": "[2026-12-24..2027-01-01, 2027-04-02]",
        "mailings": "{reminder: 1 day before}",
        "delivery": "{transport: outbox}",
        "transport": "outbox",
        "smtp": "{url: \"smtp://smtp.example.ac.uk:587\", username: convenor@example.ac.uk}",
        "url": "smtp://smtp.example.ac.uk:587",
        "username": "convenor@example.ac.uk",
        "password_file": "/etc/convenor/smtp-password",
        "password_credential": "smtp-password",
        "token_file": "/etc/convenor/oauth-token",
        "oauth2": "{token_url: \"https://login.microsoftonline.com/TENANT/oauth2/v2.0/token\", client_id: ...}",
        "token_url": "https://login.microsoftonline.com/TENANT/oauth2/v2.0/token",
        "client_id": "00000000-0000-0000-0000-000000000000",
        "client_secret_file": "/etc/convenor/oauth2-client-secret",
        "client_secret_credential": "oauth2-client-secret",
        "scope": "https://outlook.office365.com/.default",
        "ca_file": "/etc/ssl/certs/ca-certificates.crt",
        "envelope_from": "bounces@aln.example.org",
        "connect_timeout": "30 seconds",
        "response_timeout": "10 minutes",
        "rate_per_minute": "30",
        "ledger":
            "{url: \"postgresql://db.aln.example.org:5432/convenor\", user: convenor, password_file: /etc/convenor/ledger-password}",
        "user": "convenor",
        "tls": "off",
        "lease": "30 seconds",
        // group files
        "id": "GROUP-ID",
        "name": "FULL NAME OF THE GROUP",
        "type": "CoP",
        "remit": "To act as a community for ...",
        "chairs": "[{name: FULL NAME, email: NAME@INSTITUTION.AC.UK}]",
        "liaison": "{name: FULL NAME, email: NAME@INSTITUTION.AC.UK}",
        "institutions": "[NAME OF THE INSTITUTION]",
        "list": "NAME@JISCMAIL.AC.UK",
        "terms_of_reference": "{created: 2025-07-01, updated: 2025-09-01}",
        "created": "2025-07-01",
        "updated": "2025-09-01",
        "cadence": "{windows: [Oct-Nov, Feb, Jun], length: 90 minutes}",
        "windows": "[Oct-Nov, Feb, Jun]",
        "propose": "second Wednesday 14:00",
        "length": "90 minutes",
        "online": "https://teams.example.org/l/meetup-join/...",
        "venue": "\"Room 1, Parkinson Building, University of Leeds\"",
        "call_for_members": "{to: [ALN-BOARD@JISCMAIL.AC.UK], on: 2025-09-03}",
        "to": "[ALN-BOARD@JISCMAIL.AC.UK, ALN-LEADERS@JISCMAIL.AC.UK]",
        "on": "2025-09-03",
        "meetings": "[{start: 2026-11-12 14:00}]",
        "no_meeting": "[{window: Feb 2027, reason: the annual conference takes its place}]",
        "window": "Feb 2027",
        "start": "2026-11-12 14:00",
        "agenda": "[Welcome and introductions, Benchmarking service standards]",
        "minutes": "minutes/2026-11-12.md",
        "cancelled": "true",
        "reason": "the speaker is ill",
        "email": "NAME@INSTITUTION.AC.UK",
        "institution": "NAME OF THE INSTITUTION",
    ]
}
