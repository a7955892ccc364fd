@testable import ConvenorCore
import Foundation
import Testing

/// Each kind's descriptor is the one place that says what it is; these hold the descriptors to each other and to
/// the documentation a chair reads, so a new kind cannot be half added.
@Suite struct MailingKindDescriptorTests {
    @Test(arguments: MailingKind.allCases) func aTimedKindHasAnExampleOfItsOwnForm(kind: MailingKind) {
        let descriptor = kind.descriptor
        if let timing = descriptor.defaultTiming {
            let parsed = DurationText.timing(descriptor.timingExample, for: kind)
            #expect((try? parsed.get()) != nil, "\(kind): example `\(descriptor.timingExample)` does not parse")
            #expect(MailingTiming.defaults[kind] == timing)
        } else {
            #expect(descriptor.timingExample == "off")
            #expect(MailingTiming.defaults[kind] == nil)
        }
    }

    @Test(arguments: MailingKind.allCases) func onlyMailBeforeAMeetingHasAPlaceInItsSequence(kind: MailingKind) {
        let beforeMeeting = kind.descriptor.anchor == .beforeMeeting
        #expect((kind.meetingSequence != nil) == beforeMeeting, "\(kind)")
        if beforeMeeting { #expect(kind.descriptor.concernsMeeting, "\(kind)") }
    }

    @Test func theSequenceIsTheOrderMembersReceiveTheMail() {
        let sequence = MailingKind.allCases.filter { $0.meetingSequence != nil }.sorted {
            $0.meetingSequence! < $1.meetingSequence!
        }
        #expect(sequence == [.announcement, .callForAgenda, .agenda, .reminder])
    }

    /// templates/README.md's table names every template file, so a chair finds the mail they want to reword.
    @Test(arguments: TemplateKind.all) func theTemplatesREADMEListsEveryKind(kind: TemplateKind) throws {
        let readme = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates/README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        #expect(text.contains("| `\(kind.relativePath())` |"), "templates/README.md has no row for \(kind)")
    }
}
