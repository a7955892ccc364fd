import ConvenorTesting
import Foundation
import Testing

@testable import ConvenorCore

/// Issue 15: `schedule` and `preview` say when mail held by quiet hours will actually go, and why not now.
@Suite struct HeldMailReportTests {
    static func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// The customer-services agenda (due Thu 2026-11-05 09:00, not sent yet) as seen at `now`.
    static func outlook(now: String) -> (Outlook, LateMailRule, Date) {
        let config = ConfigFixtures.config(groups: [ConfigFixtures.customerServicesCoP()])
        let instant = Self.instant(now)
        let outlook = Outlook(
            config: config,
            existingMinutes: [],
            snapshot: LedgerSnapshot(),
            from: Self.instant("2026-11-05T00:00:00Z"),
            to: Self.instant("2026-11-10T00:00:00Z"),
            now: instant
        )
        return (outlook, LateMailRule(installation: config.installation), instant)
    }

    @Test(arguments: [
        // Thursday 22:30: quiet hours, so Friday morning.
        (
            "2026-11-05T22:30:00Z",
            "held until working hours: customer-services-cop/agenda/2026-10/0 goes Fri 2026-11-06 09:00 GMT, the next send_time on a working day (22:30 is inside quiet_hours 20:00-07:00)\n"
        ),
        // Saturday noon: not a working day, so Monday morning.
        (
            "2026-11-07T12:00:00Z",
            "held until working hours: customer-services-cop/agenda/2026-10/0 goes Mon 2026-11-09 09:00 GMT, the next send_time on a working day (Saturday is not a working day)\n"
        ),
    ])
    func theScheduleTableSaysWhenHeldMailGoes(now: String, line: String) {
        let (outlook, rule, instant) = Self.outlook(now: now)
        let table = ScheduleReport.table(outlook.mailings, held: rule.notes(for: outlook.plan.waiting, now: instant))
        #expect(
            table.hasSuffix(
                "Thu 2026-11-05 09:00 GMT  customer-services-cop  agenda  2026-10     list      meeting Thu 2026-11-12 14:00 GMT  ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK\n"
                    + line
            )
        )
    }

    @Test func theJSONCarriesWhenHeldMailIsSent() {
        let (outlook, _, _) = Self.outlook(now: "2026-11-05T22:30:00Z")
        let held = Dictionary(uniqueKeysWithValues: outlook.plan.waiting.map { ($0.mailing.key, $0.until) })
        let json = ScheduleReport.json(outlook.mailings, held: held)
        #expect(json.contains("\"sends\" : \"2026-11-06T09:00:00+00:00\""))
        #expect(json.components(separatedBy: "\"sends\"").count == 2)
    }

    @Test func mailOnTimeIsNotHeld() {
        let (outlook, rule, instant) = Self.outlook(now: "2026-11-05T09:00:00Z")
        #expect(rule.notes(for: outlook.plan.waiting, now: instant).isEmpty)
        #expect(!ScheduleReport.table(outlook.mailings).contains("held"))
    }

    @Test func aClosureIsNamed() {
        let rule = LateMailRule(installation: ConfigFixtures.installation(closures: ["2026-11-06"]))
        #expect(
            rule.reason(now: Self.instant("2026-11-06T12:00:00Z"), zone: TimeZone(identifier: "Europe/London")!)
                == "2026-11-06 is a closure"
        )
    }
}
