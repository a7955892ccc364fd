import ConvenorCore
import Testing

@Suite struct AlignedTableTests {
    @Test func columnsAlignTwoSpacesApartAndTrailingSpacesGo() {
        let text = AlignedTable.render([["DUE", "GROUP", "TO"], ["2026-10-01", "a", ""], ["x", "longer-group", "b"]])
        #expect(text == "DUE         GROUP         TO\n2026-10-01  a\nx           longer-group  b\n")
    }

    /// NSString's padding counted UTF-16 units, so a cell with an emoji or a combining accent lost its padding.
    @Test func widthsCountCharactersAsPeopleSeeThem() {
        let text = AlignedTable.render(
            [["🎉 Party", "x"], ["Café", "y"], ["Cafe\u{301}", "z"]],
            trimTrailingSpaces: false
        )
        let columns = text.split(separator: "\n").map { line in
            line.firstIndex(of: "x") ?? line.firstIndex(of: "y") ?? line.firstIndex(of: "z")
        }
        let offsets = zip(text.split(separator: "\n"), columns).map { line, index in
            line.distance(from: line.startIndex, to: index!)
        }
        #expect(offsets == [9, 9, 9], "\(text)")
    }

    @Test func keepsTrailingSpacesWhenAsked() {
        #expect(AlignedTable.render([["a", "b "]], trimTrailingSpaces: false) == "a  b \n")
    }
}
