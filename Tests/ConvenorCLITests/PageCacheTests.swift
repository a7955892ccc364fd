import Foundation
import NIOCore
import Synchronization
import Testing

@testable import ConvenorWeb

/// The web's page cache: one rendering however many ask at once, a new one after every change in this process or
/// once `freshFor` has passed, nothing kept that the rendering did not find, and pages under their own keys only.
@Suite struct PageCacheTests {
    /// Counts renderings; each one's page says which it was.
    final class Renderer: Sendable {
        let count = Atomic<Int>(0)

        func render(_ name: String) -> String { "\(name) #\(count.add(1, ordering: .relaxed).newValue)" }
    }

    /// How many askers have asked.
    final class Arrivals: Sendable {
        let count = Atomic<Int>(0)
    }

    static func text(_ buffer: ByteBuffer?) -> String? { buffer.map { String(buffer: $0) } }

    @Test func aCrowdAskingAtOnceGetsOneRendering() async {
        let cache = PageCache(freshFor: .seconds(3_600))
        let renderer = Renderer()
        let started = Arrivals()
        let pages = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    started.count.add(1, ordering: .relaxed)
                    return Self.text(
                        await cache.text(for: "directory", generation: 1) {
                            // The first rendering lasts until every asker has asked.
                            while started.count.load(ordering: .relaxed) < 50 { await Task.yield() }
                            return renderer.render("directory")
                        }
                    )
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(renderer.count.load(ordering: .relaxed) == 1)
        #expect(Set(pages) == ["directory #1"] && pages.count == 50)
    }

    @Test func everyChangeInThisProcessRendersAgainAndSoDoesTime() async {
        let kept = PageCache(freshFor: .seconds(3_600))
        let renderer = Renderer()
        #expect(Self.text(await kept.text(for: "g1", generation: 7) { renderer.render("g1") }) == "g1 #1")
        #expect(Self.text(await kept.text(for: "g1", generation: 7) { renderer.render("g1") }) == "g1 #1")
        // A pass, a reload or a chair's save moved the generation on: rendered again at once.
        #expect(Self.text(await kept.text(for: "g1", generation: 8) { renderer.render("g1") }) == "g1 #2")
        // Another key is another page.
        #expect(Self.text(await kept.text(for: "g2", generation: 8) { renderer.render("g2") }) == "g2 #3")

        // Nothing fresh for longer than `freshFor`: what only another process changed shows within it.
        let stale = PageCache(freshFor: .zero)
        #expect(Self.text(await stale.text(for: "g1", generation: 1) { renderer.render("g1") }) == "g1 #4")
        #expect(Self.text(await stale.text(for: "g1", generation: 1) { renderer.render("g1") }) == "g1 #5")
    }

    @Test func aPageTheRenderingDidNotFindIsNotKept() async {
        let cache = PageCache(freshFor: .seconds(3_600))
        let renderer = Renderer()
        #expect(await cache.text(for: "gone", generation: 1) { nil } == nil)
        #expect(Self.text(await cache.text(for: "gone", generation: 1) { renderer.render("gone") }) == "gone #1")
    }

    @Test func pageValuesReadAsTheStructsDid() {
        struct Line { var text: String }
        struct Page {
            var title: String
            var missing: String?
            var present: String?
            var flag: Bool
            var count: Int
            var lines: [Line]
        }
        let page = Page(title: "T", missing: nil, present: "P", flag: false, count: 3, lines: [Line(text: "a")])
        let tree = PageValues.tree(of: page) as? [String: Any]
        #expect(tree?["title"] as? String == "T" && tree?["present"] as? String == "P")
        #expect(tree?.keys.contains("missing") == false, "nil is left out: the lookup goes on up the stack")
        #expect(tree?["flag"] as? Bool == false && tree?["count"] as? Int == 3)
        #expect(((tree?["lines"] as? [Any])?.first as? [String: Any])?["text"] as? String == "a")
        // Through the real renderer: nil falls back to the enclosing value, as swift-mustache's Mirror lookup did.
        let html = PageRenderer().render(
            MessagePageContext(network: "N <&>", heading: "H", paragraphs: ["p1"], linkHref: nil, linkText: nil),
            page: "message"
        )
        #expect(html.contains("N &lt;&amp;&gt;") && html.contains("p1") && !html.contains("href=\"\""))
    }
}
