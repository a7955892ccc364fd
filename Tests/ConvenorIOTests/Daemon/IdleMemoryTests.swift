#if canImport(Glibc)
import ConvenorIO
import Foundation
import Glibc
import Testing

/// The daemon caps glibc's arenas at start-up and hands freed heap back before each sleep (issue 16). Both were
/// silently no-ops once, because the C file tested `__GLIBC__` before including any libc header; these tests
/// fail if that happens again.
@Suite(.serialized) struct IdleMemoryTests {
    @Test func theCallsReachGlibc() {
        #expect(IdleMemory.isEffective)
        #expect(IdleMemory.limitArenas())
    }

    @Test func trimmingGivesFreedHeapBackToTheKernel() throws {
        // 64 MiB in 16 KiB blocks (under the mmap threshold, so on the heap), touched, then freed behind a block
        // still in use: glibc keeps those pages until it is asked to trim.
        let blockSize = 16 * 1024
        var blocks: [UnsafeMutableRawPointer] = []
        for _ in 0..<4096 {
            let block = try #require(malloc(blockSize))
            memset(block, 0x5a, blockSize)
            blocks.append(block)
        }
        let pin = try #require(malloc(64))
        defer { free(pin) }
        for block in blocks { free(block) }
        let before = try Self.privateDirtyKiB()
        IdleMemory.trim()
        let after = try Self.privateDirtyKiB()
        #expect(before - after >= 32 * 1024, "Private_Dirty \(before) kB before trimming, \(after) kB after")
    }

    static func privateDirtyKiB() throws -> Int {
        let rollup = try String(contentsOfFile: "/proc/self/smaps_rollup", encoding: .utf8)
        let line = try #require(rollup.split(separator: "\n").first { $0.hasPrefix("Private_Dirty:") })
        return try #require(Int(line.split(separator: " ")[1]))
    }
}
#endif
