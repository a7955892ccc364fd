package import Foundation

/// A mail address with an optional display name (`"ALN Groups <groups@aln.example.org>"`).
package struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    package var displayName: String?
    /// The bare addr-spec, `local@domain`.
    package var address: String

    package init(displayName: String? = nil, address: String) {
        self.displayName = displayName
        self.address = address
    }

    /// Human-readable form (not RFC 2047-encoded; the message composer does that).
    package var description: String {
        guard let displayName, !displayName.isEmpty else { return address }
        return "\(displayName) <\(address)>"
    }
}

/// How mail leaves: written to the outbox directory or sent through an SMTP relay.
package enum Transport: Hashable, Sendable {
    case outbox
    case smtp(SMTPSettings)
}

/// Where a secret comes from. Never from the YAML itself, the command line or the environment.
package enum SecretSource: Hashable, Sendable {
    /// `password_file:` / `token_file:`: a file readable only by its owner (absolute path).
    case file(String)
    /// `password_credential:`: a systemd credential, read from `$CREDENTIALS_DIRECTORY/NAME`.
    case credential(String)
}

/// The `delivery.smtp` block.
package struct SMTPSettings: Hashable, Sendable {
    /// `smtp://host:587` (STARTTLS required) or `smtps://host:465` (TLS from the start).
    package var url: String
    package var username: String?
    /// A password (AUTH PLAIN/LOGIN) or none.
    package var password: SecretSource?
    /// An OAuth2 bearer token (XOAUTH2) instead of a password.
    package var token: SecretSource?
    /// `oauth2:`: convenor fetches and refreshes its own XOAUTH2 tokens (client-credentials grant) instead.
    package var oauth2: OAuth2Settings?
    /// Extra trust anchors (absolute path), added to the system's.
    package var caFile: String?
    /// MAIL FROM; nil means the From address.
    package var envelopeFrom: String?
    package var connectTimeoutSeconds: Int
    package var responseTimeoutSeconds: Int

    package init(
        url: String,
        username: String? = nil,
        password: SecretSource? = nil,
        token: SecretSource? = nil,
        oauth2: OAuth2Settings? = nil,
        caFile: String? = nil,
        envelopeFrom: String? = nil,
        connectTimeoutSeconds: Int = 30,
        responseTimeoutSeconds: Int = 600
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.token = token
        self.oauth2 = oauth2
        self.caFile = caFile
        self.envelopeFrom = envelopeFrom
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.responseTimeoutSeconds = responseTimeoutSeconds
    }
}

/// The `delivery:` block.
package struct Delivery: Hashable, Sendable {
    package var transport: Transport
    /// Messages per minute at most (Exchange Online allows 30); nil or 0 means no limit.
    package var ratePerMinute: Int

    package init(transport: Transport = .outbox, ratePerMinute: Int = 30) {
        self.transport = transport
        self.ratePerMinute = ratePerMinute
    }
}

/// Installation-wide settings from `config/convenor.yaml`. Paths are absolute, resolved against that file.
package struct Installation: Hashable, Sendable {
    package var network: String
    /// Default zone for groups that do not name one.
    package var timeZone: TimeZone
    package var from: MailAddress
    /// Failures and missed mailings are reported here.
    package var operatorAddress: String
    package var stateDirectory: String
    package var outboxDirectory: String
    package var templatesDirectory: String
    /// Local time of day mailings go out.
    package var sendTime: LocalTime
    package var workingDays: Set<Weekday>
    /// Days with no mailings and no proposed dates.
    package var closures: [LocalDateRange]
    /// Defaults for every group (already merged with `MailingTiming.defaults`).
    package var mailings: [MailingKind: MailingTiming]
    package var delivery: Delivery
    /// The convenor.yaml file itself.
    package var source: SourceLocation
    /// The chairs' web and public directory (`web:`); nil when convenor.yaml has no `web:` block (no server).
    package var web: WebSettings?
    /// The folder holding convenor.yaml (absolute): its `minutes/` and `groups/<id>/` are where group files may
    /// name files by default.
    package var configDirectory: String
    /// `allowed_paths:`: more folders (absolute) the operator lets group files name files in, beyond the defaults.
    package var allowedPaths: [String]
    /// `secrets_dir:`: the folder (absolute) a group's declared credentials are read from; nil means systemd's
    /// `$CREDENTIALS_DIRECTORY`.
    package var secretsDirectory: String?
    /// `group_credentials:`: the only credential names a group file may use (`approved_password_credential:`).
    /// A group never names a path for a secret, and never a credential the operator did not offer to groups.
    package var groupCredentials: Set<String>
    /// `ledger:`: the shared PostgreSQL ledger; nil means the SQLite file in `state_dir` (the default).
    package var ledger: LedgerSettings?
    /// `first_start_grace:` (seconds): on a ledger's first start, mail due longer than this before it is skipped
    /// unless caught up (`FirstStartRule`).
    package var firstStartGrace: TimeInterval
    /// `catch_up_since:`: on a first start, send mail due on or after this day after all (`run --catch-up` wins).
    package var catchUpSince: LocalDate?
    /// `returns:`: the mailbox convenor reads what the lists and mail servers send back from (issue 18); nil means
    /// it is not read, and a list post stays "accepted by the relay".
    package var returns: ReturnsSettings?

    /// `quiet_hours:`: when late mail waits for the next `send_time` on a working day (`LateMailRule`).
    package var quietHours: QuietHours = .default

    /// `calendar_file:`: the `.ics` file (absolute) the daemon keeps current for members to subscribe to, rewritten
    /// after each pass that changes a meeting; nil: none (`convenor calendar --out` and the web's feeds still work).
    package var calendarFile: String?

    /// `confirm_date_asks:`: how many confirm-date mails a window gets at most (14 days apart).
    package var confirmDateAsks: Int = Installation.defaultConfirmDateAsks

    /// Three asks, two weeks apart: enough for a chair back from leave, few enough not to be ignored.
    package static let defaultConfirmDateAsks = 3

    /// One day: mail that fell due yesterday is still worth sending on a first start; last month's is not.
    package static let defaultFirstStartGrace: TimeInterval = 86_400

    package init(
        network: String,
        timeZone: TimeZone,
        from: MailAddress,
        operatorAddress: String,
        stateDirectory: String,
        outboxDirectory: String,
        templatesDirectory: String,
        sendTime: LocalTime,
        workingDays: Set<Weekday>,
        closures: [LocalDateRange],
        mailings: [MailingKind: MailingTiming],
        delivery: Delivery,
        source: SourceLocation,
        web: WebSettings? = nil,
        configDirectory: String? = nil,
        allowedPaths: [String] = [],
        secretsDirectory: String? = nil,
        groupCredentials: Set<String> = [],
        ledger: LedgerSettings? = nil,
        firstStartGrace: TimeInterval = Installation.defaultFirstStartGrace,
        catchUpSince: LocalDate? = nil,
        returns: ReturnsSettings? = nil
    ) {
        self.returns = returns
        self.ledger = ledger
        self.firstStartGrace = firstStartGrace
        self.catchUpSince = catchUpSince
        self.configDirectory = configDirectory ?? ConfigPath.directory(of: stateDirectory)
        self.allowedPaths = allowedPaths
        self.secretsDirectory = secretsDirectory
        self.groupCredentials = groupCredentials
        self.network = network
        self.timeZone = timeZone
        self.from = from
        self.operatorAddress = operatorAddress
        self.stateDirectory = stateDirectory
        self.outboxDirectory = outboxDirectory
        self.templatesDirectory = templatesDirectory
        self.sendTime = sendTime
        self.workingDays = workingDays
        self.closures = closures
        self.mailings = mailings
        self.delivery = delivery
        self.source = source
        self.web = web
    }

    /// MAIL FROM of everything that is not a group's list post: `delivery.smtp.envelope_from` when the relay is
    /// SMTP and one is set (that is where bounces are read), else the From address.
    package var bounceAddress: String {
        guard case .smtp(let settings) = delivery.transport, let envelope = settings.envelopeFrom else {
            return from.address
        }
        return envelope
    }

    /// True for a day mail may go out or a meeting may be proposed on.
    package func isWorkingDay(_ date: LocalDate) -> Bool {
        workingDays.contains(date.weekday) && !closures.contains { $0.contains(date) }
    }
}

/// A whole, valid configuration: the installation and its groups, sorted by id.
package struct Config: Hashable, Sendable {
    package var installation: Installation
    package var groups: [Group]
    /// Minutes the chairs marked ready on the web, by the name their meeting's `minutesPath` carries
    /// (`chairs/GROUP/2026-11-12.md`): no file holds them, the ledger does (`ChairOverlay`).
    package var chairMinutes: [String: String] = [:]
    /// Minutes the chairs saved on the web as a draft, by `MinutesDraft.key` (`GROUP/OCCURRENCE`), each with where
    /// the draft is: never mailed, and the minutes-chase says a draft was found (`MinutesDraft`).
    package var draftMinutes: [String: String] = [:]

    package init(installation: Installation, groups: [Group]) {
        self.installation = installation
        self.groups = groups
    }

    package func group(id: String) -> Group? { groups.first { $0.id == id } }
}
