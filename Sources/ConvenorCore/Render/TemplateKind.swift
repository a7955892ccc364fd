/// Which template a file holds: one per mailing kind, plus the operator's and the chairs' alerts.
///
/// The kind is the file's name (`agenda.mustache`, `operator-alert.mustache`), so the checker can tell which
/// variables a file may use before anything is rendered.
package enum TemplateKind: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// `<kind>.mustache` for one of the mailing kinds.
    case mailing(MailingKind)
    /// Failed and missed mailings listed for the operator (sent by the daemon, never to a list).
    case operatorAlert
    /// List posts the list held, refused or returned, told to the group's chairs (issue 18; never to a list).
    case chairsAlert

    /// Every template a templates directory must hold, in a stable order.
    package static let all: [TemplateKind] =
        MailingKind.allCases.map(TemplateKind.mailing) + [.operatorAlert, .chairsAlert]

    /// The file name without `.mustache`: the mailing kind's config name, `operator-alert` or `chairs-alert`.
    package var name: String {
        switch self {
        case .mailing(let kind): kind.rawValue
        case .operatorAlert: "operator-alert"
        case .chairsAlert: "chairs-alert"
        }
    }

    /// The template's path inside the templates directory, for the default or for a group's override.
    package func relativePath(group: String? = nil) -> String {
        if let group { return "\(group)/\(name).mustache" }
        return "\(name).mustache"
    }

    /// Reads a file name without its extension; nil for a name that is no template.
    package init?(name: String) {
        if name == "operator-alert" {
            self = .operatorAlert
        } else if name == "chairs-alert" {
            self = .chairsAlert
        } else if let kind = MailingKind(rawValue: name) {
            self = .mailing(kind)
        } else {
            return nil
        }
    }

    package var description: String { name }

    /// The template convenor ships for this kind (`templates/NAME.mustache`, compiled in), used when an
    /// installation's folder has none.
    package var builtInTemplate: String {
        switch self {
        case .mailing(let kind): String(decoding: kind.descriptor.defaultTemplate, as: UTF8.self)
        case .operatorAlert: String(decoding: PackageResources.operator_alert_mustache, as: UTF8.self)
        case .chairsAlert: String(decoding: PackageResources.chairs_alert_mustache, as: UTF8.self)
        }
    }

    package static func < (lhs: TemplateKind, rhs: TemplateKind) -> Bool {
        (all.firstIndex(of: lhs) ?? 0) < (all.firstIndex(of: rhs) ?? 0)
    }
}
