import ConvenorCore
import ConvenorIO
import Foundation
import Hummingbird
import Logging

/// Sign-in by mailed link: `/signin`, `/signin/TOKEN`, `/signout`.
///
/// A chair types the address their group file lists; a one-time link valid for 15 minutes goes there through the
/// daemon's transport. The answer is the same whether or not the address is known, and requests are limited per
/// address and per client whether or not it is, so neither the page nor the limit tells a stranger who chairs what.
struct SignInRoutes: Sendable {
    let environment: WebEnvironment
    let mailer: SignInMailer

    /// Sign-in requests allowed per address, and per client, in `window`.
    static let perAddress = 3
    static let perClient = 10
    static let window: TimeInterval = 15 * 60

    func register(on router: Router<WebRequestContext>) {
        router.get("/signin") { request, _ in form(request) }
        router.post("/signin") { request, context in await requestLink(request, context: context) }
        router.get("/signin/:token") { request, context in
            confirm(request, token: context.parameters.get("token") ?? "")
        }
        router.post("/signin/:token") { request, context in
            await useLink(request, token: context.parameters.get("token") ?? "")
        }
        router.post("/signout") { request, _ in await signOut(request) }
    }

    func form(_ request: Request, problem: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let (token, isNew) = environment.formToken(request)
        let context = SignInPageContext(
            network: environment.config.installation.network,
            csrf: token,
            problem: problem
        )
        var response = HTML.page(environment.renderer.render(context, page: "signin"), status: status)
        if isNew { response.setCookie(formCookie(token)) }
        return response
    }

    func requestLink(_ request: Request, context: WebRequestContext) async -> Response {
        var request = request
        guard let form = await FormBody.read(&request), environment.formTokenMatches(request, form) else {
            return environment.refusedForm()
        }
        let typed = (form["email"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard typed.contains("@"), typed.count <= 254, !typed.contains(where: { $0.isNewline || $0 == "\0" }) else {
            return self.form(
                request,
                problem: "Type the address your group's file lists for you, e.g. name@example.ac.uk.",
                status: .badRequest
            )
        }
        let now = environment.clock.now()
        let admitted: Bool
        do {
            admitted = try await environment.webStore.admitSignInRequest(
                keys: [
                    ("address:" + typed.lowercased(), Self.perAddress),
                    ("client:" + context.clientKey(request), Self.perClient),
                ],
                window: Self.window,
                now: now
            )
        } catch {
            environment.logger.error("sign-in: the store cannot be written", metadata: ["error": "\(error)"])
            return environment.message(
                "Sign-in is unavailable",
                ["Try again in a few minutes."],
                status: .serviceUnavailable
            )
        }
        guard admitted else {
            return environment.message(
                "Too many sign-in requests",
                [
                    "Several links were asked for this address or from this computer in the last 15 minutes. Use the newest link in your mail, or wait a quarter of an hour."
                ],
                status: .tooManyRequests
            )
        }
        let access = WebAccess(address: typed, config: environment.config)
        if access.isKnown {
            let token = SecretToken.make()
            do {
                try await environment.webStore.storeSignInToken(
                    hash: SecretToken.hash(token),
                    address: access.address,
                    created: now,
                    expires: now.addingTimeInterval(SignInMail.lifetime)
                )
                let installation = environment.config.installation
                let message = SignInMail.message(
                    to: access.address,
                    link: environment.baseURL + "/signin/" + token,
                    installation: installation,
                    made: now,
                    nonce: String(SecretToken.make().prefix(16))
                )
                let bytes = try MessageComposer(dateTimeZone: installation.timeZone).compose(message)
                mailer.enqueue(
                    OutboundMessage(
                        envelopeFrom: installation.from.address,
                        recipients: [access.address],
                        messageID: message.messageID,
                        data: bytes
                    )
                )
            } catch {
                environment.logger.error("sign-in: the link could not be made", metadata: ["error": "\(error)"])
            }
        }
        return environment.message(
            "Check your mail",
            [
                "If \(typed) is the address a group's file lists for a chair or liaison, a sign-in link is on its way to it.",
                "The link works once, for 15 minutes. Nothing arrived? Check that you typed the address your group uses, and your spam folder.",
            ],
            status: .ok
        )
    }

    /// The link opens a page with one button, so a mail scanner that fetches links cannot use the token up.
    func confirm(_ request: Request, token: String) -> Response {
        let (formToken, isNew) = environment.formToken(request)
        let context = SignInConfirmContext(
            network: environment.config.installation.network,
            csrf: formToken,
            action: SecretToken.isWellFormed(token) ? "/signin/" + token : "/signin"
        )
        var response = HTML.page(environment.renderer.render(context, page: "signin-confirm"))
        if isNew { response.setCookie(formCookie(formToken)) }
        return response
    }

    func useLink(_ request: Request, token: String) async -> Response {
        var request = request
        guard let form = await FormBody.read(&request), environment.formTokenMatches(request, form) else {
            return environment.refusedForm()
        }
        let now = environment.clock.now()
        guard SecretToken.isWellFormed(token),
            let address = try? await environment.webStore.consumeSignInToken(hash: SecretToken.hash(token), now: now),
            WebAccess(address: address, config: environment.config).isKnown
        else {
            return environment.message(
                "This sign-in link no longer works",
                ["Each link works once, for 15 minutes. Ask for a new one."],
                status: .forbidden,
                link: ("/signin", "Ask for a new link")
            )
        }
        let sessionToken = SecretToken.make()
        let session = WebSession(
            address: address,
            csrfToken: SecretToken.make(),
            expires: now.addingTimeInterval(SessionCookies.sessionLifetime)
        )
        do {
            try await environment.webStore.createSession(
                hash: SecretToken.hash(sessionToken),
                session: session,
                created: now
            )
        } catch {
            return environment.message(
                "Sign-in is unavailable",
                ["Try again in a few minutes."],
                status: .serviceUnavailable
            )
        }
        environment.logger.notice(
            "signed in",
            metadata: [
                "role":
                    "\(WebAccess(address: address, config: environment.config).roles.values.max().map(\.rawValue) ?? "")"
            ]
        )
        var response = HTML.seeOther("/chair")
        response.setCookie(
            SessionCookies.cookie(
                SessionCookies.session,
                value: sessionToken,
                maxAge: Int(SessionCookies.sessionLifetime),
                secure: environment.secureCookies
            )
        )
        return response
    }

    func signOut(_ request: Request) async -> Response {
        var request = request
        guard let form = await FormBody.read(&request), let signedIn = await environment.signedIn(request),
            form["csrf"] == signedIn.session.csrfToken
        else { return environment.refusedForm() }
        try? await environment.webStore.deleteSession(hash: signedIn.sessionHash)
        var response = HTML.seeOther("/")
        response.setCookie(
            SessionCookies.cookie(SessionCookies.session, value: "", maxAge: 0, secure: environment.secureCookies)
        )
        return response
    }

    private func formCookie(_ token: String) -> Cookie {
        SessionCookies.cookie(SessionCookies.form, value: token, maxAge: 86_400, secure: environment.secureCookies)
    }
}
