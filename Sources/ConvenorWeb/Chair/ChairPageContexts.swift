import ConvenorCore
import Foundation

/// The header's "signed in as" part, shared by every signed-in page.
protocol SignedInContext {
    var address: String { get }
    var csrf: String { get }
}

/// `/chair`: the groups the signed-in person may open.
struct ChairHomeContext: Sendable, SignedInContext {
    struct Entry: Sendable {
        var id: String
        var name: String
        var roleText: String
        var taskCount: Int
        var taskText: String
    }

    var network: String
    var address: String
    var csrf: String
    var groups: [Entry]
}

/// `/chair/ID`.
struct ChairGroupContext: Sendable, SignedInContext {
    struct Task: Sendable {
        var index: Int
        var title: String
        var details: [String]
        var hasAction: Bool
        var actionHref: String
        var actionText: String
    }

    struct Change: Sendable {
        var number: Int
        var when: String
        var who: String
        var what: String
        var occurrence: String
        var summary: String
    }

    struct UpcomingMeeting: Sendable {
        var when: String
        var href: String
        var actionText: String
    }

    struct FileFact: Sendable {
        var what: String
        var line: String
    }

    struct Entry: Sendable {
        var when: String
        var what: String
        var to: String
        var about: String
    }

    struct Month: Sendable {
        var title: String
        var hasEntries: Bool
        var entries: [Entry]
    }

    struct Sent: Sendable {
        var when: String
        var what: String
        var occurrence: String
        var messageID: String
        var outcome: Outcome
    }

    /// What the list did with a post, from `ListOutcome`; flags rather than optionals for Mustache's sections.
    struct Outcome: Sendable {
        var state: String
        var stateClass: String
        var happened: String
        var needsChairs: Bool
        var hasListWords = false
        var listWords = ""
        var hasLink = false
        var link = ""
        var hasLinkText = false
        var linkText = ""
        var hasAdvice = false
        var advice = ""
    }

    var network: String
    var address: String
    var csrf: String
    var id: String
    var name: String
    var roleText: String
    var hasTasks: Bool
    var tasks: [Task]
    var hasNotPassedOn: Bool
    var notPassedOnText: String
    var rangeText: String
    var months: [Month]
    var hasSent: Bool
    var sent: [Sent]
    var hasMeetings: Bool
    var meetings: [UpcomingMeeting]
    var hasChanges: Bool
    var changes: [Change]
    var hasFileFacts: Bool
    var fileFacts: [FileFact]
}

extension ChairGroupContext.Outcome {
    init(_ outcome: ListOutcome) {
        self.init(
            state: outcome.state.words,
            stateClass: outcome.state.rawValue,
            happened: outcome.happened,
            needsChairs: outcome.state.needsChairs,
            hasListWords: outcome.listWords != nil,
            listWords: outcome.listWords ?? "",
            hasLink: outcome.link != nil,
            link: outcome.link ?? "",
            hasLinkText: outcome.linkText != nil,
            linkText: outcome.linkText ?? "",
            hasAdvice: outcome.advice != nil,
            advice: outcome.advice ?? ""
        )
    }
}

extension WebRole {
    /// How the page names the person's role.
    var text: String {
        switch self {
        case .chair: "You chair this group"
        case .liaison: "You are this group's liaison (read only)"
        case .operator: "You run this installation (operator)"
        }
    }
}
