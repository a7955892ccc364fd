/// The one script, served from `/static/convenor.js` (the CSP allows scripts from this server only, never inline).
///
/// Progressive enhancement for the wording page: while a chair types, it posts the form as "Check and preview"
/// would (same URL, same CSRF token, same checks on the server) at most once per pause in typing, and puts the
/// answer's checks and preview in place without leaving the page or touching the text box. Without it the page works
/// as before: the button does the same by a full page load. It only ever asks the page's own form URL, builds no
/// markup of its own (it moves nodes from the server's escaped answer), and stops, saying so, when an answer is not
/// a wording page (a session that expired, a server that went away): nothing is ever saved by it.
enum LivePreviewScript {
    /// How long typing must pause before the text is checked: long enough not to ask at every key, short enough to
    /// feel live.
    static let pauseMilliseconds = 600

    static let text = """
        "use strict";
        (function () {
          var form = document.querySelector("form[data-live-preview]");
          if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
          var box = form.querySelector("textarea");
          var live = document.getElementById("live");
          var status = document.getElementById("live-status");
          // The attribute, not `form.action`: the form's buttons are named "action", and a named control shadows it.
          var target = form.getAttribute("action");
          if (!box || !live || !status || !target) return;
          var timer = null, asked = 0, shown = 0, stopped = false;

          function stop() {
            stopped = true;
            status.textContent = "The preview stopped following your typing; press \\u201cCheck and preview\\u201d.";
          }

          function show(sequence, code, html) {
            if (stopped || sequence <= shown) return;
            shown = sequence;
            var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live");
            if (!fresh || (code !== 200 && code !== 422)) { stop(); return; }
            var nodes = [];
            fresh.childNodes.forEach(function (node) { nodes.push(document.importNode(node, true)); });
            live.replaceChildren.apply(live, nodes);
            status.textContent = code === 200
              ? "Checked and previewed as you typed. Nothing is saved until you press Save."
              : "Checked as you typed: the problems are listed above the box.";
          }

          function ask() {
            var sequence = ++asked;
            var body = new URLSearchParams(new FormData(form));
            body.set("action", "preview");
            status.textContent = "Checking\\u2026";
            fetch(target, { method: "POST", body: body, credentials: "same-origin", redirect: "error" })
              .then(function (response) {
                return response.text().then(function (html) { show(sequence, response.status, html); });
              })
              .catch(stop);
          }

          box.addEventListener("input", function () {
            if (stopped) return;
            clearTimeout(timer);
            timer = setTimeout(ask, \(pauseMilliseconds));
          });
        })();

        """
}
