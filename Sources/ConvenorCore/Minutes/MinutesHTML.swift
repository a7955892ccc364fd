import Ink

/// Renders Markdown minutes as the text/html alternative of the minutes mail.
///
/// The page is one self-contained document with inline `style` attributes only: mail clients such as Gmail and
/// Outlook drop `<style>` blocks and never load external stylesheets, and an attribute survives both. Raw HTML in the
/// Markdown is passed through as Ink does; mail clients strip scripts, and the chairs who write the file are the ones
/// who could already post anything to their own list.
package enum MinutesHTML {
    /// The body's look: a readable measure and the system's sans-serif, the same on a phone and a desktop.
    static let bodyStyle =
        "margin:0;padding:16px;background:#ffffff;color:#1a1a1a;"
        + "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5"
    static let columnStyle = "max-width:42em;margin:0 auto"
    static let tableStyle = "border-collapse:collapse;margin:1em 0"
    static let cellStyle = "border:1px solid #b0b0b0;padding:4px 8px;vertical-align:top"
    static let quoteStyle = "margin:1em 0;padding:0 1em;border-left:4px solid #d0d0d0;color:#444444"
    static let codeStyle = "background:#f4f4f4;padding:8px;overflow-x:auto"

    /// A whole HTML document for `markdown`, titled `title` (escaped; usually the mail's subject).
    package static func document(markdown: String, title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        </head>
        <body style="\(bodyStyle)">
        <div style="\(columnStyle)">
        \(fragment(markdown: markdown))
        </div>
        </body>
        </html>

        """
    }

    /// Ink's HTML for `markdown`, with the inline styles tables, quotes and code blocks need to read well.
    static func fragment(markdown: String) -> String {
        let parser = MarkdownParser(modifiers: [
            Modifier(target: .tables) { input in
                styledTable(input.html)
            },
            Modifier(target: .blockquotes) { input in
                input.html.replacing("<blockquote>", with: "<blockquote style=\"\(quoteStyle)\">")
            },
            Modifier(target: .codeBlocks) { input in
                input.html.replacing("<pre>", with: "<pre style=\"\(codeStyle)\">")
            },
        ])
        return parser.html(from: markdown)
    }

    /// Ink writes cells as `<th>` or `<th align="right">` (likewise `td`); whole tags are matched so `<thead>` is
    /// left alone. A cell without its own alignment is left-aligned, headers included, as in a spreadsheet.
    static func styledTable(_ html: String) -> String {
        var html = html.replacing("<table>", with: "<table style=\"\(tableStyle)\">")
        for cell in ["th", "td"] {
            html = html.replacing("<\(cell)>", with: "<\(cell) style=\"\(cellStyle);text-align:left\">")
                .replacing("<\(cell) align=", with: "<\(cell) style=\"\(cellStyle)\" align=")
        }
        return html
    }

    /// Text for an HTML text node or attribute value.
    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
