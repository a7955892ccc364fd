#ifndef CCURL_H
#define CCURL_H

// Typed wrappers around libcurl for Swift. curl_easy_setopt/getinfo are variadic, which Swift cannot call,
// so each argument kind gets one function here. All C in convenor lives in this target.

#include <curl/curl.h>

/// The libcurl version string, e.g. "libcurl/7.88.1 OpenSSL/3.0.15 ...". Proves the library links.
const char *ccurl_version(void);

#endif
