#ifndef CCURL_H
#define CCURL_H

// Typed wrappers around libcurl for Swift. curl_easy_setopt/getinfo are variadic, which Swift cannot call,
// so each argument kind gets one function here. All C in convenor lives in this target; the Swift type above
// these wrappers is `CurlEasy` in ConvenorIO.

#include <curl/curl.h>

/// The libcurl version string, e.g. "libcurl/7.88.1 OpenSSL/3.0.15 ...". Proves the library links.
const char *ccurl_version(void);

/// Runs curl_global_init(CURL_GLOBAL_DEFAULT) exactly once per process, whichever thread calls first
/// (pthread_once), and returns its result on every call. curl_global_init is not thread-safe itself, and
/// CURL_GLOBAL_DEFAULT is a macro expression Swift does not import.
CURLcode ccurl_global_init_once(void);

/// String options (libcurl copies the string): CURLOPT_URL, CURLOPT_USERNAME, CURLOPT_PASSWORD,
/// CURLOPT_XOAUTH2_BEARER, CURLOPT_MAIL_FROM, CURLOPT_CAINFO, CURLOPT_CAPATH, CURLOPT_PROTOCOLS_STR,
/// CURLOPT_COPYPOSTFIELDS (the OAuth2 token request's form body; libcurl copies it too), CURLOPT_CUSTOMREQUEST (an
/// IMAP command; NULL restores the default fetch).
CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);

/// Long options: CURLOPT_USE_SSL, CURLOPT_SSL_VERIFYPEER, CURLOPT_SSL_VERIFYHOST, CURLOPT_NOSIGNAL,
/// CURLOPT_TIMEOUT, CURLOPT_CONNECTTIMEOUT, CURLOPT_SERVER_RESPONSE_TIMEOUT, CURLOPT_UPLOAD,
/// CURLOPT_NOPROGRESS, CURLOPT_VERBOSE, CURLOPT_POST, CURLOPT_FRESH_CONNECT.
CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value);

/// curl_off_t options: CURLOPT_INFILESIZE_LARGE.
CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);

/// List options (libcurl does NOT copy the list; it must outlive the transfer): CURLOPT_MAIL_RCPT,
/// CURLOPT_HTTPHEADER.
CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list);

/// Pointer options (libcurl keeps the pointer; it must outlive the transfer): CURLOPT_READDATA,
/// CURLOPT_XFERINFODATA, CURLOPT_HEADERDATA, CURLOPT_WRITEDATA, CURLOPT_ERRORBUFFER (a CURL_ERROR_SIZE buffer).
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *pointer);

/// Read callbacks: CURLOPT_READFUNCTION (the message body is pulled through it).
CURLcode ccurl_easy_setopt_read_callback(CURL *handle, CURLoption option, curl_read_callback callback);

/// Write callbacks: CURLOPT_HEADERFUNCTION (libcurl hands every SMTP reply line to it), CURLOPT_WRITEFUNCTION (the
/// token endpoint's HTTP response body).
CURLcode ccurl_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback callback);

/// Progress callbacks: CURLOPT_XFERINFOFUNCTION (returning non-zero aborts the transfer; used for cancellation).
CURLcode ccurl_easy_setopt_xferinfo_callback(CURL *handle, CURLoption option, curl_xferinfo_callback callback);

/// Long results: CURLINFO_RESPONSE_CODE (last SMTP reply code, or the HTTP status), CURLINFO_NUM_CONNECTS.
CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);

/// String results (owned by libcurl, may be NULL): CURLINFO_CAPATH, CURLINFO_CAINFO (the built-in defaults).
CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);

/// CURL_READFUNC_ABORT: returned from a read callback to abort the upload.
size_t ccurl_readfunc_abort(void);

/// CURL_ERROR_SIZE: the size libcurl expects of a CURLOPT_ERRORBUFFER buffer.
size_t ccurl_error_size(void);

#endif
