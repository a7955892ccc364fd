#include "ccurl.h"

const char *ccurl_version(void) {
    return curl_version();
}
