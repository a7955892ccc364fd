/// The group's pending mail, each rendered as it will be sent, with "Send me a test copy".
extension PageTemplates {
    static let chairMail = """
        {{<layout}}
        {{$title}}Pending mail · {{name}} · {{network}}{{/title}}
        {{$nav}}{{>signed-in}}{{/nav}}
        {{$content}}
        <p><a href="/chair/{{id}}">Back to {{name}}</a></p>
        <h1>Pending mail of {{name}}</h1>
        {{#hasNotice}}<p class="{{#noticeIsProblem}}problem{{/noticeIsProblem}}{{^noticeIsProblem}}done{{/noticeIsProblem}}" role="status" id="notice">{{noticeText}}</p>{{/hasNotice}}
        <p>Each mail below is shown exactly as it will be sent. A test copy goes to you ({{address}}) only, marked [TEST]; it is not recorded as the mailing, so the real one still goes out when it is due.</p>
        {{#hasMails}}
        {{#mails}}
        <section aria-label="{{title}}, {{when}}">
        <h2>{{title}}: {{when}}</h2>
        <p class="hint">To {{to}}.</p>
        <pre>{{text}}</pre>
        {{^readOnly}}
        <form method="post" action="/chair/{{id}}/mail">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="mailing" value="{{key}}">
        <button type="submit" class="secondary">Send me a test copy</button>
        </form>
        {{/readOnly}}
        </section>
        {{/mails}}
        {{/hasMails}}
        {{^hasMails}}<p>Nothing is waiting to go out for this group.</p>{{/hasMails}}
        {{/content}}
        {{/layout}}
        """
}
