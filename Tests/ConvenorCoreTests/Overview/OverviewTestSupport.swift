import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// Builds overviews the way `convenor overview` does: schedule the range, then file it.
enum OverviewTestSupport {
    /// The overview of `groups` for the days `from...to` (ISO dates), judged at `now` (ISO instant).
    static func overview(
        _ groups: [Group],
        from: String,
        to: String,
        now: String,
        minutes: Set<String> = [],
        drafts: [String: String]? = nil,
        installation: Installation = ConfigFixtures.installation()
    ) throws -> YearOverview {
        let config = ConfigFixtures.config(installation: installation, groups: groups)
        let firstDay = ConfigFixtures.date(from)
        let lastDay = ConfigFixtures.date(to)
        let zone = installation.timeZone
        let mailings = Scheduler(config: config, existingMinutes: minutes, draftMinutes: drafts).mailings(
            from: firstDay.startInstant(in: zone),
            to: lastDay.adding(days: 1).startInstant(in: zone)
        )
        let instant = try #require(ISO8601DateFormatter().date(from: now), "bad test instant \(now)")
        return YearOverview(
            config: config,
            mailings: mailings,
            existingMinutes: minutes,
            firstDay: firstDay,
            lastDay: lastDay,
            now: instant,
            draftMinutes: drafts
        )
    }
}
