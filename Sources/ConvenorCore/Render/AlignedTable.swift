/// The commands' tables (`schedule`, `ledger`, `preview`): rows of cells in columns two spaces apart.
///
/// Widths count characters as people see them (grapheme clusters), and cells are padded by appending spaces:
/// `NSString.padding(toLength:)`, used before, counted UTF-16 units (so a cell with an emoji lost its padding) and
/// was 13.6 % of `schedule`'s time at 1,000 groups (issue 16).
package enum AlignedTable {
    /// - Parameter trimTrailingSpaces: drop the spaces a short last cell would leave at the end of its line.
    package static func render(_ rows: [[String]], trimTrailingSpaces: Bool = true) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        var text = ""
        for row in rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                if column > 0 { line += "  " }
                line += cell
                if column < row.count - 1 { line += String(repeating: " ", count: widths[column] - cell.count) }
            }
            if trimTrailingSpaces {
                while line.last == " " { line.removeLast() }
            }
            text += line + "\n"
        }
        return text
    }
}
