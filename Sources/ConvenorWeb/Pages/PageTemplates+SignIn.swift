/// The sign-in pages and the signed-in person's list of groups.
extension PageTemplates {
    static let signIn = """
        {{<layout}}
        {{$title}}Sign in · {{network}}{{/title}}
        {{$content}}
        <h1>Sign in</h1>
        <p>Chairs and liaisons: type the address your group's file lists for you. We mail you a link that signs you in; it works once, for 15 minutes.</p>
        {{#problem}}<p class="problem" role="alert">{{.}}</p>{{/problem}}
        <form method="post" action="/signin">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="email">Your address</label>
        <input type="email" id="email" name="email" autocomplete="email" required aria-describedby="email-hint">
        <p class="hint" id="email-hint">For example c.townson@example.ac.uk</p>
        <button type="submit">Mail me a sign-in link</button>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let signInConfirm = """
        {{<layout}}
        {{$title}}Sign in · {{network}}{{/title}}
        {{$content}}
        <h1>Sign in</h1>
        <p>Press the button to sign in with the link from your mail.</p>
        <form method="post" action="{{action}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Sign in</button>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let chairHome = """
        {{<layout}}
        {{$title}}Your groups · {{network}}{{/title}}
        {{$nav}}{{>signed-in}}{{/nav}}
        {{$content}}
        <h1>Your groups</h1>
        <ul class="cards">
        {{#groups}}
        <li class="card">
        <h2><a href="/chair/{{id}}">{{name}}</a></h2>
        <p>{{roleText}}{{#taskCount}} · {{taskText}}{{/taskCount}}</p>
        </li>
        {{/groups}}
        </ul>
        {{/content}}
        {{/layout}}
        """

    /// The "signed in as" line with the sign-out button, in every signed-in page's header.
    static let signedIn = """
        <nav aria-label="Your account"><ul>
        <li><a href="/chair">Your groups</a></li>
        <li>Signed in as {{address}}</li>
        <li><form method="post" action="/signout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">Sign out</button></form></li>
        </ul></nav>
        """
}
