/// The minutes of one past meeting: paste, keep as a draft, preview the mail, mark ready.
extension PageTemplates {
    static let chairMinutes = """
        {{<layout}}
        {{$title}}Minutes · {{name}} · {{network}}{{/title}}
        {{$nav}}{{>signed-in}}{{/nav}}
        {{$content}}
        <p><a href="/chair/{{id}}">Back to {{name}}</a></p>
        <h1>Minutes of the meeting of {{meetingText}}</h1>
        <p class="type" id="state">{{stateText}}</p>
        {{#hasOwner}}<p class="problem">The operator's group file names these minutes in <code>{{ownerLine}}</code>; they are shown read only here.</p>{{/hasOwner}}
        {{#hasProblems}}
        <section class="problem" role="alert" aria-labelledby="problems">
        <h2 id="problems">Not saved</h2>
        <ul>
        {{#problems}}<li>{{problem}}. <strong>What to do:</strong> {{fix}}.</li>
        {{/problems}}
        </ul>
        </section>
        {{/hasProblems}}
        {{#hasPreview}}
        <section aria-labelledby="mail">
        <h2 id="mail">The minutes mail, as the list will get it</h2>
        <pre>{{preview}}</pre>
        <p class="hint">Nothing is saved until you press a save button.</p>
        </section>
        {{/hasPreview}}
        {{^readOnly}}
        <form method="post" action="/chair/{{id}}/minutes/{{occurrence}}" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="text">The minutes</label>
        <textarea id="text" name="text" rows="16" aria-describedby="text-hint">{{text}}</textarea>
        <p class="hint" id="text-hint">Paste Markdown or plain text. Markdown is also sent formatted.</p>
        <label for="file">Or upload a file</label>
        <input type="file" id="file" name="file" accept=".md,.txt,text/markdown,text/plain" aria-describedby="file-hint">
        <p class="hint" id="file-hint">A Markdown (.md) or plain text (.txt) file in UTF-8, up to 512 KB. It takes the place of the text above.</p>
        <fieldset>
        <legend>Written as</legend>
        <label class="choice"><input type="radio" name="format" value="md"{{#markdown}} checked{{/markdown}}> Markdown</label>
        <label class="choice"><input type="radio" name="format" value="txt"{{^markdown}} checked{{/markdown}}> Plain text</label>
        </fieldset>
        <button type="submit" name="action" value="draft" class="secondary">Save as draft</button>
        <button type="submit" name="action" value="preview" class="secondary">Preview the minutes mail</button>
        <button type="submit" name="action" value="ready">Mark ready to send</button>
        </form>
        {{/readOnly}}
        {{/content}}
        {{/layout}}
        """
}
