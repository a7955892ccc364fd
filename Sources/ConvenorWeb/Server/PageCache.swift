import Foundation
import NIOCore
import Synchronization

/// Rendered pages kept while nothing that shapes them has changed, so a page asked for again and again (the
/// directory under a crowd, a chair reloading their page) is worked out once, not once per request.
///
/// A page is kept while `DaemonStatus.generation` is unchanged (it moves on at every reload, pass and saved chair
/// change of this process, so a chair who saves sees the change on the very next page) and for at most
/// `freshFor` (a second), which bounds what only another process changes: a second instance on a shared ledger, an operator's
/// `convenor ledger retry`, a minutes file copied in, the clock passing a meeting's end. While one request renders a
/// page again, the others asking for it wait for that one rendering instead of each rendering it (and, when only
/// `freshFor` has passed, get the page it replaces), so a crowd costs one rendering a second.
///
/// Only the pages' text is kept, under keys the routes choose: a chair's page is keyed by their session, so no one
/// is ever shown a page made for someone else; checks of who may see a page run before the cache is asked.
final class PageCache: Sendable {
    /// How long a kept page may be shown when nothing in this process has changed: a second, so a crowd costs one
    /// rendering a second and a change made elsewhere shows within one.
    static let defaultFreshFor: Duration = .seconds(1)
    /// Pages kept at most (a chair's page per session, one per public page); past it the cache starts again.
    static let capacity = 1_024

    let freshFor: Duration

    init(freshFor: Duration = PageCache.defaultFreshFor) {
        self.freshFor = freshFor
    }

    private struct Slot {
        var text: ByteBuffer?
        var generation: UInt64 = 0
        var made = ContinuousClock.Instant.now
        var rendering: (generation: UInt64, task: Task<ByteBuffer?, Never>)?
    }

    private let slots = Mutex<[String: Slot]>([:])

    /// The page under `key`: kept, or rendered by `render` (once, however many ask at the same time). A rendering
    /// that gives nil (the page's subject went away meanwhile) is passed on and not kept.
    func text(
        for key: String,
        generation: UInt64,
        render: @escaping @Sendable () async -> String?
    ) async -> ByteBuffer? {
        let started = ContinuousClock.now
        enum Answer {
            case kept(ByteBuffer)
            case wait(Task<ByteBuffer?, Never>)
            case render(Task<ByteBuffer?, Never>)
        }
        let answer: Answer = slots.withLock { slots in
            let slot = slots[key]
            if let slot, let text = slot.text, slot.generation == generation {
                if started - slot.made < freshFor || slot.rendering?.generation == generation {
                    return .kept(text)
                }
            }
            if let rendering = slot?.rendering, rendering.generation == generation { return .wait(rendering.task) }
            if slots.count >= Self.capacity { slots.removeAll(keepingCapacity: true) }
            let task = Task { await render().map { ByteBuffer(string: $0) } }
            slots[key, default: Slot()].rendering = (generation, task)
            return .render(task)
        }
        switch answer {
        case .kept(let text):
            return text
        case .wait(let task):
            return await task.value
        case .render(let task):
            let text = await task.value
            slots.withLock { slots in
                guard var slot = slots[key], slot.rendering?.generation == generation else { return }
                slot.rendering = nil
                // What the page shows was read after `started`: it is fresh from then, and no later.
                if let text, slot.text == nil || generation >= slot.generation {
                    slot.text = text
                    slot.generation = generation
                    slot.made = started
                }
                slots[key] = slot
            }
            return text
        }
    }
}
