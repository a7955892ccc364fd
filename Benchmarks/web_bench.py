"""Row 6 of `make bench`: the chair's page and the public directory under 50 concurrent clients (wrk, Debian's
`wrk` package), against the same web server serving a static file of the same bytes from disk.

The daemon (`convenor run`, release build, outbox transport, 100 generated groups, the web on a free loopback port)
serves the pages; a chair signs in as a person would (the form, the link mailed to the outbox, the confirm button),
and wrk sends the session cookie. The floor is `convenor-bench serve-files`: convenor's own `WebService` with its
security headers, on NIO's event loops as `convenor run` runs them, serving the two pages saved as files (so each
static file is exactly the page's size). Each run measures the four targets one after another, in an order that
alternates between runs, for WEB_SECONDS each (default 30, the issue's; BENCH_WEB_SECONDS overrides).
"""
import glob
import http.client
import os
import quopri
import re
import subprocess
import time

from benchlib import CONVENOR, CONVENOR_BENCH, NOW, generate, log, spread

WEB_GROUPS = 100
WEB_SECONDS = int(os.environ.get("BENCH_WEB_SECONDS", "30"))
CONNECTIONS = 50
# wrk's threads share the machine's two cores with the server, equally on both sides of each ratio.
WRK_THREADS = 2


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise RuntimeError(f"gave up after {seconds} s waiting for {what}")


def request(base, method, path, body=None, cookie=None):
    host, port = base[len("http://"):].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    answer = (response.status, response.getheader("Set-Cookie") or "", response.getheader("Location") or "", payload)
    connection.close()
    return answer


def sign_in(base, outbox, address):
    """The chair's session cookie, got as a chair gets it: the form, the mailed link, the confirm button."""
    status, set_cookie, _, page = request(base, "GET", "/signin")
    token = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    form_cookie = re.search(r"convenor_form=[^;]+", set_cookie).group(0)
    before = set(glob.glob(os.path.join(outbox, "*convenor-sign-in.*.eml")))
    status, _, _, _ = request(base, "POST", "/signin", f"csrf={token}&email={address}", form_cookie)
    if status != 200:
        raise RuntimeError(f"the sign-in form answered {status}")
    mail = wait_for(lambda: sorted(set(glob.glob(os.path.join(outbox, "*convenor-sign-in.*.eml"))) - before),
                    20, "the sign-in mail in the outbox")[-1]
    text = quopri.decodestring(open(mail, "rb").read()).decode()
    link = re.search(r"/signin/[A-Za-z0-9_-]{43}", text).group(0)
    status, set_cookie, location, _ = request(base, "POST", link, f"csrf={token}", form_cookie)
    if status != 303 or location != "/chair":
        raise RuntimeError(f"the sign-in link answered {status} {location}")
    return re.search(r"convenor_session=[A-Za-z0-9_-]{43}", set_cookie).group(0)


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, cookie=None):
    """p50 and p99 latency in ms and requests/s of one wrk run; refuses a run with errors or non-2xx answers."""
    command = ["wrk", "-t", str(WRK_THREADS), "-c", str(CONNECTIONS), "-d", f"{WEB_SECONDS}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    if "Non-2xx or 3xx responses" in output or "Socket errors" in output:
        raise RuntimeError(f"wrk saw errors against {url}:\n{output}")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.MULTILINE))
    rate = float(re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE).group(1))
    return {"p50": milliseconds(latency["50"]), "p99": milliseconds(latency["99"]), "rate": rate}


def bench_web(table, work, runs):
    directory = generate(WEB_GROUPS, work + "/web-config")
    with open(directory + "/convenor.yaml", "a", encoding="utf-8") as config:
        config.write("web:\n  listen: 127.0.0.1:0\n  base_url: http://127.0.0.1:8080\n")
    daemon_log = open(work + "/web-daemon.log", "w+")
    daemon = subprocess.Popen([CONVENOR, "run", "--config", directory, "--now", NOW], stdout=subprocess.DEVNULL,
                              stderr=daemon_log)
    static = None
    try:
        def listening(log_path, pattern):
            with open(log_path, encoding="utf-8", errors="replace") as text:
                found = re.search(pattern, text.read())
            return found.group(1) if found else None

        base = wait_for(lambda: listening(daemon_log.name, r"listening=(http://127\.0\.0\.1:\d+)"), 30,
                        "the daemon's web")
        # The first pass (first start: mail that fell due before is skipped) is over once the log stops growing.
        sizes = []
        wait_for(lambda: sizes.append(os.path.getsize(daemon_log.name)) or (len(sizes) > 10 and sizes[-1] == sizes[-11]),
                 30, "the first pass to finish")
        cookie = sign_in(base, directory + "/outbox", "chair0.g0@example.ac.uk")
        pages = {"chair": ("/chair/g00000", cookie), "directory": ("/", None)}
        files = work + "/web-static"
        os.makedirs(files, exist_ok=True)
        sizes = {}
        for name, (path, session) in pages.items():
            status, _, _, body = request(base, "GET", path, cookie=session)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            with open(f"{files}/{name}.html", "wb") as page:
                page.write(body)
            sizes[name] = len(body)
        static_log = work + "/web-static.log"
        static = subprocess.Popen([CONVENOR_BENCH, "serve-files", files, "0"], stdout=open(static_log, "w"),
                                  stderr=subprocess.STDOUT)
        static_base = wait_for(lambda: listening(static_log, r"listening (http://127\.0\.0\.1:\d+)"), 30,
                               "serve-files")
        results = {(name, side): [] for name in pages for side in ("convenor", "static")}
        for run in range(runs):
            for name, (path, session) in pages.items():
                order = ("convenor", "static") if run % 2 == 0 else ("static", "convenor")
                for side in order:
                    url = base + path if side == "convenor" else f"{static_base}/{name}.html"
                    measured = wrk(url, session if side == "convenor" else None)
                    results[(name, side)].append(measured)
                    log(f"web run {run} {name} {side}: p50 {measured['p50']:.2f} ms, p99 {measured['p99']:.2f} ms, "
                        f"{measured['rate']:.0f} req/s")
        # The session is still good and the page is still the chair's: nothing was measured against a redirect.
        status, _, _, _ = request(base, "GET", "/chair/g00000", cookie=cookie)
        if status != 200:
            raise RuntimeError(f"the chair page answered {status} after the runs")
    finally:
        for process in (static, daemon):
            if process:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
    median = lambda values: spread(values)[1]
    titles = {"chair": "6a. The chair's page", "directory": "6b. The public directory"}
    for name in pages:
        ours, floor = results[(name, "convenor")], results[(name, "static")]
        detail = (f"{sizes[name]:,} bytes; convenor p50 {median([r['p50'] for r in ours]):.2f} ms, "
                  f"p99 {median([r['p99'] for r in ours]):.2f} ms, {median([r['rate'] for r in ours]):,.0f} req/s; "
                  f"static p50 {median([r['p50'] for r in floor]):.2f} ms, "
                  f"p99 {median([r['p99'] for r in floor]):.2f} ms, {median([r['rate'] for r in floor]):,.0f} req/s "
                  f"({runs} runs of {WEB_SECONDS} s, {CONNECTIONS} connections)")
        table.add(f"{titles[name]}, {CONNECTIONS} clients: p99 ÷ the same server's static file",
                  [o["p99"] / f["p99"] for o, f in zip(ours, floor)], "convenor's p99 ÷ the static file's (< 5)",
                  detail)
        table.add(f"{titles[name]}: p50 ÷ the static file's", [o["p50"] / f["p50"] for o, f in zip(ours, floor)],
                  "convenor's median latency ÷ the static file's", "same runs")
        table.add(f"{titles[name]}: static file's requests/s ÷ convenor's",
                  [f["rate"] / o["rate"] for o, f in zip(ours, floor)],
                  "how many times more requests the static file serves", "same runs")
