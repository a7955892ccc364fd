internal import CCurl
import Foundation

/// One libcurl easy handle, confined to the thread that created it.
///
/// The handle owns what libcurl only borrows: the recipient `curl_slist` (CURLOPT_MAIL_RCPT), the error buffer
/// (CURLOPT_ERRORBUFFER) and the contexts its callbacks read and write (CURLOPT_READDATA, CURLOPT_HEADERDATA,
/// CURLOPT_XFERINFODATA). They are released in `deinit`, after `curl_easy_cleanup`, so they outlive every
/// transfer. Reusing one handle for several `perform()` calls reuses its connection: the relay sees one
/// connection and one AUTH for a whole batch.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var recipientList: UnsafeMutablePointer<curl_slist>?
    /// CURLOPT_HTTPHEADER's list, owned like the recipients (see `CurlEasy+HTTP.swift`).
    var headerList: UnsafeMutablePointer<curl_slist>?
    private let upload = CurlUploadSource()
    private let replies = CurlReplyCollector()
    /// The HTTP response body (CURLOPT_WRITEDATA), for the OAuth2 token request.
    let responseBody = CurlBodyCollector()
    private let cancellation: CurlCancellation

    /// Creates a handle whose transfers abort once `cancellation` is set (checked by the xferinfo callback).
    ///
    /// Sets CURLOPT_NOSIGNAL (libcurl must not use signals in a multi-threaded process), CURLOPT_ERRORBUFFER,
    /// CURLOPT_HEADERFUNCTION/HEADERDATA (to keep the relay's reply lines), CURLOPT_READFUNCTION/READDATA and
    /// CURLOPT_NOPROGRESS/XFERINFOFUNCTION/XFERINFODATA.
    init(cancellation: CurlCancellation) throws(CurlError) {
        let initResult = ccurl_global_init_once()
        guard initResult == CURLE_OK else {
            throw CurlError(
                code: Int(initResult.rawValue),
                operation: "curl_global_init",
                detail: "cannot initialise libcurl"
            )
        }
        guard let handle = curl_easy_init() else {
            throw CurlError(
                code: CurlError.Code.failedInit,
                operation: "curl_easy_init",
                detail: "cannot create a handle"
            )
        }
        self.handle = handle
        self.cancellation = cancellation
        errorBuffer = .allocate(capacity: ccurl_error_size())
        errorBuffer.initialize(repeating: 0, count: ccurl_error_size())

        try setLong(CURLOPT_NOSIGNAL, 1, "CURLOPT_NOSIGNAL")
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER")
        try check(
            ccurl_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, curlCollectReply),
            "CURLOPT_HEADERFUNCTION"
        )
        try setPointer(CURLOPT_HEADERDATA, Unmanaged.passUnretained(replies).toOpaque(), "CURLOPT_HEADERDATA")
        try check(ccurl_easy_setopt_read_callback(handle, CURLOPT_READFUNCTION, curlReadUpload), "CURLOPT_READFUNCTION")
        try setPointer(CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque(), "CURLOPT_READDATA")
        try setLong(CURLOPT_NOPROGRESS, 0, "CURLOPT_NOPROGRESS")
        try check(
            ccurl_easy_setopt_xferinfo_callback(handle, CURLOPT_XFERINFOFUNCTION, curlCheckCancellation),
            "CURLOPT_XFERINFOFUNCTION"
        )
        try setPointer(CURLOPT_XFERINFODATA, Unmanaged.passUnretained(cancellation).toOpaque(), "CURLOPT_XFERINFODATA")
    }

    deinit {
        let leftovers = CurlLeftovers(
            handle: handle,
            errorBuffer: errorBuffer,
            lists: [recipientList, headerList],
            contexts: [upload, replies, responseBody, cancellation]
        )
        // curl_easy_cleanup says QUIT and waits for the reply; a relay still sitting on our DATA would hold a
        // stopping daemon for the whole response timeout (measured: 10 s more after SIGTERM). After a cancel the
        // goodbye gets one second (CURLOPT_SERVER_RESPONSE_TIMEOUT also bounds the QUIT) on a thread of its own,
        // whichever thread lets go of the handle last: the outcomes are known, and the process may exit first.
        if cancellation.isCancelled {
            _ = ccurl_easy_setopt_long(handle, CURLOPT_SERVER_RESPONSE_TIMEOUT, 1)
            _ = ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT, 1)
            Thread { leftovers.cleanUp() }.start()
        } else {
            leftovers.cleanUp()
        }
    }

    /// Sets CURLOPT_URL and CURLOPT_PROTOCOLS_STR: only smtp and smtps may ever be spoken.
    func setURL(_ url: String) throws(CurlError) {
        try setString(CURLOPT_PROTOCOLS_STR, "smtp,smtps", "CURLOPT_PROTOCOLS_STR")
        try setString(CURLOPT_URL, url, "CURLOPT_URL")
    }

    /// Sets CURLOPT_USE_SSL to CURLUSESSL_ALL, CURLOPT_SSL_VERIFYPEER to 1 and CURLOPT_SSL_VERIFYHOST to 2.
    ///
    /// There is deliberately no way to relax this: a relay without STARTTLS or with a certificate that does not
    /// verify gets no message and no password.
    func requireVerifiedTLS() throws(CurlError) {
        try setLong(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue), "CURLOPT_USE_SSL")
        try setLong(CURLOPT_SSL_VERIFYPEER, 1, "CURLOPT_SSL_VERIFYPEER")
        try setLong(CURLOPT_SSL_VERIFYHOST, 2, "CURLOPT_SSL_VERIFYHOST")
    }

    /// Sets CURLOPT_CAINFO: the bundle file libcurl verifies the relay against, in place of its built-in one.
    func setCertificateAuthorityFile(_ path: String) throws(CurlError) {
        try setString(CURLOPT_CAINFO, path, "CURLOPT_CAINFO")
    }

    /// Sets CURLOPT_CAPATH: a hashed directory of trust anchors consulted besides CURLOPT_CAINFO.
    func setCertificateAuthorityDirectory(_ path: String) throws(CurlError) {
        try setString(CURLOPT_CAPATH, path, "CURLOPT_CAPATH")
    }

    /// libcurl's built-in CURLOPT_CAPATH (CURLINFO_CAPATH), e.g. `/etc/ssl/certs` on Debian; nil when it has none.
    var builtInCertificateAuthorityDirectory: String? {
        var value: UnsafePointer<CChar>?
        guard ccurl_easy_getinfo_string(handle, CURLINFO_CAPATH, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    /// Sets CURLOPT_USERNAME.
    func setUsername(_ username: String) throws(CurlError) {
        try setString(CURLOPT_USERNAME, username, "CURLOPT_USERNAME")
    }

    /// Sets CURLOPT_PASSWORD (libcurl copies it; the caller's copy can go).
    func setPassword(_ password: String) throws(CurlError) {
        try setString(CURLOPT_PASSWORD, password, "CURLOPT_PASSWORD")
    }

    /// Sets CURLOPT_XOAUTH2_BEARER: the relay is offered AUTH XOAUTH2 with this token instead of a password.
    func setBearerToken(_ token: String) throws(CurlError) {
        try setString(CURLOPT_XOAUTH2_BEARER, token, "CURLOPT_XOAUTH2_BEARER")
    }

    /// Sets CURLOPT_CONNECTTIMEOUT (TCP, TLS, greeting, EHLO and AUTH), CURLOPT_SERVER_RESPONSE_TIMEOUT (each reply,
    /// including the one after the final dot) and CURLOPT_TIMEOUT (one whole message), all in seconds.
    func setTimeouts(connect: Int, response: Int, total: Int) throws(CurlError) {
        try setLong(CURLOPT_CONNECTTIMEOUT, connect, "CURLOPT_CONNECTTIMEOUT")
        try setLong(CURLOPT_SERVER_RESPONSE_TIMEOUT, response, "CURLOPT_SERVER_RESPONSE_TIMEOUT")
        try setLong(CURLOPT_TIMEOUT, total, "CURLOPT_TIMEOUT")
    }

    /// A libcurl string list holding copies of `strings` (nil for none), for the caller to hand to a handle and free
    /// with `curl_slist_free_all` once the handle no longer points at it; nothing is left allocated when it throws.
    static func stringList(_ strings: [String]) throws(CurlError) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        for string in strings {
            guard let longer = curl_slist_append(list, string) else {
                if let list { curl_slist_free_all(list) }
                throw CurlError(
                    code: CurlError.Code.failedInit,
                    operation: "curl_slist_append",
                    detail: "out of memory"
                )
            }
            list = longer
        }
        return list
    }

    /// Sets CURLOPT_MAIL_FROM; libcurl adds the angle brackets.
    func setMailFrom(_ address: String) throws(CurlError) {
        try setString(CURLOPT_MAIL_FROM, address, "CURLOPT_MAIL_FROM")
    }

    /// Sets CURLOPT_MAIL_RCPT. The handle keeps the list until it is replaced or the handle is gone.
    func setRecipients(_ addresses: [String]) throws(CurlError) {
        let list = try Self.stringList(addresses)
        let result = ccurl_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, list)
        // Free the old list only now: until this setopt the handle still pointed at it.
        let old = recipientList
        recipientList = list
        if let old { curl_slist_free_all(old) }
        try check(result, "CURLOPT_MAIL_RCPT")
    }

    /// Sets CURLOPT_UPLOAD and CURLOPT_INFILESIZE_LARGE; the read callback hands `bytes` over from the start.
    /// True once the latest `perform()` handed the whole body to libcurl, which then sends the final dot: a failure
    /// after this point means the relay may have the message (RFC 5321 §4.1.1.4: the reply to the dot decides).
    var bodyHandedOver: Bool { upload.handedOver }

    func setBody(_ bytes: [UInt8]) throws(CurlError) {
        upload.bytes = bytes
        upload.offset = 0
        upload.handedOver = false
        try setLong(CURLOPT_UPLOAD, 1, "CURLOPT_UPLOAD")
        try check(
            ccurl_easy_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(bytes.count)),
            "CURLOPT_INFILESIZE_LARGE"
        )
    }

    /// Runs one transfer (connecting or reusing the connection); blocks the calling thread.
    func perform() throws(CurlError) {
        errorBuffer[0] = 0
        replies.reset()
        responseBody.reset()
        upload.offset = 0
        upload.handedOver = false
        let result = curl_easy_perform(handle)
        guard result != CURLE_OK else { return }
        throw CurlError(
            code: Int(result.rawValue),
            operation: "curl_easy_perform",
            detail: errorText(result),
            responseCode: responseCode,
            lastReply: replies.lastLine(withCode: responseCode)
        )
    }

    /// CURLINFO_RESPONSE_CODE: the last SMTP reply code, 0 when the relay never answered.
    var responseCode: Int {
        var code = 0
        guard ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK else { return 0 }
        return code
    }

    /// The relay's reply line for `responseCode` after the latest `perform()`, without its CRLF: after a
    /// delivery, the reply to the final dot.
    var lastReply: String? { replies.lastLine(withCode: responseCode) }

    private func errorText(_ result: CURLcode) -> String {
        let buffered = String(cString: errorBuffer)
        return buffered.isEmpty ? String(cString: curl_easy_strerror(result)) : buffered
    }

    func setString(_ option: CURLoption, _ value: String, _ name: String) throws(CurlError) {
        try check(value.withCString { ccurl_easy_setopt_string(handle, option, $0) }, name)
    }

    func setLong(_ option: CURLoption, _ value: Int, _ name: String) throws(CurlError) {
        try check(ccurl_easy_setopt_long(handle, option, value), name)
    }

    func setPointer(_ option: CURLoption, _ pointer: UnsafeMutableRawPointer, _ name: String) throws(CurlError) {
        try check(ccurl_easy_setopt_pointer(handle, option, pointer), name)
    }

    func check(_ result: CURLcode, _ operation: String) throws(CurlError) {
        guard result != CURLE_OK else { return }
        throw CurlError(
            code: Int(result.rawValue),
            operation: operation,
            detail: String(cString: curl_easy_strerror(result))
        )
    }
}

@available(*, unavailable)
extension CurlEasy: Sendable {}

/// What `curl_easy_cleanup` still uses, kept together until it returns: the handle, the lists and error buffer
/// it borrows, and the callback contexts it may call into while saying QUIT (the reply collector).
private final class CurlLeftovers: @unchecked Sendable {
    // Touched by one thread only: the one `cleanUp` runs on, after the handle's owner let go of it.
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let lists: [UnsafeMutablePointer<curl_slist>?]
    private let contexts: [AnyObject]

    init(
        handle: UnsafeMutableRawPointer,
        errorBuffer: UnsafeMutablePointer<CChar>,
        lists: [UnsafeMutablePointer<curl_slist>?],
        contexts: [AnyObject]
    ) {
        self.handle = handle
        self.errorBuffer = errorBuffer
        self.lists = lists
        self.contexts = contexts
    }

    /// curl_easy_cleanup first, then what it borrowed.
    func cleanUp() {
        curl_easy_cleanup(handle)
        for list in lists { if let list { curl_slist_free_all(list) } }
        errorBuffer.deallocate()
        withExtendedLifetime(contexts) {}
    }
}
