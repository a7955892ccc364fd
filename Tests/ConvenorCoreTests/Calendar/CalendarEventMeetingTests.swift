import ConvenorCore
import Foundation
import Testing

@Suite struct CalendarEventMeetingTests {
    static let group = Group(
        id: "customer-services-cop",
        name: "Customer Services CoP",
        type: .cop,
        network: "Academic Libraries North",
        remit: "",
        chairs: [],
        liaison: nil,
        institutions: [],
        list: "CSC@JISCMAIL.AC.UK",
        timeZone: MailSamples.london,
        termsOfReference: nil,
        cadence: nil,
        callForMembers: nil,
        meetings: [],
        mailings: [:],
        source: SourceLocation(file: "groups/customer-services-cop.yaml")
    )

    static let meeting = ScheduledMeeting(
        start: LocalDateTime(text: "2026-11-12 14:00")!,
        startInstant: MailSamples.instant("2026-11-12 14:00"),
        endInstant: MailSamples.instant("2026-11-12 15:30"),
        lengthMinutes: 90,
        place: Place(online: "https://meet.example.org/csc", venue: "Room 1, Leeds"),
        agenda: ["Welcome", "Chat services"],
        minutesPath: nil,
        window: nil
    )

    @Test func buildsTheEventFromTheMeetingAndGroup() {
        let event = CalendarEvent(
            meeting: Self.meeting,
            group: Self.group,
            occurrence: "2026-10",
            domain: "aln.example.org",
            stamp: MailSamples.sent
        )
        #expect(event.uid == "convenor.customer-services-cop.2026-10@aln.example.org")
        #expect(event.summary == "Customer Services CoP meeting")
        #expect(
            event.description
                == "Customer Services CoP (CoP, Academic Libraries North)\nJoin: https://meet.example.org/csc\n"
                + "Venue: Room 1, Leeds\n\nAgenda:\n1. Welcome\n2. Chat services"
        )
        #expect(event.location == "Room 1, Leeds" && event.url == "https://meet.example.org/csc")
        #expect(event.status == .confirmed && event.sequence == 0 && event.timeZone == MailSamples.london)
    }

    @Test func aCancellationKeepsTheUIDAndSaysSo() {
        let first = CalendarEvent(
            meeting: Self.meeting,
            group: Self.group,
            occurrence: "2026-10",
            domain: "aln.example.org",
            stamp: MailSamples.sent
        )
        let cancelled = CalendarEvent(
            meeting: Self.meeting,
            group: Self.group,
            occurrence: "2026-10",
            domain: "aln.example.org",
            sequence: 1,
            cancelled: true,
            stamp: MailSamples.sent
        )
        #expect(cancelled.uid == first.uid)
        #expect(cancelled.status == .cancelled && cancelled.sequence == 1)
        #expect(cancelled.summary == "Cancelled: Customer Services CoP meeting")
    }
}
