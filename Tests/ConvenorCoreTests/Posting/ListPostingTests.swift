import ConvenorCore
import Testing

/// The group's `posting:` profile shows in list posts, exactly, and nowhere else.
@Suite struct ListPostingTests {
    static let poster = MailAddress(address: "csc-poster@aln.example.org")
    static let everything = PostingProfile(
        from: poster,
        approvedPasswordCredential: "csc-approved",
        autoSubmitted: true,
        attachCalendar: false
    )

    @Test func theWholeProfileAppliesToListPostsOnly() throws {
        let all = try AssemblyFixture.assembled(
            AssemblyFixture.config(posting: Self.everything),
            approval: .password("s3cret-Approval")
        )
        let kinds = Set(all.map(\.mailing.key.kind))
        // The year holds list posts and mail to people alike, so both halves below are exercised.
        #expect(kinds.isSuperset(of: [.announcement, .callForAgenda, .agenda, .minutes, .confirmDate, .torReview]))
        for assembled in all {
            let kind = assembled.mailing.key.kind
            let text = String(decoding: assembled.bytes, as: UTF8.self)
            if assembled.mailing.audience == .list {
                #expect(
                    AssemblyFixture.header("From", in: assembled) == ["From: ALN Groups <csc-poster@aln.example.org>"]
                )
                #expect(assembled.envelopeFrom == "csc-poster@aln.example.org")
                #expect(AssemblyFixture.header("Approved", in: assembled) == ["Approved: s3cret-Approval"], "\(kind)")
                #expect(AssemblyFixture.header("Auto-Submitted", in: assembled) == ["Auto-Submitted: auto-generated"])
                #expect(!text.contains("text/calendar"), "\(kind)")
                #expect(assembled.calendar == nil)
            } else {
                #expect(AssemblyFixture.header("From", in: assembled) == ["From: ALN Groups <groups@aln.example.org>"])
                #expect(assembled.envelopeFrom == "groups@aln.example.org")
                #expect(AssemblyFixture.header("Approved", in: assembled).isEmpty, "\(kind)")
                #expect(!text.contains("s3cret-Approval"))
                let automated = assembled.mailing.audience.isAutomatedNotice
                #expect(AssemblyFixture.header("Auto-Submitted", in: assembled).count == (automated ? 1 : 0), "\(kind)")
            }
        }
    }

    @Test func withoutAProfileListPostsCarryTheCalendarAndNoAutoSubmitted() throws {
        let all = try AssemblyFixture.assembled(AssemblyFixture.config())
        for assembled in all where assembled.mailing.audience == .list {
            let kind = assembled.mailing.key.kind
            #expect(AssemblyFixture.header("From", in: assembled) == ["From: ALN Groups <groups@aln.example.org>"])
            #expect(AssemblyFixture.header("Auto-Submitted", in: assembled).isEmpty, "\(kind)")
            #expect(AssemblyFixture.header("Approved", in: assembled).isEmpty)
            let text = String(decoding: assembled.bytes, as: UTF8.self)
            #expect(text.contains("Content-Type: text/calendar") == kind.carriesCalendar, "\(kind)")
            #expect((assembled.calendar != nil) == kind.carriesCalendar, "\(kind)")
        }
        // Chairs' nudges keep Auto-Submitted whatever the profile says.
        let nudges = all.filter { $0.mailing.audience.isAutomatedNotice }
        #expect(!nudges.isEmpty)
        #expect(nudges.allSatisfy { AssemblyFixture.header("Auto-Submitted", in: $0).count == 1 })
    }

    @Test func attachICSFalseAloneDropsOnlyTheCalendar() throws {
        let profile = PostingProfile(attachCalendar: false)
        let all = try AssemblyFixture.assembled(AssemblyFixture.config(posting: profile))
        let announcement = try #require(all.first { $0.mailing.key.kind == .announcement })
        let text = String(decoding: announcement.bytes, as: UTF8.self)
        #expect(!text.contains("text/calendar") && !text.contains(".ics"))
        #expect(announcement.calendar == nil)
        // The text still says when and where.
        #expect(announcement.rendered.body.contains("https://teams.example.org/l/meetup-join/customer-services"))
        #expect(AssemblyFixture.header("Auto-Submitted", in: announcement).isEmpty)
    }

    @Test func aPreviewShowsTheApprovedHeaderRedacted() throws {
        let all = try AssemblyFixture.assembled(AssemblyFixture.config(posting: Self.everything), approval: .redacted)
        let agenda = try #require(all.first { $0.mailing.key.kind == .agenda })
        #expect(AssemblyFixture.header("Approved", in: agenda) == ["Approved: <redacted>"])
        #expect("\(ListApproval.password("s3cret-Approval"))" == "<redacted>")
    }

    @Test func aListPostWithoutTheReadPasswordIsRefusedNotSentUnapproved() throws {
        let config = AssemblyFixture.config(posting: Self.everything)
        let assembler = try AssemblyFixture.assembler(config)
        let agenda = try #require(AssemblyFixture.mailings(config).first { $0.key.kind == .agenda })
        let error = #expect(throws: AssemblyError.self) { try assembler.assemble(agenda, date: agenda.due) }
        #expect(error?.reason.contains("`posting.approved_password_credential`") == true)
        // Mail to chairs needs no password.
        let nudge = try #require(AssemblyFixture.mailings(config).first { $0.key.kind == .confirmDate })
        #expect(throws: Never.self) { try assembler.assemble(nudge, date: nudge.due) }
    }
}
