#include "cmemory.h"

/* Any libc header defines __GLIBC__ on glibc (through <features.h>); without one the test below is always false and
   the stubs were compiled on glibc too, so the daemon never capped its arenas nor trimmed (found in issue 16). */
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>

int cmemory_limit_arenas(int count) { return mallopt(M_ARENA_MAX, count); }

int cmemory_trim(void) { return malloc_trim(0); }

int cmemory_is_glibc(void) { return 1; }
#else
int cmemory_limit_arenas(int count) { (void)count; return 0; }

int cmemory_trim(void) { return 0; }

int cmemory_is_glibc(void) { return 0; }
#endif
