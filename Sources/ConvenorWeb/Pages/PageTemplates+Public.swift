/// The public pages: the network's directory and a group's page. Only announced facts reach their contexts.
extension PageTemplates {
    static let directory = """
        {{<layout}}
        {{$title}}Groups of {{network}}{{/title}}
        {{$content}}
        <h1>Groups of {{network}}</h1>
        <p>{{countText}}. Each page says what the group is for, who chairs it, how to join its list and when it meets.</p>
        <ul class="cards">
        {{#groups}}
        <li class="card">
        <h2><a href="/groups/{{id}}">{{name}}</a></h2>
        <p class="type">{{typeName}} ({{typeCode}})</p>
        <p>{{remit}}</p>
        <p><strong>Chairs:</strong> {{chairsText}}</p>
        <p><strong>Next meeting:</strong> {{#nextMeeting}}<time datetime="{{startISO}}">{{when}}</time>, {{place}}{{/nextMeeting}}{{^nextMeeting}}none announced yet{{/nextMeeting}}</p>
        <p>{{joinText}}{{#joinURL}} <a href="{{.}}">Join the list</a>{{/joinURL}}</p>
        </li>
        {{/groups}}
        </ul>
        {{/content}}
        {{/layout}}
        """

    static let group = """
        {{<layout}}
        {{$title}}{{name}} · {{network}}{{/title}}
        {{$content}}
        <h1>{{name}}</h1>
        <p class="type">{{typeName}} ({{typeCode}}) of {{groupNetwork}}</p>
        <h2>Remit</h2>
        <p>{{remit}}</p>
        <h2>Chairs</h2>
        <ul>
        {{#chairs}}<li>{{name}}{{#institution}}, {{.}}{{/institution}}{{#email}} · <a href="mailto:{{.}}">{{.}}</a>{{/email}}</li>
        {{/chairs}}
        </ul>
        <h2>Join</h2>
        <p>{{joinText}}{{#joinURL}} <a href="{{.}}">Join the list</a>{{/joinURL}}</p>
        <h2>Meetings this year</h2>
        {{#hasMeetings}}
        <table>
        <caption>Announced meetings; times are in the group's time zone.</caption>
        <thead><tr><th scope="col">When</th><th scope="col">Where</th><th scope="col">Status</th></tr></thead>
        <tbody>
        {{#meetings}}
        <tr><td data-label="When"><time datetime="{{startISO}}">{{when}}</time></td><td data-label="Where">{{place}}</td><td data-label="Status">{{status}}</td></tr>
        {{/meetings}}
        </tbody>
        </table>
        {{/hasMeetings}}
        {{^hasMeetings}}<p>No meeting has been announced yet this year.</p>{{/hasMeetings}}
        <p><a href="/groups/{{id}}/calendar.ics">Subscribe to this group's meetings (calendar feed)</a></p>
        {{#hasMinutes}}
        <h2>Minutes</h2>
        <ul>
        {{#minutes}}<li><a href="/groups/{{id}}/minutes/{{occurrence}}">{{title}}</a></li>
        {{/minutes}}
        </ul>
        {{/hasMinutes}}
        {{/content}}
        {{/layout}}
        """

    static let message = """
        {{<layout}}
        {{$title}}{{heading}} · {{network}}{{/title}}
        {{$content}}
        <h1>{{heading}}</h1>
        {{#paragraphs}}<p>{{.}}</p>
        {{/paragraphs}}
        {{#linkHref}}<p><a href="{{.}}">{{linkText}}</a></p>{{/linkHref}}
        {{/content}}
        {{/layout}}
        """
}
