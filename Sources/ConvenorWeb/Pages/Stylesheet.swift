/// The one style sheet, served from `/static/convenor.css` (the CSP allows styles from this server only).
///
/// Readable on a phone (one column, 1rem+ text, wide touch targets), and contrast at WCAG AA or better: body text
/// #1a1a1a on white is 17:1, links #0b4f8a are 8.6:1, the focus outline is 3px and always visible.
enum Stylesheet {
    static let text = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
          color: #1a1a1a; background: #fff; }
        main, header.site, footer.site { max-width: 48rem; margin: 0 auto; padding: 0 1rem; }
        header.site { border-bottom: 1px solid #c8c8c8; padding-top: .75rem; padding-bottom: .5rem; }
        header.site .network { margin: 0; font-weight: 600; }
        header.site nav ul { list-style: none; padding: 0; margin: .25rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
        footer.site { border-top: 1px solid #c8c8c8; margin-top: 2rem; padding-top: .5rem; padding-bottom: 2rem; font-size: .95rem; }
        a { color: #0b4f8a; text-underline-offset: .15em; }
        a:hover { color: #062f52; }
        :focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
        .skip { position: absolute; left: -10000px; }
        .skip:focus { position: static; display: inline-block; padding: .5rem; background: #fff; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 1.25rem 0 .5rem; }
        h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
        h3 { font-size: 1.1rem; margin: 1rem 0 .25rem; }
        .type { color: #4a4a4a; margin-top: 0; }
        ul.cards { list-style: none; padding: 0; }
        .card { border: 1px solid #c8c8c8; border-radius: .5rem; padding: .25rem 1rem; margin: 1rem 0; }
        .card h2 { margin-top: .75rem; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
        caption { text-align: left; color: #4a4a4a; padding: .25rem 0; }
        th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid #dedede; }
        @media (max-width: 36rem) {
          table, thead, tbody, tr, th, td { display: block; }
          thead { position: absolute; left: -10000px; }
          tr { border-bottom: 1px solid #c8c8c8; padding: .25rem 0; }
          td { border: 0; padding: .1rem 0; }
          td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: #4a4a4a; }
        }
        form { margin: .75rem 0; }
        label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
        input[type=text], input[type=email], input[type=datetime-local], input[type=date], input[type=time], input[type=url], textarea, select {
          width: 100%; max-width: 36rem; font: inherit; padding: .5rem; border: 1px solid #6b6b6b; border-radius: .25rem; }
        textarea { min-height: 8rem; }
        fieldset { border: 1px solid #c8c8c8; border-radius: .25rem; padding: .25rem 1rem .75rem; max-width: 38rem; }
        label.choice { font-weight: 400; margin: .4rem 0; }
        label.choice input { width: 1.2rem; height: 1.2rem; vertical-align: -.15rem; }
        button { font: inherit; padding: .55rem 1.1rem; margin: .5rem .5rem .5rem 0; border: 1px solid #0b4f8a;
          border-radius: .25rem; background: #0b4f8a; color: #fff; cursor: pointer; min-height: 2.75rem; }
        button.secondary { background: #fff; color: #0b4f8a; }
        .hint { color: #4a4a4a; font-size: .95rem; margin: .1rem 0; }
        .problem { border-left: 4px solid #a50e0e; background: #fdf0f0; padding: .5rem .75rem; }
        .done { border-left: 4px solid #1d6b2f; background: #eef7f0; padding: .5rem .75rem; }
        .task { border-left: 4px solid #b35900; background: #fff6ec; padding: .5rem .75rem; margin: .5rem 0; }
        pre { white-space: pre-wrap; word-break: break-word; background: #f4f4f4; padding: .75rem; border-radius: .25rem;
          font-size: .9rem; }
        code { font-size: .95em; }

        """
}
