import NIOCore
import NIOPosix

/// Work that is the same pure job on each item, shared out over the machine's cores.
///
/// Why: `preview` renders and composes thousands of independent messages; one core did all of it while the other
/// waited. Swift concurrency runs on NIO's event loops here (`EventLoopExecutor`, one loop per core), and NIO keeps a
/// task on the loop that made it, so child tasks alone would all run on one core: each share is submitted to a loop
/// of its own. Commands only: the daemon must not hold an event loop for long, and its passes are paced by the
/// relay, not by the CPU.
enum CoreShares {
    /// `body` applied to contiguous shares of `items`, the results joined in the items' order: the same array one
    /// thread would make. When several shares throw, the error of the earliest share is the one thrown, so a
    /// failure names the same item whichever core finished first.
    static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item],
        shares: Int = System.coreCount,
        minimumShare: Int = 64,
        _ body: @escaping @Sendable (ArraySlice<Item>) throws -> [Output]
    ) async throws -> [Output] {
        let count = max(1, min(shares, items.count / max(1, minimumShare)))
        if count == 1 { return try body(items[...]) }
        let size = (items.count + count - 1) / count
        var loops = MultiThreadedEventLoopGroup.singleton.makeIterator()
        var futures: [EventLoopFuture<[Output]>] = []
        for share in 0..<count {
            let slice = items[min(items.count, share * size)..<min(items.count, (share + 1) * size)]
            let loop = loops.next() ?? MultiThreadedEventLoopGroup.singleton.next()
            futures.append(loop.submit { try body(slice) })
        }
        var joined: [Output] = []
        joined.reserveCapacity(items.count)
        for future in futures { joined += try await future.get() }
        return joined
    }
}
