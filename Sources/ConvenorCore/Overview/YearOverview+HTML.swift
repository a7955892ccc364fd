import Foundation
import Mustache

// The web page: one self-contained file (inline CSS, no scripts, no external assets) rendered through swift-mustache,
// whose `{{name}}` escapes `& < > " '`, so a group name or agenda item can never inject markup.

extension YearOverview {
    /// The overview as one HTML page: readable on a phone, printable one group per page, every value escaped.
    package var html: String {
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: OverviewPage.template)
        } catch {
            // The template is a constant of this module; a parse error is a bug caught by the first test.
            preconditionFailure("the overview page template does not parse: \(error)")
        }
        return template.render(pageContext)
    }

    /// The values the template reads; Bool flags rather than optionals, because Mustache sections test presence.
    var pageContext: [String: Any] {
        [
            "range": rangeText,
            "network": network,
            "css": OverviewPage.css,
            "groupCount": "\(groups.count) group\(groups.count == 1 ? "" : "s")",
            "hasGroups": !groups.isEmpty,
            "groups": groups.map(\.pageContext),
        ]
    }
}

extension YearOverview.GroupYear {
    var pageContext: [String: Any] {
        [
            "id": group.id,
            "name": group.name,
            "type": group.type == .cop ? "Community of Practice" : "Special Interest Group",
            "network": group.network,
            "zone": group.timeZone.identifier,
            "list": group.list,
            "chairs": group.chairs.map(\.name).joined(separator: ", "),
            "hasChairs": !group.chairs.isEmpty,
            "taskSummary": tasks.isEmpty ? "nothing waiting" : "\(tasks.count) waiting on the chairs",
            "mailingSummary": "\(mailingCount) mailing\(mailingCount == 1 ? "" : "s")",
            "hasTasks": !tasks.isEmpty,
            "tasks": tasks.map { task in
                ["title": task.title, "details": task.details, "kind": task.cssClass] as [String: Any]
            },
            "hasReturns": !returns.isEmpty,
            "returns": returns.map { $0.pageContext(in: group.timeZone) },
            "months": months.map { month in
                [
                    "title": month.start.monthTitle,
                    "empty": month.entries.isEmpty,
                    "entries": month.entries.map(\.pageContext),
                ] as [String: Any]
            },
        ]
    }
}

extension OverviewEntry {
    var pageContext: [String: Any] {
        [
            "day": local.date.shortText,
            "time": "\(local.time) \(zoneAbbreviation)",
            "label": label,
            "hasAudience": audienceText != nil,
            "audience": audienceText ?? "",
            "about": about,
            "hasAgenda": !agenda.isEmpty,
            "agenda": agenda,
            "rowClass": cssClass,
        ]
    }

    /// `meeting`, `to-list`, `to-chairs`, `to-wider`: the colour of the badge; the words say the same.
    var cssClass: String {
        switch subject {
        case .meeting(let cancelled): cancelled ? "meeting cancelled" : "meeting"
        case .mailing(_, let audience):
            switch audience {
            case .list: "to-list"
            case .chairs, .chairsAndLiaison, .operator: "to-chairs"
            case .wider: "to-wider"
            }
        }
    }
}

extension ListOutcome {
    /// The values one row of "What came back from the list" reads; the link only when `safeLink` allowed it.
    func pageContext(in zone: TimeZone) -> [String: Any] {
        [
            "when": sentText(in: zone), "what": what.capitalizedFirst, "key": key.description,
            "state": state.words, "stateClass": state.rawValue, "happened": happened,
            "hasListWords": listWords != nil, "listWords": listWords ?? "",
            "hasLink": link != nil, "link": link ?? "", "hasLinkText": linkText != nil, "linkText": linkText ?? "",
            "hasAdvice": advice != nil, "advice": advice ?? "",
        ]
    }
}

extension ChairTask {
    var cssClass: String {
        switch kind {
        case .confirmDate: "confirm-date"
        case .minutesMissing: "minutes-missing"
        case .minutesDraft: "minutes-draft"
        case .termsOfReferenceReview: "tor-review"
        }
    }
}
