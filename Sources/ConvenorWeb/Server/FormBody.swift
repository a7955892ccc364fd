import Foundation
import Hummingbird
import MultipartKit

/// A form's body: `application/x-www-form-urlencoded` (every plain form) or `multipart/form-data` (the minutes form,
/// which carries a file input).
struct FormBody: Sendable {
    /// A file the browser sent from a file input. Only its bytes and its name's extension are used: the name itself
    /// is never stored, shown or used as a path.
    struct Upload: Sendable {
        var fileName: String
        var bytes: [UInt8]

        /// `md`, `txt`, ... lowercased; empty without a dot.
        var fileExtension: String {
            guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return "" }
            return fileName[fileName.index(after: dot)...].lowercased()
        }
    }

    /// Field values by name; a repeated name keeps every value in order.
    var fields: [String: [String]]
    /// Files by field name (an empty file input sends no file).
    var uploads: [String: Upload] = [:]

    /// The largest body accepted: a pasted set of minutes fits many times over.
    static let maximumBytes = 2 * 1024 * 1024

    /// Reads and decodes the request's body; nil when it is too large or neither kind of form.
    static func read(_ request: inout Request) async -> FormBody? {
        guard let header = request.headers[.contentType], let type = MediaType(from: header),
            let buffer = try? await request.collectBody(upTo: maximumBytes)
        else { return nil }
        if type.isType(.applicationUrlEncoded) { return FormBody(encoded: String(buffer: buffer)) }
        if type.isType(.multipartForm), let parameter = type.parameter, parameter.name.lowercased() == "boundary" {
            return FormBody(multipart: buffer, boundary: parameter.value)
        }
        return nil
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

    /// Parses a `multipart/form-data` body (MultipartKit); nil when it is malformed.
    init?(multipart buffer: ByteBuffer, boundary: String) {
        let parser = MultipartParser(boundary: boundary)
        var parts: [MultipartPart] = []
        var headers: [(String, String)] = []
        var body = ByteBuffer()
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: .init(headers), body: body))
            headers = []
            body = ByteBuffer()
        }
        do {
            try parser.execute(buffer)
        } catch {
            return nil
        }
        var fields: [String: [String]] = [:]
        var uploads: [String: Upload] = [:]
        for part in parts {
            guard let name = part.name else { continue }
            let bytes = Array(part.body.readableBytesView)
            if let fileName = Self.fileName(part) {
                // A file input left empty still sends a part, with no name and no bytes.
                if !fileName.isEmpty || !bytes.isEmpty { uploads[name] = Upload(fileName: fileName, bytes: bytes) }
            } else {
                fields[name, default: []].append(String(decoding: bytes, as: UTF8.self))
            }
        }
        self.fields = fields
        self.uploads = uploads
    }

    /// The first value of `name`, nil when absent.
    subscript(name: String) -> String? { fields[name]?.first }

    /// The `filename` parameter of a part's Content-Disposition, nil for a plain field.
    private static func fileName(_ part: MultipartPart) -> String? {
        guard let disposition = part.headers.first(name: "Content-Disposition") else { return nil }
        for parameter in disposition.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "filename" else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
