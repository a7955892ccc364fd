import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// Wall times to instants and back in zones that change their clocks, on both changes of 2026 and 2027.
@Suite struct ZoneConversionTests {
    /// (zone, local wall time, expected UTC instant, what the case is).
    static let wallTimes: [(String, String, String, String)] = [
        // Europe/London: 29 Mar 2026 and 28 Mar 2027 01:00 GMT → 02:00 BST; 25 Oct 2026, 31 Oct 2027 back.
        ("Europe/London", "2026-03-29 00:30", "2026-03-29T00:30:00Z", "before the spring change"),
        ("Europe/London", "2026-03-29 01:30", "2026-03-29T01:30:00Z", "in the gap: shown as 02:30 BST"),
        ("Europe/London", "2026-03-29 02:00", "2026-03-29T01:00:00Z", "first minute of BST"),
        ("Europe/London", "2026-07-01 09:00", "2026-07-01T08:00:00Z", "summer"),
        ("Europe/London", "2026-10-25 01:00", "2026-10-25T00:00:00Z", "overlap: earlier, BST"),
        ("Europe/London", "2026-10-25 01:30", "2026-10-25T00:30:00Z", "overlap: earlier, BST"),
        ("Europe/London", "2026-10-25 02:00", "2026-10-25T02:00:00Z", "after the autumn change"),
        ("Europe/London", "2026-12-01 09:00", "2026-12-01T09:00:00Z", "winter"),
        ("Europe/London", "2027-03-28 01:00", "2027-03-28T01:00:00Z", "start of the gap: shown as 02:00 BST"),
        ("Europe/London", "2027-03-28 14:00", "2027-03-28T13:00:00Z", "afternoon of the spring change"),
        ("Europe/London", "2027-10-31 01:59", "2027-10-31T00:59:00Z", "overlap 2027: earlier, BST"),
        // America/New_York: 8 Mar 2026, 14 Mar 2027 02:00 EST → 03:00 EDT; 1 Nov 2026, 7 Nov 2027 back.
        ("America/New_York", "2026-03-08 01:59", "2026-03-08T06:59:00Z", "last minute of EST"),
        ("America/New_York", "2026-03-08 02:30", "2026-03-08T07:30:00Z", "in the gap: shown as 03:30 EDT"),
        ("America/New_York", "2026-03-08 03:00", "2026-03-08T07:00:00Z", "first minute of EDT"),
        ("America/New_York", "2026-11-01 00:59", "2026-11-01T04:59:00Z", "before the overlap"),
        ("America/New_York", "2026-11-01 01:30", "2026-11-01T05:30:00Z", "overlap: earlier, EDT"),
        ("America/New_York", "2026-11-01 02:00", "2026-11-01T07:00:00Z", "after the autumn change"),
        ("America/New_York", "2027-03-14 02:15", "2027-03-14T07:15:00Z", "in the 2027 gap: 03:15 EDT"),
        ("America/New_York", "2027-03-14 14:00", "2027-03-14T18:00:00Z", "afternoon of the spring change"),
        ("America/New_York", "2027-11-07 01:00", "2027-11-07T05:00:00Z", "overlap 2027: earlier, EDT"),
        // Australia/Sydney: 5 Apr 2026, 4 Apr 2027 03:00 AEDT → 02:00 AEST; 4 Oct 2026, 3 Oct 2027 forward.
        ("Australia/Sydney", "2026-04-05 02:30", "2026-04-04T15:30:00Z", "overlap: earlier, AEDT"),
        ("Australia/Sydney", "2026-04-05 03:00", "2026-04-04T17:00:00Z", "after the autumn change"),
        ("Australia/Sydney", "2026-06-10 14:00", "2026-06-10T04:00:00Z", "winter"),
        ("Australia/Sydney", "2026-10-04 02:30", "2026-10-03T16:30:00Z", "in the gap: shown as 03:30 AEDT"),
        ("Australia/Sydney", "2026-10-04 03:00", "2026-10-03T16:00:00Z", "first minute of AEDT"),
        ("Australia/Sydney", "2027-04-04 02:00", "2027-04-03T15:00:00Z", "overlap 2027: earlier, AEDT"),
        ("Australia/Sydney", "2027-10-03 02:00", "2027-10-02T16:00:00Z", "start of the 2027 gap: 03:00 AEDT"),
        ("UTC", "2026-10-25 01:30", "2026-10-25T01:30:00Z", "no changes at all"),
    ]

    @Test(arguments: wallTimes)
    func wallTimeResolvesToTheExpectedInstant(zone: String, wall: String, utc: String, why: String) throws {
        let instant = ConfigFixtures.dateTime(wall).instant(in: ConfigFixtures.zone(zone))
        #expect(instant == (try Self.utc(utc)), "\(zone) \(wall): \(why)")
    }

    /// (zone, wall time in a gap, the wall time it is shown as afterwards).
    @Test(arguments: [
        ("Europe/London", "2026-03-29 01:30", "2026-03-29 02:30"),
        ("Europe/London", "2027-03-28 01:00", "2027-03-28 02:00"),
        ("America/New_York", "2026-03-08 02:30", "2026-03-08 03:30"),
        ("America/New_York", "2027-03-14 02:59", "2027-03-14 03:59"),
        ("Australia/Sydney", "2026-10-04 02:30", "2026-10-04 03:30"),
        ("Australia/Sydney", "2027-10-03 02:00", "2027-10-03 03:00"),
    ])
    func wallTimeInAGapMovesForwardByTheGap(zone: String, wall: String, shown: String) {
        let timeZone = ConfigFixtures.zone(zone)
        let instant = ConfigFixtures.dateTime(wall).instant(in: timeZone)
        #expect(LocalDateTime(instant: instant, in: timeZone) == ConfigFixtures.dateTime(shown))
    }

    /// (zone, UTC instant, wall time it shows); both sides of each overlap read back distinctly.
    @Test(arguments: [
        ("Europe/London", "2026-10-25T00:30:00Z", "2026-10-25 01:30"),
        ("Europe/London", "2026-10-25T01:30:00Z", "2026-10-25 01:30"),
        ("Europe/London", "2027-03-28T00:59:59Z", "2027-03-28 00:59"),
        ("Europe/London", "2027-03-28T01:00:00Z", "2027-03-28 02:00"),
        ("America/New_York", "2026-11-01T05:30:00Z", "2026-11-01 01:30"),
        ("America/New_York", "2026-11-01T06:30:00Z", "2026-11-01 01:30"),
        ("America/New_York", "2027-01-01T04:59:00Z", "2026-12-31 23:59"),
        ("Australia/Sydney", "2026-04-04T15:30:00Z", "2026-04-05 02:30"),
        ("Australia/Sydney", "2026-04-04T16:30:00Z", "2026-04-05 02:30"),
        ("Australia/Sydney", "2026-12-31T13:00:00Z", "2027-01-01 00:00"),
        ("UTC", "1969-12-31T23:30:00Z", "1969-12-31 23:30"),
    ])
    func instantReadsAsTheLocalWallTime(zone: String, utc: String, wall: String) throws {
        let timeZone = ConfigFixtures.zone(zone)
        let instant = try Self.utc(utc)
        #expect(LocalDateTime(instant: instant, in: timeZone) == ConfigFixtures.dateTime(wall))
        #expect(LocalDate(instant: instant, in: timeZone) == ConfigFixtures.dateTime(wall).date)
    }

    /// Every half hour of 2026 and 2027 reads back as itself, except in a gap, where it reads an hour later.
    @Test(arguments: ["Europe/London", "America/New_York", "Australia/Sydney"])
    func unambiguousWallTimesRoundTrip(zone: String) {
        let timeZone = ConfigFixtures.zone(zone)
        var wall = ConfigFixtures.dateTime("2026-01-01 00:00")
        var mismatches: [String] = []
        while wall < ConfigFixtures.dateTime("2028-01-01 00:00") {
            let back = LocalDateTime(instant: wall.instant(in: timeZone), in: timeZone)
            if back != wall && back != wall.adding(minutes: 60) { mismatches.append("\(wall) → \(back)") }
            wall = wall.adding(minutes: 30)
        }
        #expect(mismatches.isEmpty)
    }

    /// (zone, UTC instant, ISO 8601 with the offset in force at that instant).
    @Test(arguments: [
        ("Europe/London", "2026-10-15T08:00:00Z", "2026-10-15T09:00:00+01:00"),
        ("Europe/London", "2026-11-12T14:00:00Z", "2026-11-12T14:00:00+00:00"),
        ("America/New_York", "2026-11-01T05:30:00Z", "2026-11-01T01:30:00-04:00"),
        ("America/New_York", "2026-11-01T06:30:00Z", "2026-11-01T01:30:00-05:00"),
        ("Australia/Sydney", "2026-10-03T16:30:00Z", "2026-10-04T03:30:00+11:00"),
        ("Asia/Kolkata", "2026-10-15T03:30:45Z", "2026-10-15T09:00:45+05:30"),
        ("UTC", "2026-10-15T09:00:00Z", "2026-10-15T09:00:00+00:00"),
    ])
    func iso8601CarriesTheOffsetAtThatInstant(zone: String, utc: String, expected: String) throws {
        #expect(try Self.utc(utc).iso8601(in: ConfigFixtures.zone(zone)) == expected)
    }

    /// (zone, UTC instant, abbreviation people use).
    @Test(arguments: [
        ("Europe/London", "2026-10-15T08:00:00Z", "BST"), ("Europe/London", "2026-12-15T08:00:00Z", "GMT"),
        ("America/New_York", "2026-10-15T08:00:00Z", "EDT"), ("America/New_York", "2026-12-15T08:00:00Z", "EST"),
        ("Australia/Sydney", "2026-06-15T08:00:00Z", "AEST"), ("Australia/Sydney", "2026-12-15T08:00:00Z", "AEDT"),
    ])
    func readableAbbreviationIsTheOneLocalsUse(zone: String, utc: String, expected: String) throws {
        #expect(ConfigFixtures.zone(zone).readableAbbreviation(for: try Self.utc(utc)) == expected)
    }

    static func utc(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text), "bad test instant \(text)")
    }
}
