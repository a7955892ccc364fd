import CMemory

/// Gives back to the kernel the heap a pass or a reload freed, before the daemon goes to sleep.
///
/// glibc keeps freed memory for reuse; an idle daemon would hold the peak of its last pass (38 MiB of 58 MiB at
/// 1,000 groups was freed but unreturned heap, issue 16) and one arena per thread that ever allocated. Two arenas
/// serve a daemon whose jobs run on two event loops and a few short-lived threads; trimming once per sleep costs a
/// few milliseconds, nothing next to the pass before it.
package enum IdleMemory {
    /// Caps glibc's arenas; call first thing, before any thread starts. False where there is no glibc.
    @discardableResult
    package static func limitArenas() -> Bool {
        cmemory_limit_arenas(2) == 1
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
