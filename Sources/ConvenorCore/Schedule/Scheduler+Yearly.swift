import Foundation

// Mailings tied to dates rather than meetings: the terms-of-reference review and the call for members.
// Their occurrence key is the nominal date (before moving to a working day), e.g. `2026-09-01`, so editing closures
// or working days never turns an already sent mailing into a new one.

extension Scheduler {
    /// tor-review to chairs and liaison `12 months after update`, then every year after that; valid 30 days.
    func termsOfReferenceReviews(for group: Group, years: ClosedRange<Int>) -> [Mailing] {
        guard case .afterUpdate(let span) = group.timing(for: .torReview), !span.isZero,
            let updated = group.termsOfReference?.updated
        else { return [] }
        var result: [Mailing] = []
        for yearsLater in 0... {
            // Counted from `updated` each time, so a 29 February or 31st clamps once and never drifts.
            let nominal = LocalDateTime(date: updated, time: .midnight)
                .adding(CalendarSpan(months: span.months + 12 * yearsLater, days: span.days, minutes: span.minutes))
                .date
            guard nominal.year <= years.upperBound else { break }
            guard nominal.year >= years.lowerBound else { continue }
            if let notice = dateNotice(.torReview, on: nominal, of: group) { result.append(notice) }
        }
        return result
    }

    /// call-for-members on its date, once or every year, to the wider lists; valid 30 days.
    func callsForMembers(for group: Group, years: ClosedRange<Int>) -> [Mailing] {
        guard let call = group.callForMembers, !call.to.isEmpty else { return [] }
        let dates: [LocalDate]
        switch call.on {
        case .once(let date):
            dates = [date]
        case .yearly(let month, let day):
            // "02-29" falls on 28 February in years without a leap day.
            dates = years.compactMap { year in
                LocalDate(year: year, month: month, day: min(day, LocalDate.daysIn(month: month, year: year)))
            }
        }
        return dates.compactMap { dateNotice(.callForMembers, on: $0, of: group) }
    }

    /// A mailing due at send time on `nominal` (or the working day before), valid 30 days from then.
    func dateNotice(_ kind: MailingKind, on nominal: LocalDate, of group: Group) -> Mailing? {
        guard case let (day, due)? = sendInstant(onOrBefore: nominal, in: group) else { return nil }
        let validUntil = LocalDateTime(date: day, time: config.installation.sendTime).adding(Self.validity(of: kind))
            .instant(in: group.timeZone)
        return mailing(kind, nominal.description, of: group, due: due, validUntil: validUntil)
    }
}
