import ConvenorCore
import Testing

@Suite struct GoldenMessageTests {
    @Test(arguments: MailSamples.messages.map(\.name))
    func composedMessageMatchesItsGoldenFileByteForByte(name: String) throws {
        let message = try #require(MailSamples.messages.first { $0.name == name }?.message)
        let bytes = try MessageComposer().compose(message)
        try GoldenFiles.compare(bytes, to: "\(name).eml")
        #expect(MessageInvariants.problems(in: bytes).isEmpty)
    }

    @Test(arguments: MailSamples.calendars.map(\.name))
    func calendarMatchesItsGoldenFileByteForByte(name: String) throws {
        let events = try #require(MailSamples.calendars.first { $0.name == name }?.events)
        let text = ICalendarWriter.publish(events: events, productID: MailSamples.productID)
        try GoldenFiles.compare(Array(text.utf8), to: "\(name).ics")
    }

    @Test func agendaCalendarIsAlsoAGoldenFile() throws {
        let text = try #require(MailSamples.agenda.calendar?.text)
        try GoldenFiles.compare(Array(text.utf8), to: "agenda-with-calendar.ics")
    }
}
