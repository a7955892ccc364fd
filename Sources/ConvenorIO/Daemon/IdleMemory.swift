import CMemory

/// Gives back to the kernel the heap a pass or a reload freed, before the daemon goes to sleep.
///
/// glibc keeps freed memory for reuse; an idle daemon would hold the peak of its last pass (38 MiB of 58 MiB at
/// 1,000 groups was freed but unreturned heap, issue 16) and one arena per thread that ever allocated.
///
/// The daemon keeps one arena. With two, which arena a thread draws depends on which thread allocates first, and
/// when the pass's temporaries drew the arena holding the configuration, its live 3.3 MB were spread over 20 MB of
/// pages no trim can return: an idle daemon of 1,000 groups was at 18.5 MiB in some starts and 9.5 MiB in others,
/// and at 9.0-9.2 MiB in each of 20 starts with one arena. Its threads rarely allocate at once, and glibc's
/// per-thread cache serves most small allocations without the arena's lock (the web rows of `make bench` did not
/// move). Trimming once per sleep costs a few milliseconds, nothing next to the pass before it.
package enum IdleMemory {
    /// Keeps every thread on glibc's main arena; call first thing, before any thread starts. False where there is
    /// no glibc.
    @discardableResult
    package static func limitArenas() -> Bool {
        cmemory_limit_arenas(1) == 1
    }

    /// Returns freed heap (every arena, not only the top of the main one) to the kernel.
    package static func trim() {
        _ = cmemory_trim()
    }

    /// Whether the calls above reach glibc's allocator (a build without `__GLIBC__` gets no-op stubs).
    package static var isEffective: Bool {
        cmemory_is_glibc() == 1
    }
}
