import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// What `convenor schedule` prints, byte for byte.
@Suite struct ScheduleReportTests {
    typealias Support = ScheduleTestSupport

    static func mailings(from: String, to: String, zone: String = "Europe/London") throws -> [Mailing] {
        try Support.mailings(ConfigFixtures.customerServicesCoP(timeZone: zone), from: from, to: to)
    }

    @Test func jsonCarriesTheOffsetInForceAtEachInstant() throws {
        // Due in BST, the meeting it announces in GMT.
        let json = ScheduleReport.json(try Self.mailings(from: "2026-10-15", to: "2026-10-16"))
        #expect(
            json == """
                [
                  {
                    "audience" : "list",
                    "due" : "2026-10-15T09:00:00+01:00",
                    "group" : "customer-services-cop",
                    "key" : "customer-services-cop/announcement/2026-10/0",
                    "kind" : "announcement",
                    "meeting" : "2026-11-12T14:00:00+00:00",
                    "occurrence" : "2026-10",
                    "to" : [
                      "ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK"
                    ],
                    "valid_until" : "2026-11-12T14:00:00+00:00",
                    "window" : "2026-10-01..2026-11-30"
                  }
                ]

                """
        )
    }

    @Test func jsonForChairsNudgesListsRecipientsAndCandidates() throws {
        let json = ScheduleReport.json(try Self.mailings(from: "2026-11-26", to: "2026-12-08"))
        #expect(
            json == """
                [
                  {
                    "audience" : "chairs",
                    "due" : "2026-11-26T09:00:00+00:00",
                    "group" : "customer-services-cop",
                    "key" : "customer-services-cop/minutes-chase/2026-10/0",
                    "kind" : "minutes-chase",
                    "meeting" : "2026-11-12T14:00:00+00:00",
                    "occurrence" : "2026-10",
                    "to" : [
                      "c.townson@example.ac.uk",
                      "r.gladwin@example.ac.uk"
                    ],
                    "valid_until" : "2026-12-26T09:00:00+00:00",
                    "window" : "2026-10-01..2026-11-30"
                  },
                  {
                    "audience" : "chairs",
                    "candidates" : [
                      "2027-02-10T14:00:00+00:00"
                    ],
                    "due" : "2026-12-07T09:00:00+00:00",
                    "group" : "customer-services-cop",
                    "key" : "customer-services-cop/confirm-date/2027-02~2026-12-07/0",
                    "kind" : "confirm-date",
                    "occurrence" : "2027-02~2026-12-07",
                    "to" : [
                      "c.townson@example.ac.uk",
                      "r.gladwin@example.ac.uk"
                    ],
                    "valid_until" : "2027-02-10T14:00:00+00:00",
                    "window" : "2027-02-01..2027-02-28"
                  }
                ]

                """
        )
    }

    @Test func jsonOfNoMailingsIsAnEmptyArray() {
        #expect(ScheduleReport.json([]) == "[]\n")
    }

    @Test func tableAlignsOneLinePerMailingInLocalTime() throws {
        let table = ScheduleReport.table(try Self.mailings(from: "2026-11-05", to: "2026-12-08"))
        let expected = [
            "DUE                       GROUP                  KIND           OCCURRENCE          AUDIENCE  "
                + "CONCERNS                          TO",
            "Thu 2026-11-05 09:00 GMT  customer-services-cop  agenda         2026-10             list      "
                + "meeting Thu 2026-11-12 14:00 GMT  ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK",
            "Thu 2026-11-26 09:00 GMT  customer-services-cop  minutes-chase  2026-10             chairs    "
                + "meeting Thu 2026-11-12 14:00 GMT  c.townson@example.ac.uk, r.gladwin@example.ac.uk",
            "Mon 2026-12-07 09:00 GMT  customer-services-cop  confirm-date   2027-02~2026-12-07  chairs    "
                + "window Feb 2027                   c.townson@example.ac.uk, r.gladwin@example.ac.uk",
        ]
        #expect(table == expected.joined(separator: "\n") + "\n")
    }

    @Test func tableNamesTheZoneAbbreviationInForceAtEachTime() throws {
        let table = ScheduleReport.table(
            try Self.mailings(from: "2026-10-22", to: "2026-10-23", zone: "America/New_York")
        )
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.last?.hasPrefix("Thu 2026-10-22 09:00 EDT  customer-services-cop  call-for-agenda") == true)
        #expect(lines.last?.contains("meeting Thu 2026-11-12 14:00 EST") == true)
    }

    @Test func tableOfNoMailingsSaysSo() {
        #expect(ScheduleReport.table([]) == "No mailings in this period.\n")
    }
}
