/// What a signed-in person may do with a group on the web.
package enum WebRole: String, Hashable, Sendable, Comparable {
    /// The liaison: sees the group's chair page, changes nothing.
    case liaison
    /// A chair of the group: sees and changes it.
    case chair
    /// The installation's `operator` address: sees and changes every group.
    case `operator`

    /// Whether this role may save changes.
    package var mayChange: Bool { self != .liaison }

    package static func < (lhs: WebRole, rhs: WebRole) -> Bool {
        let order: [WebRole] = [.liaison, .chair, .operator]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// Who an address is on the web: the groups it chairs or liaises for, or every group for the operator.
///
/// Addresses compare case-insensitively (mail systems treat the local part so in practice, and a chair typing
/// `C.Townson@` must find the group file's `c.townson@`).
package struct WebAccess: Hashable, Sendable {
    /// The address as the config spells it.
    package var address: String
    /// The role per group id; only groups the address may open.
    package var roles: [String: WebRole]

    /// What `address` may open in `config`; empty roles for an address nobody listed.
    package init(address: String, config: Config) {
        let wanted = address.lowercased()
        var roles: [String: WebRole] = [:]
        var spelled = address
        let isOperator = config.installation.operatorAddress.lowercased() == wanted
        for group in config.groups {
            if isOperator {
                roles[group.id] = .operator
                spelled = config.installation.operatorAddress
            } else if let chair = group.chairs.first(where: { $0.email.lowercased() == wanted }) {
                roles[group.id] = .chair
                spelled = chair.email
            } else if let liaison = group.liaison, liaison.email.lowercased() == wanted {
                roles[group.id] = .liaison
                spelled = liaison.email
            }
        }
        self.address = spelled
        self.roles = roles
    }

    /// True when the address may sign in at all.
    package var isKnown: Bool { !roles.isEmpty }

    /// The role for `groupID`, nil when the address may not open it (a 403).
    package func role(for groupID: String) -> WebRole? { roles[groupID] }
}
