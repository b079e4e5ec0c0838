"""Headless Chromium for tests, driven over the DevTools protocol through a pipe (standard library only).

    with Chromium() as browser:
        page = browser.open(path)
        page.evaluate("document.title")
        page.screenshot(tmp_path / "page.png")

`glyph_check` tells whether text was drawn with real glyphs, by looking at a screenshot.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
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
# A code point no font has a glyph for: drawn as the "missing glyph" box.
MISSING = "\U0010ffff"


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    assert found, "headless Chromium is needed (apt-get install chromium fonts-noto-cjk)"
    return found


class ChromiumError(RuntimeError):
    pass


class Chromium:
    """One headless browser; `env` adds environment variables (e.g. FONTCONFIG_FILE)."""

    def __init__(self, env: dict[str, str] | None = None, width: int = 1280, height: int = 900):
        self.env = {**os.environ, **(env or {})}
        self.size = (width, height)
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
            [chromium_path(), *FLAGS, f"--user-data-dir={self._profile.name}"],
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

    def open(self, target: Path | str, languages: str | None = None) -> Page:
        """A new tab showing a file (Path) or URL, once it has loaded.

        `languages` sets the browser's preferred languages (navigator.languages), e.g. "zh-CN,zh".
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
        for domain in ("Page", "Runtime", "Log"):
            page.send(f"{domain}.enable")
        page.navigate(url)
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

    def screenshot(self, path: Path | None = None) -> bytes:
        """A PNG of the whole page (not just the window), saved to `path` when given."""
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        data = base64.b64decode(
            self.send("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True})["data"]
        )
        if path is not None:
            path.write_bytes(data)
        return data


# Rectangles of each CJK ideograph in the page, in page coordinates; a probe of a missing glyph
# is first drawn after the first such character, in the same element.
_CHARACTERS_JS = r"""
(async () => {
  await document.fonts.ready;
  const ideograph = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  const range = document.createRange();
  const box = (node, start, end) => {
    range.setStart(node, start); range.setEnd(node, end);
    const r = range.getBoundingClientRect();
    return {x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height};
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    for (let i = 0; i < node.data.length; i++) {
      if (ideograph.test(node.data[i])) found.push({node, i});
    }
  }
  if (!found.length) return {characters: [], probe: null};
  const probe = document.createTextNode(PROBE);
  found[0].node.parentNode.insertBefore(probe, found[0].node.nextSibling);
  return {
    characters: found.map(({node, i}) => ({ch: node.data[i], ...box(node, i, i + 1)})),
    probe: {ch: PROBE, ...box(probe, 0, PROBE.length)},
  };
})()
"""

# The ink of each rectangle of a PNG: dark pixels in its ink box, on a GRID × GRID raster
# ("" when blank). Run in a blank tab, so the browser's own PNG decoder reads the screenshot.
_SHAPES_JS = r"""
(async (url, boxes, grid) => {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width; canvas.height = image.height;
  const g = canvas.getContext("2d", {willReadFrequently: true});
  g.drawImage(image, 0, 0);
  return boxes.map(b => {
    const x0 = Math.floor(b.x), y0 = Math.floor(b.y);
    const w = Math.max(1, Math.ceil(b.x + b.w) - x0), h = Math.max(1, Math.ceil(b.y + b.h) - y0);
    const d = g.getImageData(x0, y0, w, h).data;
    const ink = (x, y) => { const k = 4 * (y * w + x); return 0.3 * d[k] + 0.59 * d[k + 1] + 0.11 * d[k + 2] < 128; };
    let left = w, right = -1, top = h, bottom = -1;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (ink(x, y)) {
      left = Math.min(left, x); right = Math.max(right, x); top = Math.min(top, y); bottom = Math.max(bottom, y);
    }
    if (right < 0) return "";
    let shape = "";
    const width = right - left + 1, height = bottom - top + 1;
    for (let gy = 0; gy < grid; gy++) for (let gx = 0; gx < grid; gx++) {
      const xa = left + Math.floor(gx * width / grid), xb = Math.max(left + Math.floor((gx + 1) * width / grid), xa + 1);
      const ya = top + Math.floor(gy * height / grid), yb = Math.max(top + Math.floor((gy + 1) * height / grid), ya + 1);
      let on = 0, all = 0;
      for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) { all++; on += ink(x, y); }
      shape += on * 4 >= all ? "1" : "0";
    }
    return shape;
  });
})
"""


@dataclass
class GlyphReport:
    """How the ideographs of a screenshot look: blank, like the missing-glyph box, or real."""

    characters: int = 0
    distinct: int = 0  # distinct characters
    shapes: int = 0  # distinct shapes among them
    blank: list[str] = field(default_factory=list)
    like_missing: list[str] = field(default_factory=list)

    @property
    def real_glyphs(self) -> bool:
        """Every ideograph inked, none drawn like the missing glyph, and different characters look different."""
        return self.characters > 0 and not self.blank and not self.like_missing and self.shapes >= 0.9 * self.distinct


GRID = 12
SAME_SHAPE = 0.9  # share of equal raster cells for two shapes to be the same
BOX_SHAPED = frozenset("口囗")  # real ideographs that are drawn as a box, like the missing glyph


def similarity(a: str, b: str) -> float:
    return sum(x == y for x, y in zip(a, b)) / len(a) if a and b else 0.0


def glyph_check(browser: Chromium, page: Page, screenshot: Path) -> GlyphReport:
    """Screenshot the page to `screenshot` and tell whether its ideographs were drawn with real glyphs.

    Each ideograph's ink is cut from the screenshot and compared with the ink of a probe character
    that no font has (the missing-glyph box, drawn in the same element), and with the others:
    real glyphs are inked, unlike the box, and as varied as the characters.
    """
    found = page.evaluate(_CHARACTERS_JS.replace("PROBE", json.dumps(MISSING)))
    png = page.screenshot(screenshot)
    if not found["characters"]:
        return GlyphReport()
    blank_tab = browser.open("about:blank")
    url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    boxes = [found["probe"], *found["characters"]]
    shapes = blank_tab.evaluate(f"{_SHAPES_JS}({json.dumps(url)}, {json.dumps(boxes)}, {GRID})")
    missing, *ink = shapes
    by_character = {c["ch"]: shape for c, shape in zip(found["characters"], ink)}
    report = GlyphReport(len(ink), len(by_character), len(set(by_character.values())))
    report.blank = sorted(ch for ch, shape in by_character.items() if not shape)
    report.like_missing = sorted(
        ch
        for ch, shape in by_character.items()
        if shape and ch not in BOX_SHAPED and similarity(shape, missing) >= SAME_SHAPE
    )
    return report


def fontconfig_without(tmp: Path, glob: str) -> dict[str, str]:
    """Environment for a Chromium that sees the system's fonts except files matching `glob`."""
    conf = tmp / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{tmp / "fontcache"}</cachedir>
  <selectfont><rejectfont><glob>{glob}</glob></rejectfont></selectfont>
</fontconfig>
""")
    return {"FONTCONFIG_FILE": str(conf)}
