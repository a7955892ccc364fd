import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core storage plus the peer's address, for the per-client
/// sign-in limit.
struct WebRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Who is asking, for rate limits: the peer, or behind a proxy on this machine the address the proxy appended
    /// last to X-Forwarded-For (the first entries are the client's own word and could be anything).
    func clientKey(_ request: Request) -> String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let loopback = peer == "127.0.0.1" || peer == "::1" || peer.hasPrefix("::ffff:127.")
        if loopback, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return String(last.prefix(64))
        }
        return peer
    }
}
