import Foundation

extension TemplateContext {
    /// A meeting's fields, with wall times computed from its instants in the group's zone.
    static func meeting(_ meeting: ScheduledMeeting, zone: TimeZone) -> TemplateValue {
        // From the instants, not the configured wall time: a start in a spring-forward gap prints as it will happen.
        let start = LocalDateTime(instant: meeting.startInstant, in: zone)
        let end = LocalDateTime(instant: meeting.endInstant, in: zone)
        let zoneName = ZoneAbbreviation.of(zone, at: meeting.startInstant)
        let time = TemplateDates.range(
            from: start.time,
            to: end.time,
            zones: (zoneName, ZoneAbbreviation.of(zone, at: meeting.endInstant))
        )
        var object = TemplateObjectBuilder()
        object.set("date_long", TemplateDates.long(start.date))
        object.set("date", start.date.description)
        object.set("time", time)
        object.set("start_time", start.time.description)
        object.set("end_time", end.time.description)
        object.set("zone", zoneName)
        object.set("time_zone", zone.identifier)
        object.set("when", "\(TemplateDates.long(start.date)), \(TemplateDates.withZone(time, zoneName))")
        object.set("start_utc", TemplateDates.utc(meeting.startInstant))
        object.set("length", CalendarSpan(minutes: meeting.lengthMinutes).description)
        object.set("online", meeting.place.online.map(RenderText.oneLine))
        object.set("venue", meeting.place.venue.map(RenderText.oneLine))
        let items = meeting.agenda.map(RenderText.oneLine).filter { !$0.isEmpty }
        object.set(
            "agenda",
            list: items.enumerated().map { index, text in
                .object(["number": .text(String(index + 1)), "text": .text(text)])
            }
        )
        object.set("minutes_file", meeting.minutesPath)
        object.set("minutes_file_suggested", "minutes/\(meeting.start.date).md")
        return object.value
    }

    /// A proposed date for confirm-date; `start` is exactly what chairs write after `start:`.
    static func candidate(number: Int, start: LocalDateTime, lengthMinutes: Int, zone: TimeZone) -> TemplateValue {
        let startInstant = start.instant(in: zone)
        let endInstant = startInstant.addingTimeInterval(Double(lengthMinutes * 60))
        let startWall = LocalDateTime(instant: startInstant, in: zone)
        let endWall = LocalDateTime(instant: endInstant, in: zone)
        let zoneName = ZoneAbbreviation.of(zone, at: startInstant)
        let time = TemplateDates.range(
            from: startWall.time,
            to: endWall.time,
            zones: (zoneName, ZoneAbbreviation.of(zone, at: endInstant))
        )
        let dateLong = TemplateDates.long(startWall.date)
        return .object([
            "number": .text(String(number)),
            "date_long": .text(dateLong),
            "time": .text(time),
            "zone": .text(zoneName),
            "when": .text("\(dateLong), \(TemplateDates.withZone(time, zoneName))"),
            "start": .text(start.description),
        ])
    }

    /// The day agenda items are due: the last working day before the agenda mailing's day.
    ///
    /// The agenda mailing's day is found as the schedule finds it (the meeting's start minus the group's `agenda:`
    /// timing, moved back to a working day). With the agenda mailing off, items are due the working day before the
    /// meeting.
    static func agendaDeadline(meetingStart: LocalDateTime, group: Group, installation: Installation) -> LocalDate {
        var agendaDay = meetingStart.date
        if case .before(let span) = group.timing(for: .agenda) {
            agendaDay = meetingStart.subtracting(span).date
        }
        agendaDay = installation.previousWorkingDay(onOrBefore: agendaDay) ?? agendaDay
        let dayBefore = agendaDay.adding(days: -1)
        return installation.previousWorkingDay(onOrBefore: dayBefore) ?? dayBefore
    }
}
