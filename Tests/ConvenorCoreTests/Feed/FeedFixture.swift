import ConvenorCore
import ConvenorTesting

/// The feed tests' config: `ConfigFixtures.feedConfig` (a clock-change day, a cancellation, another zone).
enum FeedFixture {
    static var config: Config { ConfigFixtures.feedConfig }
}
