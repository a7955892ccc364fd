/// The overview page's Mustache template and style sheet, kept in code because the core reads no files.
///
/// Accessibility: `lang="en-GB"`, one `h1`, an `h2` per group, `h3` per part; tables with `th scope="col"` headings,
/// a `th scope="rowgroup"` per month and `th scope="row"` per line; colours are never the only cue (every badge has
/// words) and every text colour meets WCAG AA contrast on its background.
enum OverviewPage {
    static let template = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Year overview, {{range}}: {{network}}</title>
        <style>
        {{{css}}}
        </style>
        </head>
        <body>
        <header class="page">
        <h1>Year overview</h1>
        <p class="range">{{range}} · {{network}} · {{groupCount}}</p>
        <p class="note">Times are local to each group, with the time zone. \
        <span class="badge to-list">the list</span> mail goes to the group’s list, \
        <span class="badge to-chairs">the chairs</span> reminders only to the chairs (and liaison), \
        <span class="badge to-wider">wider lists</span> beyond the group.</p>
        </header>
        {{#hasGroups}}
        <nav aria-label="Groups">
        <ul>
        {{#groups}}
        <li><a href="#{{id}}">{{name}}</a> <span class="counts">{{taskSummary}} · {{mailingSummary}}</span></li>
        {{/groups}}
        </ul>
        </nav>
        {{/hasGroups}}
        <main>
        {{^hasGroups}}<p>No groups are configured.</p>{{/hasGroups}}
        {{#groups}}
        <section class="group" id="{{id}}" aria-labelledby="{{id}}-name">
        <h2 id="{{id}}-name">{{name}}</h2>
        <p class="meta">{{type}} · {{network}} · times in {{zone}}</p>
        <p class="meta">List <span class="address">{{list}}</span>{{#hasChairs}} · chairs {{chairs}}{{/hasChairs}}</p>
        <section class="waiting" aria-labelledby="{{id}}-waiting">
        <h3 id="{{id}}-waiting">Waiting on the chairs</h3>
        {{#hasTasks}}
        <ul class="tasks">
        {{#tasks}}
        <li class="task {{kind}}"><strong>{{title}}</strong>
        {{#details}}<p>{{.}}</p>{{/details}}
        </li>
        {{/tasks}}
        </ul>
        {{/hasTasks}}
        {{^hasTasks}}<p class="none">Nothing: every window has a date and every past meeting has its minutes.</p>{{/hasTasks}}
        </section>
        {{#hasReturns}}
        <section class="returns" aria-labelledby="{{id}}-returns">
        <h3 id="{{id}}-returns">What came back from the list</h3>
        <ul class="tasks">
        {{#returns}}
        <li class="outcome {{stateClass}}"><strong>{{when}}: {{what}}, {{state}}</strong>
        <p>{{happened}}</p>
        {{#hasListWords}}<p>The list said: <q>{{listWords}}</q></p>{{/hasListWords}}
        {{#hasLink}}<p><a href="{{link}}">Approve the post on the list's site</a></p>{{/hasLink}}
        {{#hasLinkText}}<p>The notice gave this link, which is not on the list's own https site, so it is not a link here: <code>{{linkText}}</code></p>{{/hasLinkText}}
        {{#hasAdvice}}<p>{{advice}}</p>{{/hasAdvice}}
        </li>
        {{/returns}}
        </ul>
        </section>
        {{/hasReturns}}
        <h3 id="{{id}}-out">What goes out</h3>
        <table aria-labelledby="{{id}}-out">
        <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">About</th></tr></thead>
        {{#months}}
        <tbody>
        <tr class="month"><th scope="rowgroup" colspan="3">{{title}}</th></tr>
        {{#entries}}
        <tr class="{{rowClass}}"><th scope="row" class="when"><span class="day">{{day}}</span> <span class="time">{{time}}</span></th>\
        <td class="what"><span class="badge {{rowClass}}">{{label}}</span>{{#hasAudience}} <span class="audience">to {{audience}}</span>{{/hasAudience}}</td>\
        <td class="about">{{about}}{{#hasAgenda}}<ul class="agenda" aria-label="Agenda">{{#agenda}}<li>{{.}}</li>{{/agenda}}</ul>{{/hasAgenda}}</td></tr>
        {{/entries}}
        {{#empty}}<tr class="empty"><td colspan="3">Nothing goes out this month.</td></tr>{{/empty}}
        </tbody>
        {{/months}}
        </table>
        </section>
        {{/groups}}
        </main>
        <footer><p>Made by convenor from the groups’ configuration. Print it for one group per page.</p></footer>
        </body>
        </html>

        """

    static let css = """
        :root { color-scheme: light; --ink: #1b1f24; --muted: #4a5562; --line: #d5dae0; --band: #f3f5f8;
          --list-bg: #dbe8ff; --list-ink: #123a8c; --chairs-bg: #ffedc7; --chairs-ink: #6b3d00;
          --wider-bg: #d9f5e3; --wider-ink: #11512c; --meet-bg: #ece4ff; --meet-ink: #43228f; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
          color: var(--ink); background: #fff; }
        header.page, nav, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
        header.page { padding-top: 1.25rem; }
        h1 { font-size: 1.75rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.35rem; margin: 0 0 .25rem; }
        h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
        p { margin: .25rem 0; }
        .range { font-weight: 600; }
        .note, .meta, .counts, footer { color: var(--muted); }
        .note { font-size: .9rem; margin-top: .5rem; }
        .address { overflow-wrap: anywhere; }
        nav ul { list-style: none; margin: 1rem 0; padding: 0; display: grid; gap: .5rem; }
        nav li { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .75rem; }
        nav a { color: var(--list-ink); font-weight: 600; }
        .counts { display: block; font-size: .875rem; }
        section.group { border-top: 3px solid var(--ink); margin: 1.5rem 0 2rem; padding-top: 1rem; }
        .waiting { background: #fff8e6; border-left: 4px solid #b26b00; border-radius: .25rem;
          padding: .25rem 1rem .75rem; }
        .waiting h3 { margin-top: .5rem; }
        .tasks { margin: 0; padding-left: 1.1rem; }
        .task { margin: .5rem 0; }
        .task p { font-size: .925rem; }
        .none { color: var(--muted); }
        table { width: 100%; border-collapse: collapse; font-size: .95rem; }
        thead th { text-align: left; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em;
          color: var(--muted); border-bottom: 2px solid var(--line); padding: .25rem .5rem; }
        tbody th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line);
          font-weight: normal; }
        tr.month th { background: var(--band); font-weight: 700; padding-top: .5rem; }
        th.when { white-space: nowrap; width: 11rem; }
        td.what { width: 13rem; }
        .when .day { font-weight: 600; }
        .when .time, .audience { color: var(--muted); }
        .audience { display: block; font-size: .85rem; }
        tr.empty td { color: var(--muted); font-style: italic; }
        tr.meeting th, tr.meeting td { background: #faf7ff; }
        tr.cancelled .about { text-decoration: line-through; }
        .badge { display: inline-block; border-radius: .75rem; padding: 0 .5rem; font-size: .85rem; font-weight: 600;
          white-space: nowrap; }
        .badge.to-list { background: var(--list-bg); color: var(--list-ink); }
        .badge.to-chairs { background: var(--chairs-bg); color: var(--chairs-ink); }
        .badge.to-wider { background: var(--wider-bg); color: var(--wider-ink); }
        .badge.meeting { background: var(--meet-bg); color: var(--meet-ink); }
        .about { overflow-wrap: anywhere; }
        .agenda { margin: .25rem 0 0; padding-left: 1.1rem; font-size: .875rem; color: var(--muted); }
        footer { font-size: .85rem; padding-bottom: 2rem; }
        @media (max-width: 40rem) {
          h1 { font-size: 1.5rem; }
          table { font-size: .9rem; }
          tbody th, td, thead th { padding: .35rem .3rem; }
          .when .day, .when .time { display: block; }
          th.when { white-space: normal; width: 6rem; }
          .when .day { white-space: nowrap; }
          td.what { width: auto; }
        }
        @media (min-width: 48rem) { nav ul { grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); } }
        @media print {
          @page { margin: 14mm; }
          body { font-size: 10.5pt; }
          nav, .note { display: none; }
          header.page, main, footer { max-width: none; padding: 0; }
          section.group { break-before: page; border-top: none; margin: 0; }
          section.group:first-of-type { break-before: auto; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; }
          h2, h3 { break-after: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
