/// A confirmed meeting: edit its agenda, move it or call it off, each form with its own problems and notice.
extension PageTemplates {
    static let chairMeeting = """
        {{<layout}}
        {{$title}}Meeting of {{meetingText}} · {{name}} · {{network}}{{/title}}
        {{$nav}}{{>signed-in}}{{/nav}}
        {{$content}}
        <p><a href="/chair/{{id}}">Back to {{name}}</a></p>
        <h1>The meeting of {{meetingText}}</h1>
        <p class="type" id="state">{{stateText}}{{#placeText}} · {{placeText}}{{/placeText}}</p>
        {{#hasOwner}}<p class="problem">This meeting is set by the operator in <code>{{ownerLine}}</code>. It is shown read only here; ask the operator to change it.</p>{{/hasOwner}}
        <h2 id="agenda-heading">Agenda</h2>
        {{#agendaSent}}
        <p class="done" id="agenda-sent">The agenda mail has gone to the list (Message-ID <code>{{agendaMessageID}}</code>); the agenda can no longer be changed here.</p>
        <ol>
        {{#agendaItems}}<li>{{.}}</li>
        {{/agendaItems}}
        </ol>
        {{/agendaSent}}
        {{^agendaSent}}
        {{#readOnly}}<ol>
        {{#agendaItems}}<li>{{.}}</li>
        {{/agendaItems}}
        </ol>{{/readOnly}}
        {{^readOnly}}
        <form method="post" action="/chair/{{id}}/meeting/{{occurrence}}" aria-labelledby="agenda-heading">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="seen" value="{{seen}}">
        <label for="agenda">Agenda items</label>
        <textarea id="agenda" name="agenda" aria-describedby="agenda-hint{{#hasAgendaProblems}} agenda-problems{{/hasAgendaProblems}}">{{agenda}}</textarea>
        <p class="hint" id="agenda-hint">One item a line. You can change them until the agenda mail goes.</p>
        {{#hasAgendaProblems}}<ul class="problem" id="agenda-problems" role="alert">
        {{#agendaProblems}}<li>{{problem}}. <strong>What to do:</strong> {{fix}}.</li>
        {{/agendaProblems}}
        </ul>{{/hasAgendaProblems}}
        <button type="submit" name="action" value="agenda">Save the agenda</button>
        </form>
        {{/readOnly}}
        {{/agendaSent}}
        {{^readOnly}}
        <h2 id="move-heading">Move the meeting</h2>
        <form method="post" action="/chair/{{id}}/meeting/{{occurrence}}" aria-labelledby="move-heading">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="seen" value="{{seen}}">
        <label for="date">New date</label>
        <input type="date" id="date" name="date" value="{{date}}" min="{{firstDay}}" max="{{lastDay}}" aria-describedby="date-hint">
        <p class="hint" id="date-hint">In the window, {{firstDay}} to {{lastDay}}.</p>
        <label for="time">Start time</label>
        <input type="time" id="time" name="time" value="{{time}}" aria-describedby="time-hint">
        <p class="hint" id="time-hint">24-hour, in the group's time zone, for example 14:00.</p>
        <label for="online">Online meeting link</label>
        <input type="url" id="online" name="online" value="{{online}}">
        <label for="venue">Venue</label>
        <input type="text" id="venue" name="venue" value="{{venue}}">
        <label for="move-reason">Why it moves</label>
        <input type="text" id="move-reason" name="reason" value="{{moveReason}}" aria-describedby="move-reason-hint">
        <p class="hint" id="move-reason-hint">Told to the list with the notice, and kept in the group's record.</p>
        {{#hasMoveProblems}}<ul class="problem" id="move-problems" role="alert">
        {{#moveProblems}}<li>{{problem}}. <strong>What to do:</strong> {{fix}}.</li>
        {{/moveProblems}}
        </ul>{{/hasMoveProblems}}
        {{#hasMoveNotice}}
        <section class="done" aria-labelledby="move-notice">
        <h3 id="move-notice">The notice the list will get</h3>
        <pre>{{moveNotice}}</pre>
        <input type="hidden" name="previewed" value="{{noticeDigest}}">
        <p>Nothing is saved until you press <strong>Move the meeting</strong>.</p>
        <button type="submit" name="action" value="move">Move the meeting</button>
        </section>
        {{/hasMoveNotice}}
        <button type="submit" name="action" value="preview-move" class="secondary">Show the notice</button>
        </form>
        <h2 id="cancel-heading">Call the meeting off</h2>
        <form method="post" action="/chair/{{id}}/meeting/{{occurrence}}" aria-labelledby="cancel-heading">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="seen" value="{{seen}}">
        <label for="cancel-reason">Why it is called off</label>
        <input type="text" id="cancel-reason" name="reason" value="{{cancelReason}}" aria-describedby="cancel-reason-hint">
        <p class="hint" id="cancel-reason-hint">Told to the list with the notice, and kept in the group's record.</p>
        {{#hasCancelProblems}}<ul class="problem" id="cancel-problems" role="alert">
        {{#cancelProblems}}<li>{{problem}}. <strong>What to do:</strong> {{fix}}.</li>
        {{/cancelProblems}}
        </ul>{{/hasCancelProblems}}
        {{#hasCancelNotice}}
        <section class="done" aria-labelledby="cancel-notice">
        <h3 id="cancel-notice">The notice the list will get</h3>
        <pre>{{cancelNotice}}</pre>
        <input type="hidden" name="previewed" value="{{noticeDigest}}">
        <p>Nothing is saved until you press <strong>Call the meeting off</strong>.</p>
        <button type="submit" name="action" value="cancel">Call the meeting off</button>
        </section>
        {{/hasCancelNotice}}
        <button type="submit" name="action" value="preview-cancel" class="secondary">Show the notice</button>
        </form>
        {{/readOnly}}
        {{/content}}
        {{/layout}}
        """
}
