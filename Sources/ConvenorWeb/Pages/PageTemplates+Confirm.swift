/// Confirm a date for a window, or say there is no meeting in it.
extension PageTemplates {
    static let chairConfirm = """
        {{<layout}}
        {{$title}}Confirm a date · {{name}} · {{network}}{{/title}}
        {{$nav}}{{>signed-in}}{{/nav}}
        {{$content}}
        <p><a href="/chair/{{id}}">Back to {{name}}</a></p>
        <h1>Confirm a date in the {{windowText}} window</h1>
        <p class="hint">The window runs from {{firstDay}} to {{lastDay}}. Times are in the group's time zone.</p>
        {{#hasOwner}}<p class="problem">This window's meeting is set by the operator in <code>{{ownerLine}}</code>. It is shown read only here; ask the operator to change it.</p>{{/hasOwner}}
        {{#hasProblems}}
        <section class="problem" role="alert" aria-labelledby="problems">
        <h2 id="problems">Not saved yet</h2>
        <ul>
        {{#problems}}<li>{{problem}}. <strong>What to do:</strong> {{fix}}.</li>
        {{/problems}}
        </ul>
        </section>
        {{/hasProblems}}
        {{#hasPreview}}
        <section class="done" aria-labelledby="sends">
        <h2 id="sends">What this will send</h2>
        {{#previewEmpty}}<p>Nothing more goes out for this window.</p>{{/previewEmpty}}
        {{^previewEmpty}}
        <table>
        <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">To</th></tr></thead>
        <tbody>
        {{#preview}}<tr><td data-label="When">{{when}}</td><td data-label="What">{{what}}</td><td data-label="To">{{to}}</td></tr>
        {{/preview}}
        </tbody>
        </table>
        {{/previewEmpty}}
        <p>Nothing is saved until you press <strong>Save this date</strong>.</p>
        </section>
        {{/hasPreview}}
        {{^hasOwner}}{{^readOnly}}
        <form method="post" action="/chair/{{id}}/confirm/{{occurrence}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="seen" value="{{seen}}">
        <fieldset>
        <legend>When</legend>
        {{#candidates}}<label class="choice"><input type="radio" name="candidate" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>
        {{/candidates}}
        {{#hasCandidates}}<label class="choice"><input type="radio" name="candidate" value="other"{{#otherChecked}} checked{{/otherChecked}}> Another date and time:</label>{{/hasCandidates}}
        <label for="date">Date</label>
        <input type="date" id="date" name="date" value="{{date}}" min="{{firstDay}}" max="{{lastDay}}" aria-describedby="date-hint">
        <p class="hint" id="date-hint">For example {{firstDay}}.</p>
        <label for="time">Start time</label>
        <input type="time" id="time" name="time" value="{{time}}" aria-describedby="time-hint">
        <p class="hint" id="time-hint">24-hour, for example 14:00.</p>
        </fieldset>
        <label for="agenda">Agenda items</label>
        <textarea id="agenda" name="agenda" aria-describedby="agenda-hint">{{agenda}}</textarea>
        <p class="hint" id="agenda-hint">One item a line. You can change them until the agenda mail goes.</p>
        <label for="online">Online meeting link</label>
        <input type="url" id="online" name="online" value="{{online}}">
        <label for="venue">Venue</label>
        <input type="text" id="venue" name="venue" value="{{venue}}">
        <button type="submit" name="action" value="preview" class="secondary">Show what this sends</button>
        <button type="submit" name="action" value="save">Save this date</button>
        </form>
        <h2 id="skip">No meeting this window</h2>
        <form method="post" action="/chair/{{id}}/confirm/{{occurrence}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="seen" value="{{seen}}">
        <label for="reason">Why (optional, kept in the group's record)</label>
        <input type="text" id="reason" name="reason" value="{{reason}}">
        <button type="submit" name="action" value="skip" class="secondary">No meeting this window</button>
        <p class="hint">The reminders to confirm a date for this window stop.</p>
        </form>
        {{/readOnly}}{{/hasOwner}}
        {{/content}}
        {{/layout}}
        """
}
