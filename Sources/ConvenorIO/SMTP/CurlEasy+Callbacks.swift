internal import CCurl
import Synchronization

/// The message bytes the read callback hands to libcurl (CURLOPT_READDATA).
final class CurlUploadSource {
    var bytes: [UInt8] = []
    var offset = 0
    /// Set when libcurl asked past the last byte: the whole body is handed over and libcurl sends the final dot.
    var handedOver = false
}

/// The relay's reply lines as libcurl reports them through CURLOPT_HEADERFUNCTION (CURLOPT_HEADERDATA).
///
/// Several are kept because the line that explains a failure is not always the last: after a refused RCPT libcurl
/// still reads the reply to its QUIT, while CURLINFO_RESPONSE_CODE keeps the RCPT's code.
final class CurlReplyCollector {
    private(set) var lines: [String] = []

    func append(_ line: String) {
        // Bounded: an EHLO reply is a dozen lines; only the recent ones can explain a failure.
        if lines.count == 64 { lines.removeFirst(32) }
        lines.append(line)
    }

    func reset() { lines.removeAll(keepingCapacity: true) }

    /// The last line that starts with `code` (e.g. `451 4.3.0 Mailbox temporarily unavailable`).
    func lastLine(withCode code: Int) -> String? {
        guard code != 0 else { return nil }
        let prefix = String(code)
        return lines.last { $0.hasPrefix(prefix) }
    }
}

/// The body of an HTTP response as libcurl writes it through CURLOPT_WRITEFUNCTION (CURLOPT_WRITEDATA).
///
/// Bounded: a token response is a few KiB; an endpoint that sends more is not a token endpoint, and the callback
/// then aborts the transfer (CURLE_WRITE_ERROR) instead of filling memory.
final class CurlBodyCollector {
    static let defaultLimit = 64 * 1024
    /// The most bytes kept; more aborts the transfer. The returns mailbox raises it to a whole message's size.
    var limit = CurlBodyCollector.defaultLimit
    private(set) var bytes: [UInt8] = []
    private(set) var overflowed = false

    func reset() {
        bytes.removeAll(keepingCapacity: true)
        overflowed = false
    }

    /// False once more than `limit` bytes arrived.
    func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count + chunk.count <= limit else {
            overflowed = true
            return false
        }
        bytes += chunk
        return true
    }
}

/// Set from any thread when the task that owns a transfer is cancelled; read before each message and by the
/// xferinfo callback while one is on the wire.
final class CurlCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)
    /// False once the sender may send no more (a shared ledger's leader lease lapsed): stops the batch as a
    /// cancel does, between messages or in the middle of one.
    private let mayGoOn: @Sendable () -> Bool

    init(while mayGoOn: @escaping @Sendable () -> Bool = { true }) {
        self.mayGoOn = mayGoOn
    }

    func cancel() { cancelled.store(true, ordering: .relaxed) }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) || !mayGoOn() }

    /// Whether the transfer on the wire should be aborted now. Once the whole message is handed over, the relay
    /// has it (or will have it with the final dot a moment later): a closed gate then lets the reply come, since
    /// aborting could only lose it, turning a delivered message into one sent again by the next leader. A
    /// cancel (SIGTERM's grace ran out) aborts whatever the transfer's stage, so the daemon stops in time.
    func shouldAbort(messageHandedOver: Bool) -> Bool {
        cancelled.load(ordering: .relaxed) || (!messageHandedOver && !mayGoOn())
    }
}

// The C callbacks cannot capture: each gets its context back through the userdata pointer the handle set.

/// CURLOPT_READFUNCTION: copies the next slice of the message into libcurl's buffer; 0 means the end.
func curlReadUpload(
    _ buffer: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ userdata: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let userdata else { return ccurl_readfunc_abort() }
    let source = Unmanaged<CurlUploadSource>.fromOpaque(userdata).takeUnretainedValue()
    let length = min(size * count, source.bytes.count - source.offset)
    guard length > 0 else {
        source.handedOver = true
        return 0
    }
    source.bytes.withUnsafeBytes { bytes in
        UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + source.offset, byteCount: length)
    }
    source.offset += length
    // With CURLOPT_INFILESIZE_LARGE set libcurl stops asking once it has every byte: that is the hand-over too.
    if source.offset == source.bytes.count { source.handedOver = true }
    return length
}

/// CURLOPT_HEADERFUNCTION: for SMTP libcurl passes every reply line here; keep the last non-empty one.
func curlCollectReply(
    _ data: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ userdata: UnsafeMutableRawPointer?
) -> Int {
    let length = size * count
    guard let data, let userdata else { return length }
    let collector = Unmanaged<CurlReplyCollector>.fromOpaque(userdata).takeUnretainedValue()
    var bytes = UnsafeRawBufferPointer(start: data, count: length)[...]
    while let last = bytes.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") { bytes = bytes.dropLast() }
    let line = String(decoding: bytes, as: UTF8.self)
    if !line.isEmpty { collector.append(line) }
    return length
}

/// CURLOPT_WRITEFUNCTION: appends the response body; returning less than was given aborts the transfer.
func curlCollectBody(
    _ data: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ userdata: UnsafeMutableRawPointer?
) -> Int {
    let length = size * count
    guard let data, let userdata else { return 0 }
    let collector = Unmanaged<CurlBodyCollector>.fromOpaque(userdata).takeUnretainedValue()
    return collector.append(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// CURLOPT_XFERINFOFUNCTION: libcurl calls this often, also while waiting; non-zero aborts with
/// CURLE_ABORTED_BY_CALLBACK, which is how a cancelled task stops a blocked `curl_easy_perform`.
func curlCheckCancellation(
    _ userdata: UnsafeMutableRawPointer?,
    _ downloadTotal: curl_off_t,
    _ downloaded: curl_off_t,
    _ uploadTotal: curl_off_t,
    _ uploaded: curl_off_t
) -> Int32 {
    guard let userdata else { return 0 }
    let cancellation = Unmanaged<CurlCancellation>.fromOpaque(userdata).takeUnretainedValue()
    return cancellation.shouldAbort(messageHandedOver: uploadTotal > 0 && uploaded >= uploadTotal) ? 1 : 0
}
