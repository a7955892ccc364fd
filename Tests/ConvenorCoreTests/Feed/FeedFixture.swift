import ConvenorCore
import ConvenorTesting

/// Two groups whose meetings cover the cases a feed must get right: a clock-change day, a cancellation, an extra
/// meeting, and a group in another zone.
enum FeedFixture {
    static var config: Config {
        let london = ConfigFixtures.customerServicesCoP(meetings: [
            ConfigFixtures.meeting("2026-11-12 14:00"),
            // 28 March 2027: UK clocks go forward at 01:00 UTC, so 14:00 is 13:00 UTC.
            ConfigFixtures.meeting("2027-03-28 14:00", lengthMinutes: 60),
            ConfigFixtures.meeting("2027-06-09 14:00", cancelled: true),
        ])
        let newYork = ConfigFixtures.group(
            id: "resource-sharing-cop",
            name: "Resource Sharing Community of Practice",
            timeZone: "America/New_York",
            list: "resource-sharing-cop@googlegroups.com",
            windows: [ConfigFixtures.window(11)],
            meetings: [
                // 1 November 2026: US clocks go back at 06:00 UTC, so 10:00 EST is 15:00 UTC.
                ConfigFixtures.meeting("2026-11-01 10:00", lengthMinutes: 60)
            ]
        )
        return ConfigFixtures.config(groups: [london, newYork])
    }
}
