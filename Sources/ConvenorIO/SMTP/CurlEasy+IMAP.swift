internal import CCurl

/// The IMAP side of a handle (issue 18's returns mailbox): one connection, commands sent as CURLOPT_CUSTOMREQUEST
/// and messages fetched by URL (`;UID=N`), whose bytes arrive through the body collector.
///
/// Measured against Dovecot 2.3 with libcurl 7.88.1: a custom command's untagged replies (`* 3 FETCH (UID 7 FLAGS
/// (\Seen))`, `* SEARCH 1 2`) reach the write callback line by line, but a literal (a message's bytes) does not, so
/// a message is fetched by URL, which sends `UID FETCH N BODY[]` and sets `\Seen`: the caller puts it back for mail
/// it does not understand.
extension CurlEasy {
    /// Sets CURLOPT_PROTOCOLS_STR (`imap,imaps` only) and CURLOPT_URL.
    func setIMAPURL(_ url: String) throws(CurlError) {
        try setString(CURLOPT_PROTOCOLS_STR, "imap,imaps", "CURLOPT_PROTOCOLS_STR")
        try setString(CURLOPT_URL, url, "CURLOPT_URL")
    }

    /// Sets CURLOPT_CUSTOMREQUEST: the IMAP command sent instead of a fetch (nil: fetch what the URL names).
    func setCustomRequest(_ command: String?) throws(CurlError) {
        if let command {
            try setString(CURLOPT_CUSTOMREQUEST, command, "CURLOPT_CUSTOMREQUEST")
        } else {
            try check(ccurl_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, nil), "CURLOPT_CUSTOMREQUEST")
        }
    }

    /// The untagged lines and bytes the latest `perform()` wrote (bounded by `responseBody.limit`).
    var receivedBytes: [UInt8] { responseBody.bytes }
}
