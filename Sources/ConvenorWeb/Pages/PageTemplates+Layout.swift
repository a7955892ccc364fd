/// The page layout every HTML page inherits: a plain, accessible document that works without JavaScript (a page that
/// enhances itself names `/static/convenor.js` in its `scripts` block; nothing inline).
///
/// Kept in code, not in files next to the binary, so an installed convenor can never serve a template an attacker
/// placed on disk and `make install` has nothing extra to copy. Every `{{value}}` is HTML-escaped by swift-mustache;
/// no template uses the unescaped `{{{value}}}` form (a test checks).
extension PageTemplates {
    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{$title}}{{network}}{{/title}}</title>
        <link rel="stylesheet" href="/static/convenor.css">
        {{$scripts}}{{/scripts}}
        </head>
        <body>
        <a class="skip" href="#main">Skip to the content</a>
        <header class="site">
        <p class="network"><a href="/">{{network}}</a></p>
        {{$nav}}{{/nav}}
        </header>
        <main id="main">
        {{$content}}{{/content}}
        </main>
        <footer class="site">
        <p><a href="/calendar.ics">Every group's meetings as a calendar feed</a> · <a href="/signin">Chairs: sign in</a></p>
        </footer>
        </body>
        </html>

        """
}

/// The Mustache sources of every page, by name.
enum PageTemplates {
    static let all: [String: String] = [
        "layout": layout,
        "directory": directory,
        "group": group,
        "message": message,
        "signin": signIn,
        "signin-confirm": signInConfirm,
        "chair-home": chairHome,
        "signed-in": signedIn,
        "chair-group": chairGroup,
        "chair-confirm": chairConfirm,
        "chair-minutes": chairMinutes,
        "chair-meeting": chairMeeting,
        "chair-mail": chairMail,
        "chair-wording-list": chairWordingList,
        "chair-wording": chairWording,
    ]
}
