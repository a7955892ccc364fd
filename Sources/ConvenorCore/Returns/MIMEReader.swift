/// Splits raw message bytes into header fields and MIME parts (RFC 5322, RFC 2045, RFC 2046), tolerantly.
///
/// Every loop is bounded by the input length, nesting by `InboundMessage.maximumDepth` and the number of leaves by
/// a shared budget, so hostile input costs at most a linear scan per level.
enum MIMEReader {
    /// A message: its header, then its body as one or more parts.
    static func message(_ bytes: ArraySlice<UInt8>, depth: Int, budget: inout Int) -> InboundMessage {
        let (headers, body) = split(bytes)
        let parts = self.parts(headers: headers, body: body, depth: depth, budget: &budget)
        return InboundMessage(headers: headers, parts: parts)
    }

    /// Header fields and the body after the first empty line (RFC 5322 §2.1). A message with no empty line is all
    /// header; a line that is neither a field nor a continuation ends the header (it is lenient, like most MUAs).
    static func split(_ bytes: ArraySlice<UInt8>) -> (headers: [HeaderField], body: ArraySlice<UInt8>) {
        var fields: [HeaderField] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var line = bytes[index..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            let next = lineEnd < bytes.endIndex ? lineEnd + 1 : lineEnd
            if line.isEmpty { return (fields, bytes[next...]) }
            if line.first == 0x20 || line.first == 0x09 {
                // RFC 5322 §2.2.3: unfolding removes the CRLF, keeping the white space.
                if !fields.isEmpty {
                    fields[fields.count - 1].value += String(decoding: line, as: UTF8.self)
                }
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
            {
                guard fields.count < InboundMessage.maximumHeaderFields else { return (fields, bytes[next...]) }
                fields.append(
                    HeaderField(
                        name: String(decoding: line[line.startIndex..<colon], as: UTF8.self),
                        value: String(decoding: line[(colon + 1)...], as: UTF8.self)
                    )
                )
            } else {
                // Not a header line: the header ended without its blank line; this line starts the body.
                return (fields.map(trimmed), bytes[index...])
            }
            index = next
        }
        return (fields.map(trimmed), bytes[bytes.endIndex...])
    }

    static func trimmed(_ field: HeaderField) -> HeaderField {
        HeaderField(name: field.name, value: field.value.trimmingWhiteSpace)
    }

    /// The leaves below one entity with these headers and this body.
    static func parts(
        headers: [HeaderField],
        body: ArraySlice<UInt8>,
        depth: Int,
        budget: inout Int
    )
        -> [InboundPart]
    {
        let headers = headers.map(trimmed)
        guard budget > 0 else { return [] }
        let contentType = headers.last { $0.name.lowercased() == "content-type" }?.value ?? "text/plain"
        let (type, parameters) = ContentType.parse(contentType)
        if type.hasPrefix("multipart/"), depth < InboundMessage.maximumDepth, let boundary = parameters["boundary"],
            !boundary.isEmpty, boundary.utf8.count <= 200
        {
            var leaves: [InboundPart] = []
            for section in sections(body, boundary: Array(boundary.utf8)) {
                let (partHeaders, partBody) = split(section)
                leaves += parts(headers: partHeaders, body: partBody, depth: depth + 1, budget: &budget)
                if budget <= 0 { break }
            }
            return leaves
        }
        budget -= 1
        let encoding = headers.last { $0.name.lowercased() == "content-transfer-encoding" }?.value.lowercased()
        let decoded = TransferDecoding.decode(body, encoding: encoding)
        var enclosed: InboundMessageBox?
        if depth < InboundMessage.maximumDepth {
            switch type {
            case "message/rfc822", "message/global":
                var inner = budget
                enclosed = InboundMessageBox(message(decoded[...], depth: depth + 1, budget: &inner))
            case "text/rfc822-headers":
                enclosed = InboundMessageBox(InboundMessage(headers: split(decoded[...]).headers, parts: []))
            default:
                break
            }
        }
        return [InboundPart(type: type, parameters: parameters, headers: headers, body: decoded, enclosed: enclosed)]
    }

    /// The body sections between `--boundary` lines, up to the closing `--boundary--` (RFC 2046 §5.1.1). A missing
    /// closing line ends the last section at the end of the body.
    static func sections(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> [ArraySlice<UInt8>] {
        let delimiter = [UInt8(ascii: "-"), UInt8(ascii: "-")] + boundary
        var sections: [ArraySlice<UInt8>] = []
        var sectionStart: Int?
        var index = body.startIndex
        while index < body.endIndex {
            let lineEnd = body[index...].firstIndex(of: 0x0A) ?? body.endIndex
            let line = body[index..<lineEnd]
            if line.starts(with: delimiter) {
                let rest = line.dropFirst(delimiter.count)
                let isClosing = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                let isDelimiter = isClosing || rest.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
                if isDelimiter {
                    if let start = sectionStart {
                        // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
                        var end = index
                        if end > start, body[end - 1] == 0x0A { end -= 1 }
                        if end > start, body[end - 1] == 0x0D { end -= 1 }
                        sections.append(body[start..<end])
                        if sections.count >= InboundMessage.maximumParts { return sections }
                    }
                    if isClosing { return sections }
                    sectionStart = lineEnd < body.endIndex ? lineEnd + 1 : lineEnd
                }
            }
            index = lineEnd < body.endIndex ? lineEnd + 1 : lineEnd
        }
        if let start = sectionStart, start < body.endIndex { sections.append(body[start...]) }
        return sections
    }
}

/// `Content-Type` values (RFC 2045 §5.1): `type/subtype; name=value; name="quoted value"`.
enum ContentType {
    static func parse(_ value: String) -> (type: String, parameters: [String: String]) {
        let pieces = splitParameters(value)
        var type = (pieces.first ?? "").trimmingWhiteSpace.lowercased()
        if !type.contains("/") { type = "text/plain" }
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingWhiteSpace.lowercased()
            var raw = piece[piece.index(after: equals)...].trimmingWhiteSpace
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 {
                raw = String(raw.dropFirst().dropLast()).replacingBackslashEscapes
            }
            if parameters[name] == nil { parameters[name] = raw }
        }
        return (type, parameters)
    }

    /// Splits at `;` outside quoted strings.
    static func splitParameters(_ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in value {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" && quoted {
                current.append(character)
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
                current.append(character)
            } else if character == ";" && !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs, CR and LF.
    var trimmingWhiteSpace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// `\"` and `\\` inside a quoted string, unescaped (RFC 5322 §3.2.4 quoted-pair).
    var replacingBackslashEscapes: String {
        var result = ""
        var escaped = false
        for character in self {
            if escaped || character != "\\" {
                result.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return result
    }
}
