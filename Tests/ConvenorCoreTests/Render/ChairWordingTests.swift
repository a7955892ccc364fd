import ConvenorCore
import Foundation
import Testing

/// A chair's wording: the checks `convenor check` makes, limits of its own, and one source of truth when merged.
@Suite struct ChairWordingTests {
    static let agenda = "---\nsubject: \"Agenda: {{group.name}}\"\n---\nOur words for {{meeting.date_long}}.\n"
    static let kind = TemplateKind.mailing(.agenda)

    static func change(
        _ number: Int,
        _ action: ChairChange.Action,
        _ payload: String,
        group: String = "g1"
    ) -> ChairChange {
        ChairChange(
            number: number,
            group: group,
            occurrence: "agenda",
            action: action,
            payload: payload,
            author: "ann@x.org",
            at: Date(timeIntervalSince1970: 1_800_000_000 + Double(number))
        )
    }

    @Test func theChecksAreTheTemplateCheckersWithLimitsOfTheirOwn() {
        #expect(ChairWording.check(Self.agenda, kind: Self.kind, group: "g1").filter { $0.severity == .error }.isEmpty)
        let typo = ChairWording.check(Self.agenda + "{{meeting.dat_long}}\n", kind: Self.kind, group: "g1")
        #expect(
            typo.contains { $0.severity == .error && $0.location.line == 5 && $0.fix.contains("meeting.date_long") },
            "\(typo)"
        )
        #expect(typo.first?.location.file == "chairs/g1/agenda.mustache")
        let partial = ChairWording.check(Self.agenda + "{{> /etc/passwd}}\n", kind: Self.kind, group: "g1")
        #expect(partial.contains { $0.severity == .error && $0.problem.contains("partials") })
        #expect(ChairWording.check(Self.agenda + "{{=<% %>=}}\n", kind: Self.kind, group: "g1").containsErrors)
        let large = ChairWording.check(
            Self.agenda + String(repeating: "x", count: 40_000),
            kind: Self.kind,
            group: "g1"
        )
        #expect(large.count == 1 && large[0].problem.contains("larger than 32 KB"))
        #expect(
            ChairWording.check(Self.agenda + "a\u{1B}[2J\n", kind: Self.kind, group: "g1").first?.location.line == 5
        )
        #expect(ChairWording.kind(named: "operator-alert") == nil && ChairWording.kind(named: "chairs-alert") == nil)
        #expect(ChairWording.kind(named: "../agenda") == nil && ChairWording.kind(named: "agenda") == Self.kind)
    }

    @Test func theLatestWordingHoldsAndTheOperatorsFileWins() {
        let files = TemplateSources(directory: "templates", files: ["agenda.mustache": "operator's"])
        let saved = [Self.change(1, .wording, Self.agenda), Self.change(2, .wording, Self.agenda, group: "g2")]
        let applied = ChairWording.apply(saved, to: files, groupIDs: ["g1", "g2"])
        #expect(applied.sources.files["g1/agenda.mustache"] == Self.agenda && applied.diagnostics.isEmpty)
        let reset = ChairWording.apply(saved + [Self.change(3, .wordingDefault, "")], to: files, groupIDs: ["g1"])
        #expect(reset.sources.files["g1/agenda.mustache"] == nil)
        // g2 is no group any more: `ChairOverlay.apply` says so once for all its changes, so no second warning here.
        #expect(reset.diagnostics.isEmpty, "\(reset.diagnostics)")
        #expect(reset.sources.files["g2/agenda.mustache"] == nil)
        let owned = TemplateSources(directory: "templates", files: ["g1/agenda.mustache": "the operator's g1 wording"])
        let conflict = ChairWording.apply(saved, to: owned, groupIDs: ["g1", "g2"])
        #expect(conflict.sources.files["g1/agenda.mustache"] == "the operator's g1 wording")
        #expect(conflict.diagnostics.first?.problem.contains("the file wins") == true)
        let broken = ChairWording.apply([Self.change(1, .wording, "{{#x}}")], to: files, groupIDs: ["g1"])
        #expect(broken.sources.files["g1/agenda.mustache"] == nil && broken.diagnostics.count == 1)
        if case .chairs(let change) = ChairWording.current(Self.kind, group: "g1", changes: saved, fileSources: files)
            .origin
        {
            #expect(change.number == 1)
        } else {
            Issue.record("the chairs' wording is the current one")
        }
        #expect(
            ChairWording.current(Self.kind, group: "g1", changes: saved, fileSources: owned).origin
                == .groupFile("templates/g1/agenda.mustache")
        )
        let yaml = ChairExport.yaml(saved)
        #expect(
            yaml.contains("wording:") && yaml.contains("template: agenda") && yaml.contains("Our words for"),
            "\(yaml)"
        )
    }
}
