/// The chair's page of one group: what waits on them, the group's year, and what was sent.
extension PageTemplates {
    static let chairGroup = """
        {{<layout}}
        {{$title}}{{name}} · chairs · {{network}}{{/title}}
        {{$nav}}{{>signed-in}}{{/nav}}
        {{$content}}
        <h1>{{name}}</h1>
        <p class="type">{{roleText}} · <a href="/groups/{{id}}">The group's public page</a> · <a href="/chair/{{id}}/mail">Pending mail and test copies</a> · <a href="/chair/{{id}}/wording">The wording of the group's mails</a></p>
        <h2 id="waiting">Waiting on the chairs</h2>
        {{#hasTasks}}
        {{#hasNotPassedOn}}
        <section class="task" aria-labelledby="task-list">
        <h3 id="task-list">{{notPassedOnText}}</h3>
        <p><a href="#sent">See what the list said and what to do</a></p>
        </section>
        {{/hasNotPassedOn}}
        {{#tasks}}
        <section class="task" aria-labelledby="task-{{index}}">
        <h3 id="task-{{index}}">{{title}}</h3>
        {{#details}}<p>{{.}}</p>
        {{/details}}
        {{#hasAction}}<p><a href="{{actionHref}}">{{actionText}}</a></p>{{/hasAction}}
        </section>
        {{/tasks}}
        {{/hasTasks}}
        {{^hasTasks}}<p class="done">Nothing is waiting on the chairs.</p>{{/hasTasks}}
        <h2 id="meetings">Coming meetings</h2>
        {{#hasMeetings}}
        <ul>
        {{#meetings}}<li>{{when}}: <a href="{{href}}">{{actionText}}</a></li>
        {{/meetings}}
        </ul>
        {{/hasMeetings}}
        {{^hasMeetings}}<p>No meeting is confirmed yet.</p>{{/hasMeetings}}
        <h2 id="year">The group's year</h2>
        <p>What goes out when ({{rangeText}}), including rescheduled and cancelled notices. Times are in the group's time zone.</p>
        {{#months}}
        <h3>{{title}}</h3>
        {{#hasEntries}}
        <table>
        <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">To</th><th scope="col">About</th></tr></thead>
        <tbody>
        {{#entries}}<tr><td data-label="When">{{when}}</td><td data-label="What">{{what}}</td><td data-label="To">{{to}}</td><td data-label="About">{{about}}</td></tr>
        {{/entries}}
        </tbody>
        </table>
        {{/hasEntries}}
        {{^hasEntries}}<p class="hint">Nothing this month.</p>{{/hasEntries}}
        {{/months}}
        <h2 id="sent">What was sent</h2>
        {{#hasSent}}
        <table>
        <thead><tr><th scope="col">Sent</th><th scope="col">What</th><th scope="col">Occurrence</th><th scope="col">What the list did</th><th scope="col">Message-ID</th></tr></thead>
        <tbody>
        {{#sent}}<tr><td data-label="Sent">{{when}}</td><td data-label="What">{{what}}</td><td data-label="Occurrence">{{occurrence}}</td><td data-label="What the list did">{{#outcome}}<strong class="outcome {{stateClass}}">{{state}}</strong> {{happened}}{{#hasListWords}}<br>The list said: <q>{{listWords}}</q>{{/hasListWords}}{{#hasLink}}<br><a href="{{link}}">Approve the post on the list's site</a>{{/hasLink}}{{#hasLinkText}}<br>The notice gave this link, which is not on the list's own https site, so it is not a link here: <code>{{linkText}}</code>{{/hasLinkText}}{{#hasAdvice}}<br>{{advice}}{{/hasAdvice}}{{/outcome}}</td><td data-label="Message-ID"><code>{{messageID}}</code></td></tr>
        {{/sent}}
        </tbody>
        </table>
        {{/hasSent}}
        {{^hasSent}}<p>Nothing has been sent for this group yet.</p>{{/hasSent}}
        {{#hasFileFacts}}
        <h2 id="file">Set by the operator</h2>
        <p>These come from the operator's group file and are shown read only; to change one, ask the operator and quote the line.</p>
        <ul>
        {{#fileFacts}}<li>{{what}}: <code>{{line}}</code></li>
        {{/fileFacts}}
        </ul>
        {{/hasFileFacts}}
        <h2 id="changes">Changes saved by the chairs</h2>
        {{#hasChanges}}
        <table>
        <thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Window</th><th scope="col">Details</th></tr></thead>
        <tbody>
        {{#changes}}<tr><td data-label="#">{{number}}</td><td data-label="When">{{when}}</td><td data-label="Who">{{who}}</td><td data-label="What">{{what}}</td><td data-label="Window">{{occurrence}}</td><td data-label="Details">{{summary}}</td></tr>
        {{/changes}}
        </tbody>
        </table>
        {{/hasChanges}}
        {{^hasChanges}}<p>No changes saved on this site yet.</p>{{/hasChanges}}
        {{/content}}
        {{/layout}}
        """
}
