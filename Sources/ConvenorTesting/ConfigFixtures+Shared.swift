package import ConvenorCore

extension ConfigFixtures {
    /// Two groups whose meetings cover what a calendar feed must get right: the day UK clocks go forward
    /// (28 March 2027, 14:00 London = 13:00 UTC), a cancelled meeting, and a New York group meeting on the day US
    /// clocks go back (1 November 2026, 10:00 EST = 15:00 UTC). Shared by the core feed tests and the Python checks.
    package static var feedConfig: Config {
        let london = customerServicesCoP(meetings: [
            meeting("2026-11-12 14:00"),
            meeting("2027-03-28 14:00", lengthMinutes: 60),
            meeting("2027-06-09 14:00", cancelled: true),
        ])
        let newYork = group(
            id: "resource-sharing-cop",
            name: "Resource Sharing Community of Practice",
            timeZone: "America/New_York",
            list: "resource-sharing-cop@googlegroups.com",
            windows: [window(11)],
            meetings: [meeting("2026-11-01 10:00", lengthMinutes: 60)]
        )
        return config(groups: [london, newYork])
    }

    /// The YAML of the small group the daemon tests use (in-process and through the binary): a SIG meeting at
    /// 14:00 on 2027-03-03, -04, -05 and -08, with the installation's default timings.
    package static func daemonGroupYAML(id: String) -> String {
        """
        id: \(id)
        name: Group \(id)
        type: SIG
        chairs:
          - {name: Ann Chair, email: ann@test.example.org}
        list: \(id.uppercased())@LISTS.TEST.EXAMPLE.ORG
        meetings:
          - start: 2027-03-03 14:00
          - start: 2027-03-04 14:00
          - start: 2027-03-05 14:00
          - start: 2027-03-08 14:00

        """
    }
}
