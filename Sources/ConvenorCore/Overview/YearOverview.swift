package import Foundation

/// The year at a glance (`convenor overview`): per group, month by month, what goes out when, and what is waiting on
/// the chairs.
///
/// A pure value built from the config, the schedule's mailings for the range and the minutes files that exist, so
/// the same inputs always print the same page. Rendered as text for the terminal (`text`) or as one self-contained
/// HTML page (`html`).
package struct YearOverview: Hashable, Sendable {
    /// One group's year.
    package struct GroupYear: Hashable, Sendable {
        /// The group as configured.
        package var group: Group
        /// What the chairs must do, earliest first.
        package var tasks: [ChairTask]
        /// Every month of the range (and any month an entry falls in), in order, empty ones included.
        package var months: [Month]
        /// What became of the group's list posts the relay accepted in the range, oldest first (issue 18); empty
        /// until `YearOverview.withReturns(_:config:)` adds them from the ledger.
        package var returns: [ListOutcome] = []

        /// A group's year from its parts (the overview's initializer builds them).
        package init(group: Group, tasks: [ChairTask], months: [Month]) {
            self.group = group
            self.tasks = tasks
            self.months = months
        }

        /// Mailings in the range, meetings not counted.
        package var mailingCount: Int {
            months.reduce(0) { total, month in
                total + month.entries.filter { if case .mailing = $0.subject { true } else { false } }.count
            }
        }
    }

    /// One calendar month of one group, in the group's zone.
    package struct Month: Hashable, Sendable {
        /// The first day of the month.
        package var start: LocalDate
        /// Mailings and meetings in time order.
        package var entries: [OverviewEntry]

        /// A month from its first day and its entries in time order.
        package init(start: LocalDate, entries: [OverviewEntry]) {
            self.start = start
            self.entries = entries
        }
    }

    /// First day of the range (installation zone), inclusive.
    package var firstDay: LocalDate
    /// Last day of the range, inclusive.
    package var lastDay: LocalDate
    /// The installation's network, the page's subtitle.
    package var network: String
    /// One per group of the config, in the config's (id) order.
    package var groups: [GroupYear]

    /// An overview from its parts; `init(config:mailings:existingMinutes:firstDay:lastDay:now:)` builds them.
    package init(firstDay: LocalDate, lastDay: LocalDate, network: String, groups: [GroupYear]) {
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.network = network
        self.groups = groups
    }

    /// The overview of every group in `config` for the days `firstDay...lastDay` (installation zone).
    ///
    /// - Parameters:
    ///   - mailings: the schedule's mailings for the range (`Scheduler.mailings(from:to:)`); each is filed under
    ///     its group and its due month.
    ///   - existingMinutes: the minutes files on disk, as the scheduler was given them.
    ///   - now: meetings that ended before it without a minutes file count as "minutes missing", and windows that
    ///     closed before it are no longer waiting on anyone.
    ///   - draftMinutes: minutes marked a draft (`MinutesFiles.scan`): "draft found, not marked ready" instead of
    ///     "minutes missing"; nil: the chairs' web drafts in `config` only.
    package init(
        config: Config,
        mailings: [Mailing],
        existingMinutes: Set<String>,
        firstDay: LocalDate,
        lastDay: LocalDate,
        now: Date,
        draftMinutes: [String: String]? = nil
    ) {
        let builder = OverviewBuilder(
            scheduler: Scheduler(config: config, existingMinutes: existingMinutes, draftMinutes: draftMinutes),
            firstDay: firstDay,
            lastDay: lastDay,
            now: now
        )
        self.init(
            firstDay: firstDay,
            lastDay: lastDay,
            network: config.installation.network,
            groups: config.groups.map { group in
                builder.groupYear(group, mailings: mailings.filter { $0.key.group == group.id })
            }
        )
    }

    /// `1 Sep 2026 to 31 Aug 2027`.
    package var rangeText: String {
        "\(firstDay.day) \(MonthWindow.monthAbbreviations[firstDay.month - 1]) \(firstDay.year) to "
            + "\(lastDay.day) \(MonthWindow.monthAbbreviations[lastDay.month - 1]) \(lastDay.year)"
    }

    /// The default range: the first day of `now`'s month in `zone`, for twelve months.
    package static func defaultRange(now: Date, in zone: TimeZone) -> (firstDay: LocalDate, lastDay: LocalDate) {
        let first = LocalDate(instant: now, in: zone).monthStart
        return (first, first.adding(months: 12).adding(days: -1))
    }
}
