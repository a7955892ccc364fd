/// Why a message could not be composed: a value that no encoding can carry safely.
///
/// These are programmer or config errors caught before anything is sent; config validation should report the
/// same problems earlier as `Diagnostic`s with a file and line.
package enum MessageCompositionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An addr-spec that is not `local@domain` in plain ASCII (spaces, angle brackets, CR/LF, no `@`).
    case invalidAddress(field: String, address: String)
    /// The message has no To address.
    case noRecipients
    /// A Message-ID that is not `left@right` made of dot-atoms.
    case invalidMessageID(String)
    /// An extra header name that is empty, too long or holds characters other than letters, digits and `-`.
    case invalidHeaderName(String)
    /// An extra header that the composer writes itself (`Subject`, `Content-Type`, any `List-*` ...).
    case reservedHeaderName(String)
    /// The same extra header twice.
    case duplicateHeaderName(String)
    /// A media type that is not `type/subtype` made of MIME tokens.
    case invalidMediaType(String)
    /// A calendar method that is not a plain token such as `PUBLISH`.
    case invalidCalendarMethod(String)

    package var description: String {
        switch self {
        case .invalidAddress(let field, let address): "invalid \(field) address '\(address.debugDescription)'"
        case .noRecipients: "the message has no To address"
        case .invalidMessageID(let id): "invalid Message-ID \(id.debugDescription)"
        case .invalidHeaderName(let name): "invalid header name \(name.debugDescription)"
        case .reservedHeaderName(let name): "header \(name) is written by convenor itself"
        case .duplicateHeaderName(let name): "header \(name) appears twice"
        case .invalidMediaType(let type): "invalid media type \(type.debugDescription)"
        case .invalidCalendarMethod(let method): "invalid calendar method \(method.debugDescription)"
        }
    }
}
