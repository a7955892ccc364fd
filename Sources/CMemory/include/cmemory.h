#ifndef CMEMORY_H
#define CMEMORY_H

/* glibc's malloc tuning, which Swift's Glibc module does not export (malloc.h is not in its module map).
   See Sources/ConvenorIO/Daemon/IdleMemory.swift for why the daemon calls these. */

/* Caps the number of malloc arenas (mallopt M_ARENA_MAX); returns 1 on success, 0 elsewhere. */
int cmemory_limit_arenas(int count);

/* Returns freed heap of every arena to the kernel (malloc_trim(0)); 1 if memory was released. */
int cmemory_trim(void);

/* 1 when built against glibc, where the two calls above do something; 0 elsewhere. */
int cmemory_is_glibc(void);

#endif
