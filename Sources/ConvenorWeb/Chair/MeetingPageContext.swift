/// A problem next to the form it is about.
struct ProblemText: Sendable {
    var problem: String
    var fix: String
}

/// `/chair/ID/meeting/OCCURRENCE`.
struct MeetingPageContext: Sendable, SignedInContext {
    var network: String
    var address: String
    var csrf: String
    var id: String
    var name: String
    var occurrence: String
    var meetingText: String
    var stateText: String
    var placeText: String
    var firstDay: String
    var lastDay: String
    var seen: String
    var readOnly: Bool
    var hasOwner: Bool
    var ownerLine: String
    var agendaSent: Bool
    var agendaMessageID: String
    var agenda: String
    var agendaItems: [String]
    var date: String
    var time: String
    var online: String
    var venue: String
    var moveReason: String
    var cancelReason: String
    var hasAgendaProblems: Bool
    var hasMoveProblems: Bool
    var hasCancelProblems: Bool
    var agendaProblems: [ProblemText]
    var moveProblems: [ProblemText]
    var cancelProblems: [ProblemText]
    var moveNotice: String
    var cancelNotice: String
    var hasMoveNotice: Bool
    var hasCancelNotice: Bool
    var noticeDigest: String
}
