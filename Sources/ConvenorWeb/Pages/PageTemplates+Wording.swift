/// The group's own wording of its mail templates: the list, and one template's editor with the checks and preview.
extension PageTemplates {
    static let chairWordingList = """
        {{<layout}}
        {{$title}}Wording · {{name}} · {{network}}{{/title}}
        {{$nav}}{{>signed-in}}{{/nav}}
        {{$content}}
        <p><a href="/chair/{{id}}">Back to {{name}}</a></p>
        <h1>The wording of {{name}}'s mails</h1>
        <p>Each kind of mail is written from a template. Open one to reword it for this group only, with the same checks <code>convenor check</code> makes, and a preview of the next mail as it will be sent.</p>
        <ul>
        {{#templates}}<li><a href="{{href}}">{{name}}</a>: {{origin}}</li>
        {{/templates}}
        </ul>
        {{/content}}
        {{/layout}}
        """

    static let chairWording = """
        {{<layout}}
        {{$title}}{{kind}} wording · {{name}} · {{network}}{{/title}}
        {{$scripts}}{{^readOnly}}<script src="/static/convenor.js" defer></script>{{/readOnly}}{{/scripts}}
        {{$nav}}{{>signed-in}}{{/nav}}
        {{$content}}
        <p><a href="/chair/{{id}}/wording">All of {{name}}'s templates</a></p>
        <h1>The {{kind}} mail of {{name}}</h1>
        <p class="type" id="origin">{{originText}}</p>
        {{#hasNotice}}<p class="done" role="status" id="notice">{{notice}}</p>{{/hasNotice}}
        {{#hasOwner}}<p class="problem">The operator's file <code>{{ownerFile}}</code> sets this group's {{kind}} wording; it is shown read only here. To change it, ask the operator.</p>{{/hasOwner}}
        <div id="live">
        {{#hasProblems}}
        <section class="problem" role="alert" aria-labelledby="problems">
        <h2 id="problems">Not saved: the template has problems</h2>
        <ul>
        {{#problems}}<li>{{#hasLine}}Line {{line}}: {{/hasLine}}{{problem}}. <strong>What to write instead:</strong> {{fix}}</li>
        {{/problems}}
        </ul>
        </section>
        {{/hasProblems}}
        {{#hasWarnings}}
        <section class="task" aria-labelledby="warnings">
        <h2 id="warnings">Worth a look</h2>
        <ul>
        {{#warnings}}<li>{{#hasLine}}Line {{line}}: {{/hasLine}}{{problem}}. {{fix}}</li>
        {{/warnings}}
        </ul>
        </section>
        {{/hasWarnings}}
        {{#hasPreview}}
        <section aria-labelledby="preview">
        <h2 id="preview">The next {{kind}} mail with this wording, as it will be sent</h2>
        <pre>{{preview}}</pre>
        <p class="hint">Nothing is saved until you press Save.</p>
        </section>
        {{/hasPreview}}
        </div>
        {{^readOnly}}
        <form method="post" action="/chair/{{id}}/wording/{{kind}}" data-live-preview>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="seen" value="{{seen}}">
        <label for="text">The template</label>
        <textarea id="text" name="text" rows="24" spellcheck="true" aria-describedby="text-hint">{{text}}</textarea>
        <p class="hint" id="text-hint">The lines between <code>---</code> are the subject and reply address; below them is the mail. Write variables as <code>&#123;&#123;group.name&#125;&#125;</code>; the checks list the names this mail can use. Up to {{maximumKB}} KB.</p>
        <p class="hint" id="live-status" role="status"></p>
        <button type="submit" name="action" value="preview" class="secondary">Check and preview</button>
        <button type="submit" name="action" value="save">Save this wording</button>
        {{#isChairs}}<button type="submit" name="action" value="default" class="secondary">Back to the installation's wording</button>{{/isChairs}}
        </form>
        {{/readOnly}}
        {{#readOnly}}<pre>{{text}}</pre>{{/readOnly}}
        {{/content}}
        {{/layout}}
        """
}
