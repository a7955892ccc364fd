internal import CCurl

/// The HTTPS side of a handle: one form POST to an OAuth2 token endpoint (RFC 6749 §4.4.2).
///
/// A separate handle from the SMTP one, on the same thread: it uses the same error buffer, reply collector and
/// cancellation, and never follows a redirect (CURLOPT_FOLLOWLOCATION stays 0), so the client secret goes only to
/// the URL the operator wrote.
extension CurlEasy {
    /// Sets CURLOPT_PROTOCOLS_STR (`https`, or `http,https` when plain HTTP was allowed for loopback) and
    /// CURLOPT_URL.
    func setHTTPURL(_ url: String, allowPlainHTTP: Bool) throws(CurlError) {
        try setString(CURLOPT_PROTOCOLS_STR, allowPlainHTTP ? "http,https" : "https", "CURLOPT_PROTOCOLS_STR")
        try setString(CURLOPT_URL, url, "CURLOPT_URL")
    }

    /// Sets CURLOPT_SSL_VERIFYPEER to 1 and CURLOPT_SSL_VERIFYHOST to 2 (libcurl's defaults, set so no other
    /// code path can have relaxed them).
    func verifyTLSPeer() throws(CurlError) {
        try setLong(CURLOPT_SSL_VERIFYPEER, 1, "CURLOPT_SSL_VERIFYPEER")
        try setLong(CURLOPT_SSL_VERIFYHOST, 2, "CURLOPT_SSL_VERIFYHOST")
    }

    /// Sets CURLOPT_CONNECTTIMEOUT (TCP and TLS) and CURLOPT_TIMEOUT (the whole request), in seconds.
    func setHTTPTimeouts(connect: Int, total: Int) throws(CurlError) {
        try setLong(CURLOPT_CONNECTTIMEOUT, connect, "CURLOPT_CONNECTTIMEOUT")
        try setLong(CURLOPT_TIMEOUT, total, "CURLOPT_TIMEOUT")
    }

    /// Sets CURLOPT_POST and CURLOPT_COPYPOSTFIELDS: libcurl copies `body`, so the caller's copy (which holds the
    /// client secret) can go at once.
    func setFormBody(_ body: String) throws(CurlError) {
        try setLong(CURLOPT_POST, 1, "CURLOPT_POST")
        try setString(CURLOPT_COPYPOSTFIELDS, body, "CURLOPT_COPYPOSTFIELDS")
    }

    /// Sets CURLOPT_HTTPHEADER. The handle keeps the list until it is replaced or the handle is gone.
    func setHTTPHeaders(_ lines: [String]) throws(CurlError) {
        let list = try Self.stringList(lines)
        let result = ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        let old = headerList
        headerList = list
        if let old { curl_slist_free_all(old) }
        try check(result, "CURLOPT_HTTPHEADER")
    }

    /// Sets CURLOPT_WRITEFUNCTION/CURLOPT_WRITEDATA: the response body is kept (at most 64 KiB) for `responseBody`.
    func collectResponseBody() throws(CurlError) {
        try check(
            ccurl_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, curlCollectBody),
            "CURLOPT_WRITEFUNCTION"
        )
        try setPointer(CURLOPT_WRITEDATA, Unmanaged.passUnretained(responseBody).toOpaque(), "CURLOPT_WRITEDATA")
    }

    /// Sets CURLOPT_FRESH_CONNECT: the next transfer opens a new connection (and so authenticates again) instead of
    /// reusing the one the previous token authenticated.
    func requireFreshConnection(_ fresh: Bool) throws(CurlError) {
        try setLong(CURLOPT_FRESH_CONNECT, fresh ? 1 : 0, "CURLOPT_FRESH_CONNECT")
    }
}
