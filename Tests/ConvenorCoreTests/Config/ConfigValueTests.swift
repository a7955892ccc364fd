import Testing

@testable import ConvenorCore

/// The phrases chairs write, and what they mean.
@Suite struct ConfigValueTests {
    @Test(arguments: [
        ("28 days before", MailingKind.announcement, MailingTiming.before(CalendarSpan(days: 28))),
        ("1 day before", .reminder, .before(CalendarSpan(days: 1))),
        ("2 hours before", .reminder, .before(CalendarSpan(minutes: 120))),
        ("1 hour 30 minutes before", .reminder, .before(CalendarSpan(minutes: 90))),
        ("8 weeks before window", .confirmDate, .beforeWindow(CalendarSpan(days: 56))),
        ("14 days after", .minutesChase, .after(CalendarSpan(days: 14))),
        ("12 months after update", .torReview, .afterUpdate(CalendarSpan(months: 12))),
        ("1 year after update", .torReview, .afterUpdate(CalendarSpan(months: 12))),
        ("off", .agenda, .off),
        ("OFF", .confirmDate, .off),
    ])
    func timingPhrasesAreRead(text: String, kind: MailingKind, expected: MailingTiming) throws {
        #expect(try DurationText.timing(text, for: kind).get() == expected)
    }

    @Test(arguments: [
        ("28 days after", MailingKind.announcement),
        ("8 weeks before", .confirmDate),
        ("14 days before", .minutesChase),
        ("12 months after", .torReview),
        ("soon", .agenda),
        ("1 fortnight before", .agenda),
        ("1 day before", .callForMembers),
    ])
    func timingPhrasesOfTheWrongFormAreRefused(text: String, kind: MailingKind) {
        #expect(throws: ValueProblem.self) { try DurationText.timing(text, for: kind).get() }
    }

    @Test(arguments: [("90 minutes", 90), ("1 hour 30 minutes", 90), ("2 hours", 120), ("1 hour", 60)])
    func meetingLengthsAreRead(text: String, minutes: Int) throws {
        #expect(try DurationText.meetingLength(text).get() == minutes)
    }

    @Test(arguments: ["2 days", "0 minutes", "ninety minutes", "90"])
    func impossibleMeetingLengthsAreRefused(text: String) {
        #expect(throws: ValueProblem.self) { try DurationText.meetingLength(text).get() }
    }

    @Test(arguments: [
        ("Feb", 2, 2), ("Oct-Nov", 10, 11), ("october-november", 10, 11), ("Dec-Jan", 12, 1), ("JUNE", 6, 6),
        ("Sept", 9, 9), ("Oct–Nov", 10, 11),
    ])
    func windowsAreRead(text: String, first: Int, last: Int) throws {
        #expect(try MonthWindow.parse(text).get() == MonthWindow(firstMonth: first, lastMonth: last))
    }

    @Test func windowsCrossingTheYearEndKeyByTheirFirstMonth() throws {
        let window = try MonthWindow.parse("Dec-Jan").get()
        #expect(window.occurrenceKey(for: LocalDate(year: 2027, month: 1, day: 14)!) == "2026-12")
        #expect(window.occurrenceKey(for: LocalDate(year: 2026, month: 12, day: 3)!) == "2026-12")
    }

    @Test(arguments: [
        ("second Wednesday 14:00", ProposeRule.Ordinal.second, Weekday.wednesday, "14:00"),
        ("last fri 9:30", .last, .friday, "09:30"),
        ("2nd Wed, 14:00", .second, .wednesday, "14:00"),
        ("FIRST MONDAY at 10:00", .first, .monday, "10:00"),
    ])
    func proposeRulesAreRead(text: String, ordinal: ProposeRule.Ordinal, weekday: Weekday, time: String) throws {
        let rule = try ProposeRule.parse(text).get()
        #expect(rule == ProposeRule(ordinal: ordinal, weekday: weekday, time: LocalTime(text: time)!))
    }

    @Test(arguments: ["fifth Wednesday 14:00", "second Wednesday", "second Wednesday 25:00", "every Wednesday 14:00"])
    func badProposeRulesAreRefused(text: String) {
        #expect(throws: ValueProblem.self) { try ProposeRule.parse(text).get() }
    }

    @Test(arguments: [
        "c.townson@example.ac.uk", "ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK", "resource-sharing-cop@googlegroups.com",
    ])
    func goodAddressesPass(address: String) {
        #expect(MailAddress.validate(address) == nil)
    }

    @Test(arguments: [
        "c.townson", "a@b", "a b@example.org", "a@@example.org", "<a@example.org>", "a@example.org\r\n",
        "é@example.org",
    ])
    func badAddressesAreRefused(address: String) {
        #expect(MailAddress.validate(address) != nil)
    }

    @Test func fromAddressKeepsItsDisplayName() throws {
        let from = try MailAddress.parse("ALN Groups <groups@aln.example.org>").get()
        #expect(from == MailAddress(displayName: "ALN Groups", address: "groups@aln.example.org"))
    }

    @Test(arguments: [
        ("../state", "/srv/aln/config", "/srv/aln/state"),
        ("minutes/x.md", "/srv/aln/config/groups", "/srv/aln/config/groups/minutes/x.md"),
        ("/var/lib/convenor", "/srv/aln/config", "/var/lib/convenor"),
        ("./a/../b", "/srv", "/srv/b"),
    ])
    func pathsResolveAgainstTheFilesDirectory(written: String, directory: String, expected: String) {
        #expect(ConfigPath.resolve(written, against: directory) == expected)
    }

    @Test(arguments: [
        ("timezon", "timezone"), ("Nvo", "Nov"), ("Europe/Lundon", "Europe/London"), ("windwos", "windows"),
    ])
    func suggestionsFindTheIntendedWord(typo: String, intended: String) {
        let candidates = ["timezone", "Nov", "Europe/London", "Europe/Lisbon", "windows", "network", "Oct"]
        #expect(Suggestion.closest(to: typo, in: candidates) == intended)
    }
}
