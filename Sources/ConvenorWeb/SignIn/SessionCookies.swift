import ConvenorCore
import ConvenorIO
import Foundation
import Hummingbird

/// The two cookies: the session after sign-in, and before it a form token for the sign-in forms (double submit:
/// the form carries the cookie's value, which another site can neither read nor set).
///
/// Both are HttpOnly and SameSite=Lax, and Secure when `base_url` is https.
enum SessionCookies {
    static let session = "convenor_session"
    static let form = "convenor_form"
    /// How long a session lasts after sign-in.
    static let sessionLifetime: TimeInterval = 8 * 3600

    static func cookie(_ name: String, value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// A signed-in person: their session and what they may open.
struct SignedIn: Sendable {
    var session: WebSession
    var sessionHash: String
    var access: WebAccess
}

extension WebEnvironment {
    /// The person behind the request's session cookie, nil when there is none, it expired, or the address no longer
    /// appears in the config (a chair removed from a group file loses access at the daemon's next reload).
    func signedIn(_ request: Request) async -> SignedIn? {
        guard let token = request.cookies[SessionCookies.session]?.value, SecretToken.isWellFormed(token) else {
            return nil
        }
        let hash = SecretToken.hash(token)
        guard let session = try? await webStore.session(hash: hash, now: clock.now()) else { return nil }
        let access = WebAccess(address: session.address, config: config)
        guard access.isKnown else { return nil }
        return SignedIn(session: session, sessionHash: hash, access: access)
    }

    /// The form token of a browser that is not signed in: the cookie's, or a new one the response must set.
    func formToken(_ request: Request) -> (token: String, isNew: Bool) {
        if let value = request.cookies[SessionCookies.form]?.value, SecretToken.isWellFormed(value) {
            return (value, false)
        }
        return (SecretToken.make(), true)
    }

    /// True when the posted `csrf` field matches the form cookie (anonymous forms).
    func formTokenMatches(_ request: Request, _ form: FormBody) -> Bool {
        guard let cookie = request.cookies[SessionCookies.form]?.value, SecretToken.isWellFormed(cookie) else {
            return false
        }
        return form["csrf"] == cookie
    }

    /// 403 for a form without its token.
    func refusedForm() -> Response {
        message(
            "This form has expired",
            ["The page you sent it from is too old or was not made by this site. Reload it and try again."],
            status: .forbidden
        )
    }

    /// 403 for a group the person may not open or change.
    func forbidden() -> Response {
        message(
            "Not your group",
            ["You are signed in, but this group's file does not list your address as a chair."],
            status: .forbidden,
            link: ("/chair", "Go to your groups")
        )
    }

    var secureCookies: Bool { baseURL.lowercased().hasPrefix("https://") }
}
