import ConvenorTesting
import Foundation
import Testing

@testable import ConvenorCore

/// Issue 15: late mail waits outside working hours for the next send_time on a working day, unless stale by then.
@Suite struct LateMailRuleTests {
    static func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// (now, valid until, zone, working days incl. Sunday?, expected send instant).
    @Test(arguments: [
        // Wednesday 22:29 in London: next morning 09:00.
        ("2026-12-02T22:29:00Z", "2026-12-20T00:00:00Z", "Europe/London", false, "2026-12-03T09:00:00Z"),
        // Inside working hours: now.
        ("2026-12-02T14:00:00Z", "2026-12-20T00:00:00Z", "Europe/London", false, "2026-12-02T14:00:00Z"),
        // Saturday noon: Monday 09:00.
        ("2026-12-05T12:00:00Z", "2026-12-20T00:00:00Z", "Europe/London", false, "2026-12-07T09:00:00Z"),
        // Friday 23:00 before a meeting on Monday 08:00: Monday 09:00 would be stale, so now.
        ("2026-12-04T23:00:00Z", "2026-12-07T08:00:00Z", "Europe/London", false, "2026-12-04T23:00:00Z"),
        // Spring forward (Sunday 29 March 2026, a working day here): 00:30 GMT waits for 09:00 BST = 08:00Z.
        ("2026-03-29T00:30:00Z", "2026-04-20T00:00:00Z", "Europe/London", true, "2026-03-29T08:00:00Z"),
        // Fall back (Sunday 25 October 2026): 05:30 GMT (after the change) waits for 09:00 GMT.
        ("2026-10-25T05:30:00Z", "2026-11-20T00:00:00Z", "Europe/London", true, "2026-10-25T09:00:00Z"),
        // New York, 21:00 EST on a Tuesday: 09:00 EST on Wednesday.
        ("2026-12-02T02:00:00Z", "2026-12-20T00:00:00Z", "America/New_York", false, "2026-12-02T14:00:00Z"),
        // Just before the end of quiet hours, 06:59: 09:00 the same day.
        ("2026-12-02T06:59:00Z", "2026-12-20T00:00:00Z", "Europe/London", false, "2026-12-02T09:00:00Z"),
        // 07:00 is working time.
        ("2026-12-02T07:00:00Z", "2026-12-20T00:00:00Z", "Europe/London", false, "2026-12-02T07:00:00Z"),
    ])
    func lateMailWaits(now: String, validUntil: String, zone: String, sunday: Bool, expected: String) {
        var days = ConfigFixtures.weekdays
        if sunday { days.insert(.sunday) }
        let installation = ConfigFixtures.installation(workingDays: days, closures: [])
        let mailing = Mailing(
            key: MailingKey(group: "g", kind: .minutes, occurrence: "2026-10"),
            due: Self.instant(now) - 86_400 * 2,
            validUntil: Self.instant(validUntil),
            audience: .list,
            recipients: ["l@example.org"],
            timeZone: TimeZone(identifier: zone)!
        )
        #expect(
            LateMailRule(installation: installation).sendInstant(for: mailing, now: Self.instant(now))
                == Self.instant(expected)
        )
    }

    @Test func thePlannerHoldsLateMailAndWakesAtItsSendTime() {
        let now = Self.instant("2026-12-02T22:29:00Z")
        let mailing = Mailing(
            key: MailingKey(group: "g", kind: .minutes, occurrence: "2026-10"),
            due: now - 86_400 * 20,
            validUntil: now + 86_400 * 20,
            audience: .list,
            recipients: ["l@example.org"],
            timeZone: TimeZone(identifier: "Europe/London")!
        )
        let plan = DeliveryPlanner.plan(
            due: [mailing],
            snapshot: LedgerSnapshot(),
            now: now,
            lateMail: LateMailRule(installation: ConfigFixtures.installation())
        )
        #expect(plan.send.isEmpty)
        #expect(plan.waiting == [PlannedWait(mailing: mailing, until: Self.instant("2026-12-03T09:00:00Z"))])
        #expect(plan.nextWake == Self.instant("2026-12-03T09:00:00Z"))
    }

    @Test func quietHoursAreReadAndSendTimeMayNotFallInside() {
        let parsed = ConfigTextFixtures.parse(
            installation: ConfigTextFixtures.installation + "quiet_hours: \"21:00-06:30\"\n"
        )
        #expect(parsed.config?.installation.quietHours.description == "21:00-06:30")
        #expect(
            ConfigTextFixtures.lines(
                installation: ConfigTextFixtures.installation + "send_time: \"08:00\"\nquiet_hours: \"20:00-08:30\"\n"
            )
                == [
                    "config/convenor.yaml:9:14: error: `send_time` 08:00 falls inside `quiet_hours` 20:00-08:30, so mail could never go on time; end the quiet hours by 08:00, e.g. `quiet_hours: \"20:00-08:00\"`"
                ]
        )
    }
}
