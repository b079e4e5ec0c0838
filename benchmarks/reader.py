"""What a reader in mainland China gets: the seed page with a site's usual third parties added
(Google Fonts, Tag Manager, two YouTube embeds, a Twitter widget, a Gravatar image; the project
in tests/data/reader), built with this checkout, opened in headless Chromium with every host of
l10n's list for mainland China black-holed (a local port that accepts and never answers, as
dropped packets do) and every other host unknown (nothing leaves the machine).

Prints, for the Chinese and the English page, the first contentful paint (None: nothing drawn
after --wait seconds), whether the body text is visible, and the requests made to listed hosts:

    python benchmarks/reader.py
    python benchmarks/reader.py --screenshots docs/images   # also PNGs of what a phone shows

With --refuse, the listed hosts refuse connections instead (fail at once, as some blocks do):
the English page draws, with the embeds' boxes empty. The Bilibili player the Chinese page
embeds in place of a YouTube video is a local stand-in that says so (this machine has no
internet; in mainland China the uploaded video plays there).
"""

from __future__ import annotations

import argparse
import http.server
import json
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser import BlackHole, Chromium  # noqa: E402

from l10n.region.hosts import shipped_list  # noqa: E402

FIXTURE = ROOT / "tests" / "data" / "reader"
PAGE = "china-visit-boosts-business-links.html"
PHONE = (390, 844)  # CSS pixels of a common phone


def build(project: Path) -> None:
    subprocess.run([sys.executable, "-m", "l10n.cli", "build", "zh"], cwd=project, check=True, env=_env())


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT)}


# The part of the page with the embeds: from the paragraph before the video to the end of the tweet.
_EMBEDS = """(() => {
  const first = document.querySelector('video, iframe, .l10n-embed').previousElementSibling;
  const last = document.querySelector('blockquote.twitter-tweet');
  const top = first.getBoundingClientRect().top + scrollY - 8, bottom = last.getBoundingClientRect().bottom + scrollY + 8;
  return {x: 0, y: top, width: document.documentElement.clientWidth, height: bottom - top};
})()"""


_STAND_IN = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>body{margin:0;height:100vh;
display:flex;align-items:center;justify-content:center;background:#18191c;color:#fff;font:15px/1.5 sans-serif;
text-align:center;padding:1em;box-sizing:border-box}b{color:#00aeec;font-size:1.4em}</style></head><body><div>
<b>bilibili</b><br>A stand-in for player.bilibili.com: this machine has no internet.<br>
In mainland China, the video uploaded there plays here.</div></body></html>"""


class StandIn:
    """player.bilibili.com as a local HTTPS server (a certificate of its own: Chromium is told to
    accept it) serving a page that says it is a stand-in."""

    def __enter__(self) -> StandIn:
        self._folder = tempfile.TemporaryDirectory()
        cert, key = Path(self._folder.name) / "cert.pem", Path(self._folder.name) / "key.pem"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=player.bilibili.com",
            ]
            + ["-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
        )
        body = _STAND_IN.encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._folder.cleanup()


def measure(browser: Chromium, page: Path, wait: float, shots: Path | None) -> dict[str, object]:
    """Open a page without waiting for it to load: how soon it draws, whether its text is there,
    what it asked listed hosts for; with `shots` (a file name's start), PNGs of its first screen
    and of its embeds, as soon as it has drawn."""
    hosts = shipped_list("cn")
    start = time.monotonic()
    tab = browser.open(page, wait=False, network=True)
    painted = None
    while time.monotonic() - start < wait:
        painted = tab.first_contentful_paint()
        if painted is not None:
            break
        time.sleep(0.05)
    text = tab.evaluate("document.body ? document.body.innerText.length : 0")
    if shots is not None and painted is not None:
        ready = time.monotonic() + 5  # frames and images loaded (those that can be)
        while tab.evaluate("document.readyState") != "complete" and time.monotonic() < ready:
            time.sleep(0.1)
        width, height = browser.size
        # A window as tall as the page: frames of other sites are drawn only inside the window.
        tall = tab.send("Page.getLayoutMetrics")["cssContentSize"]["height"]
        tab.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": int(tall), "deviceScaleFactor": 1, "mobile": False},
        )
        time.sleep(1)
        tab.screenshot(shots.with_name(shots.name + "-top.png"), {"width": width, "height": height})
        tab.screenshot(shots.with_name(shots.name + "-embeds.png"), tab.evaluate(_EMBEDS))
    return {
        "page": f"{page.parent.name}/{page.name}",
        "first_contentful_paint_ms": round(painted) if painted is not None else None,
        "text_characters_at_paint": text,
        # The page's own requests (Chromium's own, to its update and account services, are not the page's).
        "requests_to_listed_hosts": sorted({url for url in tab.requests() if hosts.match_address(url)}),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wait", type=float, default=45.0, help="seconds to wait for a page to draw (default 45)")
    parser.add_argument("--screenshots", type=Path, help="folder for PNGs of the pages as a phone shows them")
    parser.add_argument("--refuse", action="store_true", help="listed hosts refuse connections instead")
    args = parser.parse_args()
    hosts = sorted(shipped_list("cn").entries)
    with tempfile.TemporaryDirectory() as scratch, BlackHole() as hole, StandIn() as bilibili:
        project = Path(scratch) / "reader"
        shutil.copytree(FIXTURE, project)
        build(project)
        rules = hole.resolver_rules(hosts, {"player.bilibili.com": bilibili.port})
        if args.refuse:
            closed = socket.socket()
            closed.bind(("127.0.0.1", 0))
            port = closed.getsockname()[1]
            closed.close()  # nothing listens there: connections are refused
            rules = rules.replace(f":{hole.port}", f":{port}")
        with Chromium(width=PHONE[0], height=PHONE[1], flags=(rules, "--ignore-certificate-errors")) as browser:
            for language in ("zh", "en"):
                shots = None
                if args.screenshots:
                    args.screenshots.mkdir(parents=True, exist_ok=True)
                    shots = args.screenshots / f"reader-{language}{'-refused' if args.refuse else ''}"
                result = measure(browser, project / "dist" / language / PAGE, args.wait, shots)
                print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
