import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A plain HTTP client for the web tests: no cookies kept, no redirects followed, so each test says what it sends.
struct WebClient {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    let baseURL: String

    /// The daemon's web address, read from its log line `listening=http://127.0.0.1:PORT`.
    init?(log: String) {
        guard let range = log.range(of: #"listening=http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else {
            return nil
        }
        baseURL = String(log[range].dropFirst("listening=".count))
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Reply {
        try await send(path, method: "GET", headers: headers, body: nil)
    }

    /// A form post, `application/x-www-form-urlencoded`.
    func post(_ path: String, form: [(String, String)], headers: [String: String] = [:]) async throws -> Reply {
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var all = headers
        all["Content-Type"] = "application/x-www-form-urlencoded"
        return try await send(path, method: "POST", headers: all, body: Data(body.utf8))
    }

    /// A `multipart/form-data` post, as a browser sends a form with a file input: `fields`, then `file` as
    /// (field name, file name, bytes).
    func post(
        _ path: String,
        multipart fields: [(String, String)],
        file: (String, String, [UInt8])?,
        headers: [String: String] = [:]
    ) async throws -> Reply {
        let boundary = "----convenorTest\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
            )
        }
        if let (name, fileName, bytes) = file {
            body.append(
                Data(
                    ("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n").utf8
                )
            )
            body.append(Data(bytes))
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var all = headers
        all["Content-Type"] = "multipart/form-data; boundary=\(boundary)"
        return try await send(path, method: "POST", headers: all, body: body)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private func send(_ path: String, method: String, headers: [String: String], body: Data?) async throws -> Reply {
        var request = URLRequest(url: URL(string: baseURL + path)!, timeoutInterval: 20)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            fields["\(name)"] = "\(value)"
        }
        return Reply(status: http.statusCode, headers: fields, body: String(decoding: data, as: UTF8.self))
    }
}

/// Keeps 303s as they are, so a test sees where a form post sends the browser.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
