#include "cmemory.h"

#if defined(__GLIBC__)
#include <malloc.h>

int cmemory_limit_arenas(int count) { return mallopt(M_ARENA_MAX, count); }

int cmemory_trim(void) { return malloc_trim(0); }
#else
int cmemory_limit_arenas(int count) { (void)count; return 0; }

int cmemory_trim(void) { return 0; }
#endif
