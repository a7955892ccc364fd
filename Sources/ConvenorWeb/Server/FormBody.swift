import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body, the only kind the pages post (plain HTML forms).
struct FormBody: Sendable {
    /// Field values by name; a repeated name keeps every value in order.
    var fields: [String: [String]]

    /// The largest body accepted: a pasted set of minutes fits many times over.
    static let maximumBytes = 2 * 1024 * 1024

    /// Reads and decodes the request's body; nil when it is too large or not form-encoded.
    static func read(_ request: inout Request) async -> FormBody? {
        guard let type = request.headers[.contentType]?.lowercased(),
            type.hasPrefix("application/x-www-form-urlencoded"),
            let buffer = try? await request.collectBody(upTo: maximumBytes)
        else { return nil }
        return FormBody(encoded: String(buffer: buffer))
    }

    init(encoded: String) {
        var fields: [String: [String]] = [:]
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
        self.fields = fields
    }

    /// The first value of `name`, nil when absent.
    subscript(name: String) -> String? { fields[name]?.first }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
