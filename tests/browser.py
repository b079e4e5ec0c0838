"""Headless Chromium for tests, driven over the DevTools protocol through a pipe (standard library only).

    with Chromium() as browser:
        page = browser.open(path)
        page.evaluate("document.title")
        page.screenshot(tmp_path / "page.png")

`glyph_check` tells whether Chinese text was drawn with real glyphs (by fonts that have them).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
TIMEOUT = 60.0


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    assert found, "headless Chromium is needed (apt-get install chromium fonts-noto-cjk)"
    return found


class ChromiumError(RuntimeError):
    pass


class Chromium:
    """One headless browser; `env` adds environment variables (e.g. FONTCONFIG_FILE), `flags`
    command-line switches (e.g. `--host-resolver-rules=MAP *.example 127.0.0.1:9`)."""

    def __init__(
        self, env: dict[str, str] | None = None, width: int = 1280, height: int = 900, flags: tuple[str, ...] = ()
    ):
        self.env = {**os.environ, **(env or {})}
        self.size = (width, height)
        self.flags = tuple(flags)
        self.events: list[dict[str, Any]] = []
        self._id = 0
        self._buffer = b""

    def __enter__(self) -> Chromium:
        self._profile = tempfile.TemporaryDirectory(prefix="chromium-")
        to_browser, self._send_fd = os.pipe()
        self._receive_fd, from_browser = os.pipe()

        def pipes_as_3_and_4() -> None:  # the fds --remote-debugging-pipe reads and writes
            a, b = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 10), fcntl.fcntl(from_browser, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self._process = subprocess.Popen(
            [chromium_path(), *FLAGS, *self.flags, f"--user-data-dir={self._profile.name}"],
            preexec_fn=pipes_as_3_and_4,
            close_fds=False,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        os.close(to_browser)
        os.close(from_browser)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.send("Browser.close")
        except (ChromiumError, OSError):
            pass
        try:
            self._process.wait(10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process.stderr.close()
        os.close(self._send_fd)
        os.close(self._receive_fd)
        self._profile.cleanup()

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send a command and wait for its result; events that arrive meanwhile are kept."""
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._send_fd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise ChromiumError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        """The next event `method` of a session."""
        while True:
            for event in self.events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self.events.remove(event)
                    return event
            self.events.append(self._receive())

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            if not select.select([self._receive_fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
                raise ChromiumError("Chromium did not answer in time")
            chunk = os.read(self._receive_fd, 1 << 20)
            if not chunk:
                raise ChromiumError("Chromium exited: " + self._process.stderr.read().decode(errors="replace")[-2000:])
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def open(self, target: Path | str, languages: str | None = None, wait: bool = True, network: bool = False) -> Page:
        """A new tab showing a file (Path) or URL, once it has loaded (`wait`; else as soon as it
        is asked for: a page waiting on a host that never answers may never load).

        `languages` sets the browser's preferred languages (navigator.languages), e.g. "zh-CN,zh";
        `network` records every request the page makes (`Page.requests`).
        """
        url = target.resolve().as_uri() if isinstance(target, Path) else target
        target_id = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target_id, "flatten": True})["sessionId"]
        page = Page(self, session)
        width, height = self.size
        page.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        if languages:
            agent = page.evaluate("navigator.userAgent")
            page.send("Emulation.setUserAgentOverride", {"userAgent": agent, "acceptLanguage": languages})
        for domain in ("Page", "Runtime", "Log", *(("Network",) if network else ())):
            page.send(f"{domain}.enable")
        if wait:
            page.navigate(url)
        else:
            page.send("Page.navigate", {"url": url})
        return page


@dataclass
class Page:
    browser: Chromium
    session: str

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def navigate(self, url: str) -> None:
        """Go to `url` and wait until it has loaded."""
        self.send("Page.navigate", {"url": url})
        self.browser.wait_for("Page.loadEventFired", self.session)

    def click(self, selector: str) -> str:
        """Click the first element matching `selector` and wait for the page it leads to; its URL."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
        self.browser.wait_for("Page.loadEventFired", self.session)
        return self.evaluate("location.href")

    def requests(self) -> list[str]:
        """The URLs the page asked for so far (with `open(..., network=True)`)."""
        self.evaluate("0")  # events that arrived meanwhile are read
        return [
            event["params"]["request"]["url"]
            for event in self.browser.events
            if event.get("sessionId") == self.session and event.get("method") == "Network.requestWillBeSent"
        ]

    def first_contentful_paint(self) -> float | None:
        """When the page first drew text or an image, in milliseconds since it was asked for (None: not yet)."""
        return self.evaluate(
            "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: null}).startTime"
        )

    def errors(self) -> list[str]:
        """Errors the page reported so far: exceptions, console.error, failed loads."""
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            params = event.get("params", {})
            if event.get("method") == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif event.get("method") == "Runtime.consoleAPICalled" and params.get("type") == "error":
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif event.get("method") == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(f"{params['entry'].get('text')} {params['entry'].get('url', '')}")
        return found

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (promises awaited)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise ChromiumError(result["exceptionDetails"].get("exception", {}).get("description", str(result)))
        return result["result"].get("value")

    def dom(self) -> str:
        """The page's HTML as the browser has it (like --dump-dom)."""
        return self.evaluate("document.documentElement.outerHTML")

    def fonts(self, selector: str) -> list[str]:
        """The families of the fonts that drew the text of the first element matching `selector`."""
        self.send("DOM.enable")
        self.send("CSS.enable")
        root = self.send("DOM.getDocument")["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return [font["familyName"] for font in self.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]

    def screenshot(self, path: Path | None = None, clip: dict[str, float] | None = None) -> bytes:
        """A PNG of the whole page (not just the window), or of `clip` (x, y, width, height in CSS
        pixels from the page's top left), saved to `path` when given."""
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], **(clip or {}), "scale": 1}
        data = base64.b64decode(
            self.send("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True})["data"]
        )
        if path is not None:
            path.write_bytes(data)
        return data


# Marks each element whose own text holds CJK ideographs (`data-glyph-probe`), and gives how
# many ideographs each one's text holds, and the page's distinct ideographs.
_IDEOGRAPHS_JS = r"""
(async () => {
  await document.fonts.ready;
  const ideograph = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
  const counts = [], distinct = new Set();
  for (const element of document.querySelectorAll("body, body *")) {
    let count = 0;
    for (const node of element.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      for (const ch of node.data.match(ideograph) || []) { count++; distinct.add(ch); }
    }
    if (count) { element.setAttribute("data-glyph-probe", counts.length); counts.push(count); }
  }
  return {counts, distinct: [...distinct].join("")};
})()
"""


@dataclass
class GlyphReport:
    """How the ideographs of a page were drawn: each element's ideographs, and how many glyphs of
    fonts that have them drew its text (Chromium's own account, CSS.getPlatformFontsForNode)."""

    characters: int = 0
    distinct: int = 0  # distinct ideographs
    covering: list[str] = field(default_factory=list)  # installed font families that have every one of them
    short: list[tuple[int, int]] = field(default_factory=list)  # (ideographs, glyphs of covering fonts) that fall short
    used: set[str] = field(default_factory=set)  # families that drew the ideographs' elements

    @property
    def real_glyphs(self) -> bool:
        """Every ideograph drawn with a glyph of a font that has it (none as a missing-glyph box)."""
        return self.characters > 0 and bool(self.covering) and not self.short


def covering_families(characters: str, env: dict[str, str]) -> list[str]:
    """The font families fontconfig (as Chromium sees it, through `env`) knows that have every one of `characters`."""
    charset = " ".join(f"{ord(c):x}" for c in sorted(set(characters)))
    listed = subprocess.run(
        ["fc-list", "--format", "%{family}\\n", f":charset={charset}"], env=env, capture_output=True, text=True
    )
    return sorted({name.strip() for line in listed.stdout.splitlines() for name in line.split(",") if name.strip()})


def glyph_check(browser: Chromium, page: Page, screenshot: Path) -> GlyphReport:
    """Screenshot the page to `screenshot` (for a person to look at) and tell whether its ideographs
    were drawn with real glyphs: by fonts that have them, as Chromium reports the fonts and glyph
    counts that drew each element's text, fontconfig which fonts have the characters. A character
    no font has is drawn as the missing-glyph box of another font: counted under a font that lacks it.
    """
    found = page.evaluate(_IDEOGRAPHS_JS)
    page.screenshot(screenshot)
    report = GlyphReport(sum(found["counts"]), len(found["distinct"]))
    if not report.characters:
        return report
    report.covering = covering_families(found["distinct"], browser.env)
    page.send("DOM.enable")
    page.send("CSS.enable")
    root = page.send("DOM.getDocument")["root"]["nodeId"]
    for index, count in enumerate(found["counts"]):
        node = page.send("DOM.querySelector", {"nodeId": root, "selector": f'[data-glyph-probe="{index}"]'})["nodeId"]
        fonts = page.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        report.used |= {font["familyName"] for font in fonts}
        glyphs = sum(font["glyphCount"] for font in fonts if font["familyName"] in report.covering)
        if glyphs < count:
            report.short.append((count, glyphs))
    return report


def fontconfig_without(tmp: Path, families: list[str]) -> dict[str, str]:
    """Environment for a Chromium that sees the system's fonts but those of `families`."""
    conf = tmp / "fonts.conf"
    rejected = "".join(
        f'<pattern><patelt name="family"><string>{family}</string></patelt></pattern>' for family in families
    )
    conf.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{tmp / "fontcache"}</cachedir>
  <selectfont><rejectfont>{rejected}</rejectfont></selectfont>
</fontconfig>
""")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


class BlackHole:
    """A local port that accepts connections and never answers: a host mapped to it behaves as a
    blocked host whose packets are dropped (the page waits until it gives up). An unroutable
    address does not do: on a machine without a route to it, connecting fails at once.

        with BlackHole() as hole:
            Chromium(flags=(hole.resolver_rules(["fonts.googleapis.com"]),))
    """

    def __enter__(self) -> BlackHole:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(128)
        self.port = self._socket.getsockname()[1]
        self.connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()
        return self

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            self.connections.append(connection)

    def __exit__(self, *exc: object) -> None:
        self._socket.close()
        for connection in self.connections:
            connection.close()
        self._thread.join(5)

    def resolver_rules(self, hosts: list[str], elsewhere: dict[str, int] | None = None) -> str:
        """Chromium's switch sending `hosts` and their subdomains here, those of `elsewhere` to their
        local ports, and every other host nowhere (no test touches the internet): pages and files
        come from disk or 127.0.0.1."""
        rules = [f"MAP {host} 127.0.0.1:{port}" for host, port in (elsewhere or {}).items()]
        rules += [f"MAP {pattern} 127.0.0.1:{self.port}" for host in hosts for pattern in (host, f"*.{host}")]
        return "--host-resolver-rules=" + ", ".join([*rules, "MAP * ~NOTFOUND", "EXCLUDE 127.0.0.1"])
