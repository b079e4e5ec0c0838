"""`l10n translate`: fuzzy suggestions from services, memory and pseudo-localisation.

Services are exercised through deep-translator's own LibreTranslator against LibreServer, this
file's LibreTranslate stand-in on 127.0.0.1. No test reaches beyond this machine: `no_internet`
refuses any other address.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple
from urllib.parse import parse_qsl, urlsplit

import polib
import pytest
from conftest import ROOT, SEED, SEED_PROJECT, catalog, l10n, msgfmt_check, snapshot
from deep_translator import MicrosoftTranslator

from l10n.catalogs.origin import is_machine_suggestion, origin
from l10n.errors import RestoreError
from l10n.language.chinese import normalise
from l10n.locales import parse_locale
from l10n.translate.protect import protect
from l10n.translate.providers import PROVIDERS, Online, RateLimiter, language_tag, load_settings, service_code
from l10n.translate.pseudo import pseudolocalise

TODAY = date.today().isoformat()
ONLINE = [name for name in PROVIDERS if name not in ("memory", "pseudo")]


# -- the LibreTranslate stand-in ------------------------------------------------------------------


class Answer(NamedTuple):
    status: int = 200
    text: str | None = None  # None: the usual fake translation
    delay: float = 0.0


def fake_translation(q: str) -> str:
    """Each English word becomes 译; markers, codes (A6), digits, spaces and ASCII punctuation stay (as MT often
    leaves them)."""
    return re.sub(
        r"\[X\d+X\]|[A-Za-z][A-Za-z'’-]*(?![\w])", lambda m: m.group(0) if m.group(0).startswith("[") else "译", q
    )


class LibreServer:
    """LibreTranslate's `POST /translate` (q, source, target, api_key; query string, form or JSON) on 127.0.0.1.

    `behave(q, attempt)` may give another answer for the attempt-th request of a text (1, 2, …).
    Stops when stopped, and by itself after `lifetime` seconds.
    """

    def __init__(
        self, latency: float = 0.0, behave: Callable[[str, int], Answer | None] | None = None, lifetime: float = 120.0
    ):
        self.latency = latency
        self.behave = behave
        self.received: list[dict[str, str]] = []
        self.addresses: list[str] = []  # the path and query string of each request
        self._lock = threading.Lock()
        self._attempts: dict[str, int] = {}
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        self._watchdog = threading.Timer(lifetime, self.stop)
        self._watchdog.daemon = True
        self._stopped = False
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self._watchdog.start()

    def texts(self) -> list[str]:
        with self._lock:
            return [r.get("q", "") for r in self.received]

    def stop(self) -> None:
        """Stop answering and close the port: later requests find nothing listening."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
        self._watchdog.cancel()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _answer(self, params: dict[str, str]) -> tuple[int, dict]:
        q = params.get("q", "")
        with self._lock:
            self.received.append(params)
            attempt = self._attempts[q] = self._attempts.get(q, 0) + 1
        answer = (self.behave(q, attempt) if self.behave else None) or Answer()
        time.sleep(self.latency + answer.delay)
        if answer.status != 200:
            return answer.status, {"error": f"status {answer.status}"}
        return 200, {"translatedText": fake_translation(q) if answer.text is None else answer.text}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                url = urlsplit(self.path)
                server.addresses.append(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                params = dict(parse_qsl(url.query))
                if "json" in self.headers.get("Content-Type", ""):
                    params.update(json.loads(body or b"{}"))
                elif body:
                    params.update(parse_qsl(body.decode()))
                status, payload = server._answer(params) if url.path == "/translate" else (404, {"error": "Not Found"})
                data = json.dumps(payload, ensure_ascii=False).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (timed out)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


@pytest.fixture
def libre():
    server = LibreServer()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only 127.0.0.1 may be reached; keys in the environment are not ours to use."""
    local = {"127.0.0.1", "::1", "localhost"}
    connect, getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def guarded_connect(sock: socket.socket, address):
        if isinstance(address, tuple) and address[0] not in local:
            raise OSError(f"a test tried to reach {address[0]}")
        return connect(sock, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host not in local:
            raise OSError(f"a test tried to look up {host}")
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    for variable in ("LIBRE_API_KEY", "DEEPL_API_KEY", "MICROSOFT_API_KEY", "BAIDU_APPID", "BAIDU_APPKEY"):
        monkeypatch.delenv(variable, raising=False)


# -- projects --------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<h1>{title}</h1>
{body}
</body></html>
"""
GLOSSARY = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="t1">
    <descrip type="Translation needed">No</descrip>
    <langSet xml:lang="en"><tig><term>Leicestershire Matters</term></tig></langSet>
    <langSet xml:lang="zh-Hans"><tig><term>Leicestershire Matters</term></tig></langSet>
  </termEntry>
  <termEntry id="t2">
    <langSet xml:lang="en"><tig><term>council</term></tig></langSet>
    <langSet xml:lang="zh-Hans"><tig><term>议会</term></tig></langSet>
  </termEntry>
</body></text></martif>
"""
ROADWORKS = [
    "Work starts on Monday. It will last two weeks.",
    'Read <a href="https://example.org/news">Leicestershire Matters</a> for details.',
    'The council said: "It will cost 3.5 million, sadly!"',
]
BUSES = ["Work starts on Monday. Buses will run as normal."]


def article(project: Path, name: str, title: str, paragraphs: list[str]) -> None:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    (project / "source" / name).write_text(PAGE.format(title=title, body=body), encoding="utf-8")


def configure(project: Path, **translate: object) -> None:
    """pyproject.toml with a [tool.l10n.translate] table (nested dicts become sub-tables)."""
    lines = ["[project]", 'name = "site"', "", "[tool.l10n]", 'languages = ["zh"]', "", "[tool.l10n.translate]"]
    tables = []
    for key, value in translate.items():
        if isinstance(value, dict):
            tables += ["", f"[tool.l10n.translate.{key}]", *(f"{k} = {json.dumps(v)}" for k, v in value.items())]
        else:
            lines.append(f"{key} = {json.dumps(value)}")
    (project / "pyproject.toml").write_text("\n".join(lines + tables) + "\n")


def online(project: Path, server: LibreServer, **settings: object) -> None:
    configure(
        project,
        **{
            "provider": "libre",
            "url": server.url,
            "rate": 0,
            "backoff": 0.01,
            "timeout": 2,
            "retries": 3,
            "workers": 4,
            **settings,
        },
    )


@pytest.fixture
def site(project: Path) -> Path:
    """Two articles sharing a sentence, catalogs made, a glossary keeping Leicestershire Matters."""
    article(project, "roadworks.html", "Roadworks on the A6", ROADWORKS)
    article(project, "buses.html", "Bus news", BUSES)
    l10n("init", "zh")
    (project / "locales" / "zh" / "glossary.tbx").write_text(GLOSSARY, encoding="utf-8")
    return project


def entries(project: Path, domain: str, locale: str = "zh") -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in catalog(project, domain, locale) if not e.obsolete}


def all_entries(project: Path, locale: str = "zh") -> list[polib.POEntry]:
    return [*entries(project, "roadworks", locale).values(), *entries(project, "buses", locale).values()]


def check_catalogs(project: Path, locale: str = "zh") -> None:
    for path in (project / "locales" / locale / "LC_MESSAGES").glob("*.po"):
        msgfmt_check(path)


def translate_by_hand(project: Path, domain: str, translations: dict[str, str]) -> None:
    po = catalog(project, domain)
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    po.save()


# -- services --------------------------------------------------------------------------------------


def test_libre_fills_every_empty_entry_with_a_fuzzy_suggestion(site: Path, libre: LibreServer):
    translate_by_hand(site, "roadworks", {"It will last two weeks.": "工期两周。"})
    online(site, libre)
    result = l10n("translate", "zh")
    roadworks, buses = entries(site, "roadworks"), entries(site, "buses")

    human = roadworks["It will last two weeks."]
    assert human.msgstr == "工期两周。" and not human.fuzzy and origin(human) is None
    link = roadworks["Read <a1>Leicestershire Matters</a1> for details."]
    assert link.msgstr == "译<a1>Leicestershire Matters</a1>译译。"
    assert link.fuzzy and is_machine_suggestion(link)
    assert link.tcomment == f"suggestion: libre, {TODAY}"
    quote = roadworks['The council said: "It will cost 3.5 million, sadly!"']
    assert quote.msgstr == "译译译：“译译译 350万 译，译！”"  # the answer said 3.5: the figure is repaired
    assert quote.tcomment == f"suggestion: libre, {TODAY}, adjusted"
    assert buses["Work starts on Monday."].msgstr == roadworks["Work starts on Monday."].msgstr == "译译译译。"
    assert all(e.msgstr for e in all_entries(site))
    check_catalogs(site)

    sent = libre.texts()
    assert len(sent) == len(set(sent)) == len(all_entries(site)) - 2  # the shared sentence once; not the human one
    assert "Read [X1X][X2X][X3X] for details." in sent  # markup and the kept name never go out
    assert not any("Leicestershire" in q or "<" in q for q in sent)
    request = libre.received[0]
    assert (request["source"], request["target"], request["format"]) == ("en", "zh", "text")
    assert "api_key" not in request  # a keyless server is sent no key
    assert (
        result.output == "zh: 7 filled (0 from memory), 0 failed, 0 rejected, 0 skipped; "
        "6 requests to libre, 0 answers from the cache\n"
    )


def test_a_rerun_or_another_article_with_the_same_english_costs_no_request(site: Path, libre: LibreServer):
    online(site, libre)
    l10n("translate", "zh")
    first = len(libre.texts())
    # The catalogs start afresh, and a new article repeats a sentence.
    for domain in ("roadworks", "buses"):
        po = catalog(site, domain)
        for entry in po:
            entry.msgstr, entry.flags, entry.tcomment = "", [], ""
        po.save()
    article(site, "more.html", "More news", ["Buses will run as normal."])
    l10n("update")
    result = l10n("translate", "zh")
    assert libre.texts()[first:] == ["More news"]
    assert "1 request to libre, 7 answers from the cache" in result.output
    assert entries(site, "more")["Buses will run as normal."].msgstr == "译译译译译。"
    assert (site / ".l10n-cache" / "translations.sqlite3").is_file()


def test_reviewed_translations_of_the_same_english_are_used_before_any_request(site: Path, libre: LibreServer):
    translate_by_hand(site, "roadworks", {"Work starts on Monday.": "周一开工。"})
    online(site, libre)
    result = l10n("translate", "zh")
    shared = entries(site, "buses")["Work starts on Monday."]
    assert shared.msgstr == "周一开工。" and shared.fuzzy
    assert shared.tcomment == f"suggestion: memory, {TODAY}, 100% match"
    assert "Work starts on Monday." not in libre.texts()
    assert "7 filled (1 from memory)" in result.output


def test_an_answer_that_loses_or_invents_a_placeholder_is_not_written(site: Path, libre: LibreServer):
    def behave(q: str, attempt: int) -> Answer | None:
        if q.startswith("Read"):
            return Answer(text="译[X1X][X3X]译。")  # lost the kept name
        if q == "Buses will run as normal.":
            return Answer(text="译[X1X]译。")  # invented a marker
        return None

    libre.behave = behave
    online(site, libre)
    result = l10n("translate", "zh", code=1)
    link = entries(site, "roadworks")["Read <a1>Leicestershire Matters</a1> for details."]
    assert link.msgstr == "" and not link.fuzzy
    assert entries(site, "buses")["Buses will run as normal."].msgstr == ""
    assert "libre: answer lost Leicestershire Matters" in result.output
    assert "libre: answer invented [X1X]" in result.output
    assert "6 filled (0 from memory), 0 failed, 2 rejected" in result.output
    check_catalogs(site)


def test_answers_breaking_placeholder_order_are_rejected(site: Path, libre: LibreServer):
    libre.behave = lambda q, attempt: Answer(text="[X3X]译[X2X][X1X]。") if q.startswith("Read") else None
    online(site, libre)
    result = l10n("translate", "zh", code=1)
    assert "libre: answer has </a1> closes nothing open" in result.output


def test_429_and_500_are_retried_until_the_service_answers(site: Path, libre: LibreServer):
    libre.behave = lambda q, attempt: Answer(status={1: 429, 2: 500}[attempt]) if attempt < 3 else None
    online(site, libre)
    result = l10n("translate", "zh")
    assert all(e.msgstr for e in all_entries(site))
    assert len(libre.texts()) == 3 * 7
    assert "21 requests to libre" in result.output


def test_a_text_that_keeps_failing_is_reported_and_skipped(site: Path, libre: LibreServer):
    libre.behave = lambda q, attempt: Answer(status=503) if q == "Buses will run as normal." else None
    online(site, libre, retries=2)
    result = l10n("translate", "zh", code=1)
    assert libre.texts().count("Buses will run as normal.") == 3
    assert re.search(r"buses\.po:\d+: libre: HTTP 503, 3 attempts", result.output)
    assert "7 filled (0 from memory), 1 failed" in result.output
    assert entries(site, "buses")["Buses will run as normal."].msgstr == ""
    check_catalogs(site)


def test_other_client_errors_are_not_retried(site: Path, libre: LibreServer):
    libre.behave = lambda q, attempt: Answer(status=400) if q == "Buses will run as normal." else None
    online(site, libre)
    result = l10n("translate", "zh", code=1)
    assert libre.texts().count("Buses will run as normal.") == 1
    assert "libre: HTTP 400" in result.output


@pytest.mark.slow
def test_slow_answers_time_out_and_are_retried(site: Path, libre: LibreServer):
    libre.behave = lambda q, attempt: Answer(delay=1.0) if attempt == 1 or q == "Buses will run as normal." else None
    online(site, libre, timeout=0.2, retries=1)
    started = time.monotonic()
    result = l10n("translate", "zh", code=1)
    assert time.monotonic() - started < 3
    assert "libre: timed out, 2 attempts" in result.output
    assert "7 filled (0 from memory), 1 failed" in result.output


@pytest.mark.slow
def test_a_server_killed_mid_run_fails_the_rest_and_a_rerun_completes(site: Path, libre: LibreServer):
    def behave(q: str, attempt: int) -> Answer | None:
        if len(libre.received) == 3:
            threading.Thread(target=libre.stop).start()
        return Answer(delay=0.05)

    libre.behave = behave
    online(site, libre, workers=1)
    result = l10n("translate", "zh", code=1)
    assert "libre: cannot connect, 4 attempts" in result.output
    filled = [e for e in all_entries(site) if e.msgstr]
    assert 2 <= len(filled) <= 4 and all(e.fuzzy for e in filled)
    check_catalogs(site)

    again = LibreServer()
    try:
        online(site, again)
        result = l10n("translate", "zh")
        assert all(e.msgstr for e in all_entries(site))
        assert len(again.texts()) == 7 - len(set(libre.texts()))
    finally:
        again.stop()


def test_a_service_refusing_the_key_stops_the_run_and_the_key_is_never_shown(
    site: Path, libre: LibreServer, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("LIBRE_API_KEY", "s3cret-key")
    online(site, libre)
    l10n("translate", "zh")
    assert {r["api_key"] for r in libre.received} == {"s3cret-key"}
    libre.behave = lambda q, attempt: Answer(status=403)
    article(site, "new.html", "New", ["Something else entirely."])
    l10n("update")
    result = l10n("translate", "zh", code=2)
    assert result.output == "l10n: error: libre refused our requests (HTTP 403); check the key\n"
    files = b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert b"s3cret-key" not in files


def test_dry_run_shows_what_would_be_sent_and_sends_and_writes_nothing(site: Path, libre: LibreServer):
    online(site, libre)
    before = snapshot(site)
    result = l10n("translate", "zh", "--dry-run")
    assert libre.texts() == [] and snapshot(site) == before
    lines = result.output.splitlines()
    assert lines[0] == f"Would send to libre at {libre.url} (en → zh):"
    assert "  Read [X1X][X2X][X3X] for details." in lines and len(lines) == 1 + 7 + 1
    assert result.output.endswith(
        "zh: dry run: 0 filled (0 from memory), 0 failed, 0 rejected, 0 skipped; "
        "7 texts to send to libre, 0 answers from the cache\n"
    )


def test_limit_and_paths_choose_what_is_filled(site: Path, libre: LibreServer):
    online(site, libre)
    result = l10n("translate", "zh", "--limit", "1", "source/buses.html")
    assert libre.texts() == ["Bus news"]
    assert "1 filled (0 from memory), 0 failed, 0 rejected, 2 skipped (beyond --limit)" in result.output
    assert all(not e.msgstr for e in entries(site, "roadworks").values())


@pytest.mark.slow
def test_workers_run_requests_side_by_side_under_the_rate_limit(site: Path, libre: LibreServer):
    libre.latency = 0.2
    online(site, libre, workers=6)
    started = time.monotonic()
    l10n("translate", "zh")
    assert time.monotonic() - started < 0.2 * 7 * 0.7  # one by one: 7 texts of 0.2 s
    limiter, stop = RateLimiter(20), threading.Event()
    started = time.monotonic()
    for _ in range(6):
        limiter.wait(stop)
    assert time.monotonic() - started >= 5 / 20 * 0.9


def test_a_configured_code_overrides_the_table(site: Path, libre: LibreServer):
    online(site, libre, libre={"target": "zh-Hans"})
    l10n("translate", "zh", "--limit", "1")
    assert libre.received[0]["target"] == "zh-Hans"


# -- interruption ----------------------------------------------------------------------------------


def run_in_background(project: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "l10n.cli", "translate", "zh"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


@pytest.fixture
def long_site(project: Path) -> Path:
    article(project, "long.html", "A long article", [f"Sentence number {n} of the long article." for n in range(60)])
    l10n("init", "zh")
    return project


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_a_killed_run_corrupts_nothing_and_a_rerun_picks_up_where_it_stopped(
    long_site: Path, libre: LibreServer, how: signal.Signals
):
    libre.latency = 0.05
    online(long_site, libre, workers=2)
    process = run_in_background(long_site)
    wait_for(lambda: len(libre.received) >= 20)
    process.send_signal(how)
    process.communicate(timeout=20)
    assert process.returncode != 0
    check_catalogs(long_site)
    saved = [e for e in entries(long_site, "long").values() if e.msgstr]
    if how == signal.SIGINT:
        assert len(saved) >= 18  # saved on the way out
    assert all(e.fuzzy and e.msgstr.startswith("译") for e in saved)

    l10n("translate", "zh")
    assert all(e.msgstr for e in entries(long_site, "long").values())
    assert len(libre.texts()) <= 61 + 2  # asked again: at most the two requests in flight when it stopped


# -- offline providers -----------------------------------------------------------------------------


def test_memory_is_the_default_and_suggests_exact_and_fuzzy_matches(site: Path):
    translate_by_hand(
        site,
        "roadworks",
        {
            "Work starts on Monday.": "周一开工。",
            "It will last two weeks.": "工期两周。",
            "Roadworks on the A6": "A6公路施工",
        },
    )
    article(site, "later.html", "Roadworks on the A6 again", ["It will last three weeks.", "Nothing like it."])
    l10n("update")
    result = l10n("translate", "zh")
    later, buses = entries(site, "later"), entries(site, "buses")
    assert buses["Work starts on Monday."].msgstr == "周一开工。"
    assert buses["Work starts on Monday."].tcomment == f"suggestion: memory, {TODAY}, 100% match"
    fuzzy = later["It will last three weeks."]
    assert fuzzy.msgstr == "工期两周。" and fuzzy.fuzzy
    assert re.fullmatch(rf"suggestion: memory, {TODAY}, (8\d|9\d)% match", fuzzy.tcomment)
    assert later["Nothing like it."].msgstr == ""
    assert "skipped" in result.output and "requests" not in result.output
    assert not (site / ".l10n-cache" / "translations.sqlite3").exists()
    check_catalogs(site)


def test_memory_renames_placeholders_after_the_new_english(project: Path):
    article(project, "a.html", "A", ['See <em>this</em> and <a href="/x">the page</a> now.'])
    article(project, "b.html", "B", ['See <a href="/x">the page</a> now.'])
    l10n("init", "zh")
    remembered = "现在看<em1>这个</em1>和<a2>页面</a2>。"
    translate_by_hand(project, "a", {"See <em1>this</em1> and <a2>the page</a2> now.": remembered})
    translate_by_hand(project, "b", {"B": "乙"})
    l10n("translate", "zh")  # "See <a1>the page</a1> now." has other tags: no usable match, left empty
    assert entries(project, "b")["See <a1>the page</a1> now."].msgstr == ""
    article(project, "c.html", "C", ['See <em>that</em> and <a href="/x">the page</a> now.'])
    l10n("update")
    article(project, "d.html", "D", ['See <strong>this</strong> and <a href="/x">the page</a> now.'])
    l10n("update")
    result = l10n("translate", "zh", "source/c.html", "source/d.html")
    assert entries(project, "c")["See <em1>that</em1> and <a2>the page</a2> now."].msgstr == remembered
    assert entries(project, "d")["See <strong1>this</strong1> and <a2>the page</a2> now."].msgstr == ""
    assert result.output == "zh: 1 filled (1 from memory), 0 failed, 0 rejected, 3 skipped (no memory match)\n"


def test_pseudo_localisation_fills_the_pseudo_locale_keeps_markup_and_is_longer(site: Path):
    l10n("init", "qps")
    result = l10n("translate", "qps")
    assert result.output.startswith("qps: ") and "0 skipped" in result.output
    for entry in all_entries(site, "qps"):
        # Nobody reviews pseudo text: it is written reviewed, with its origin.
        assert not entry.fuzzy and entry.tcomment == f"suggestion: pseudo, {TODAY}"
        assert entry.msgstr != entry.msgid and len(entry.msgstr) > len(entry.msgid)
    link = entries(site, "roadworks", "qps")["Read <a1>Leicestershire Matters</a1> for details."]
    assert link.msgstr.startswith("【Ŕéåđ <a1>Ĺéîçéšţéŕšĥîŕé Ṁåţţéŕš</a1> ƒöŕ đéţåîĺš.")
    assert all(not entry.msgstr for entry in all_entries(site))  # zh's catalogs untouched
    check_catalogs(site, "qps")
    l10n("build", "qps", "--out", "preview")
    page = (site / "preview" / "qps" / "roadworks.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/news">Ĺéîçéšţéŕšĥîŕé Ṁåţţéŕš</a>' in page and "Ŕéåđ" in page
    assert '<html lang="qps"' in page


def test_pseudo_text_can_never_be_published(site: Path):
    l10n("init", "qps")
    before = snapshot(site)
    # Not into a real locale's catalogs …
    result = l10n("translate", "zh", "--provider", "pseudo", code=2)
    assert "pseudo-localisation goes into the pseudo locale qps, never into zh's catalogs" in result.output
    # … nor anything else into the pseudo locale …
    assert "only --provider pseudo fills it" in l10n("translate", "qps", "--provider", "memory", code=2).output
    assert snapshot(site) == before
    # … nor the pseudo locale into the published site, named or with --all.
    l10n("translate", "qps")
    for args in (["build", "qps"], ["build", "zh", "qps", "--out", "dist"]):
        result = l10n(*args, code=2)
        assert "qps is the pseudo locale, for testing layouts, and is never published" in result.output
    l10n("build", "--all", "--min-complete", "0")
    assert sorted(p.name for p in (site / "dist").iterdir()) == ["en", "index.html", "zh"]
    assert "qps" not in (site / "dist" / "index.html").read_text()
    # Pseudo text that reached a real locale's catalog before (an old run, a copied file) is never shown.
    qps = catalog(site, "roadworks", "qps")
    zh = catalog(site, "roadworks")
    for entry in zh:
        entry.msgstr, entry.tcomment, entry.flags = qps.find(entry.msgid).msgstr, f"suggestion: pseudo, {TODAY}", []
    zh.save()
    l10n("build", "zh", "--include-fuzzy", "--min-complete", "0")
    assert "Ŕéåđ" not in (site / "dist" / "zh" / "roadworks.html").read_text(encoding="utf-8")


def test_human_translations_are_never_touched(site: Path, libre: LibreServer):
    po = catalog(site, "roadworks")
    for entry in po:
        entry.msgstr = "人工：" + entry.msgid
    po[1].flags.append("fuzzy")  # a human's unreviewed work is still a human's
    po.save()
    before = (site / "locales" / "zh" / "LC_MESSAGES" / "roadworks.po").read_bytes()
    l10n("translate", "zh", "--provider", "memory")
    online(site, libre)
    l10n("translate", "zh", "source/roadworks.html")
    assert (site / "locales" / "zh" / "LC_MESSAGES" / "roadworks.po").read_bytes() == before
    assert "Work starts on Monday." not in libre.texts()


# -- bad usage -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "settings, args, message",
    [
        (
            {},
            ["--provider", "babelfish"],
            "unknown provider 'babelfish'; choose one of memory, pseudo, google, "
            "mymemory, libre, deepl, microsoft, baidu",
        ),
        (
            {"provider": "deepl"},
            [],
            "deepl needs DEEPL_API_KEY in the environment (or api_key in [tool.l10n.translate.deepl])",
        ),
        (
            {"provider": "baidu", "baidu": {"appid": "1"}},
            [],
            "baidu needs BAIDU_APPKEY in the environment (or appkey in [tool.l10n.translate.baidu])",
        ),
        (
            {"provider": "libre"},
            [],
            "libre: https://libretranslate.com/ needs a key (LIBRE_API_KEY); give your own "
            "server with --url or translate.url",
        ),
        ({"wokers": 2}, [], "pyproject.toml: unknown setting translate.wokers"),
        ({"workers": 0}, [], "pyproject.toml: translate.workers must be at least 1"),
        ({"rate": "fast"}, [], "pyproject.toml: setting translate.rate must be a number ≥ 0"),
        ({"libre": {"key": "x"}}, ["--provider", "libre"], "pyproject.toml: unknown setting translate.libre.key"),
        (
            {"memory": {"threshold": "high"}},
            [],
            "pyproject.toml: setting translate.memory.threshold has the wrong type",
        ),
        ({"timeout": 0}, [], "pyproject.toml: translate.timeout must be more than 0 seconds"),
        (
            {},
            ["--url", "127.0.0.1:5000"],
            "pyproject.toml: translate.url must be an http:// or https:// address, not '127.0.0.1:5000'",
        ),
    ],
)
def test_bad_settings_are_one_line_errors_that_change_nothing(
    site: Path, settings: dict, args: list[str], message: str
):
    configure(site, **settings)
    before = snapshot(site)
    result = l10n("translate", "zh", *args, code=2)
    assert result.output == f"l10n: error: {message}\n"
    assert snapshot(site) == before


def test_a_locale_without_catalogs(project: Path):
    result = l10n("translate", "zh_Hant", code=2)
    assert result.output == "l10n: error: locales/zh_Hant: no catalogs for zh_Hant; run `l10n init zh_Hant` first\n"


# -- the parts -------------------------------------------------------------------------------------


def test_each_locale_has_each_services_code():
    codes = {tag: {name: service_code(name, tag) for name in ONLINE} for tag in ("en", "zh-Hans", "zh-Hant", "fr")}
    assert codes == {
        "en": {"google": "en", "mymemory": "en-GB", "libre": "en", "deepl": "EN", "microsoft": "en", "baidu": "en"},
        "zh-Hans": {
            "google": "zh-CN",
            "mymemory": "zh-CN",
            "libre": "zh",
            "deepl": "ZH",
            "microsoft": "zh-Hans",
            "baidu": "zh",
        },
        "zh-Hant": {
            "google": "zh-TW",
            "mymemory": "zh-TW",
            "libre": "zt",
            "deepl": "ZH-HANT",
            "microsoft": "zh-Hant",
            "baidu": "cht",
        },
        "fr": {"google": "fr", "mymemory": "fr", "libre": "fr", "deepl": "FR", "microsoft": "fr", "baidu": "fr"},
    }
    tags = {code: language_tag(parse_locale(code)) for code in ("zh", "zh_CN", "zh_Hant", "zh_TW", "zh_HK", "fr")}
    assert tags == {
        "zh": "zh-Hans",
        "zh_CN": "zh-Hans",
        "zh_Hant": "zh-Hant",
        "zh_TW": "zh-Hant",
        "zh_HK": "zh-Hant",
        "fr": "fr",
    }


@pytest.mark.parametrize(
    "name, env, checks",
    [
        ("google", {}, {}),
        ("mymemory", {}, {}),
        ("libre", {}, {"api_key": None, "_base_url": "http://127.0.0.1:9/"}),
        ("libre", {"LIBRE_API_KEY": "k"}, {"api_key": "k"}),
        ("deepl", {"DEEPL_API_KEY": "k:fx"}, {"api_key": "k:fx", "_base_url": "https://api-free.deepl.com/v2/"}),
        ("deepl", {"DEEPL_API_KEY": "k"}, {"_base_url": "https://api.deepl.com/v2/"}),
        ("microsoft", {"MICROSOFT_API_KEY": "k"}, {"api_key": "k"}),
        ("baidu", {"BAIDU_APPID": "i", "BAIDU_APPKEY": "k"}, {"appid": "i", "appkey": "k"}),
    ],
)
def test_deep_translator_objects_are_made_with_our_codes_and_keys(
    name: str, env: dict, checks: dict, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(MicrosoftTranslator, "_get_supported_languages", lambda self: {"english": "en"})
    settings = load_settings({"url": "http://127.0.0.1:9"} if name == "libre" else {}, provider=name)
    service = Online(settings, "en", "zh-Hans", env)
    translator = service.translator()
    assert (translator.source, translator.target) == (service_code(name, "en"), service_code(name, "zh-Hans"))
    assert {k: getattr(translator, k) for k in checks} == checks
    assert service.translator() is translator  # one per thread, made once
    other: list = []
    worker = threading.Thread(target=lambda: other.append(service.translator()))
    worker.start()
    worker.join()
    assert other[0] is not translator


def test_settings_have_defaults_kind_to_free_services():
    assert load_settings({}).provider == "memory"
    assert load_settings({}, url="http://127.0.0.1:5000").provider == "libre"
    assert (load_settings({}, provider="google").workers, load_settings({}, provider="google").rate) == (4, 5.0)
    assert load_settings({}, provider="baidu").workers == 1
    custom = load_settings({"provider": "libre", "workers": 2, "rate": 0, "memory": {"threshold": 90}}, workers=8)
    assert (custom.workers, custom.rate) == (8, 0.0)
    assert load_settings({"memory": {"threshold": 90}}).threshold == 90


@pytest.mark.parametrize(
    "answer, expected",
    [
        ("你好, 世界.", "你好，世界。"),
        ('他说: "你好!" 对吗?', "他说：“你好！”对吗？"),
        (
            "增长 3.5%, 达到 1,000 人, 10:30 开始; 详见 https://example.org/a?b=1.",
            "增长 3.5%，达到 1,000 人，10:30 开始；详见 https://example.org/a?b=1。",
        ),
        ("请访问 leics.gov.uk 或致电 Dr. Smith.", "请访问 leics.gov.uk 或致电 Dr. Smith。"),
        ("等等... 好的 .", "等等... 好的。"),
        ("点击 [X1X] 这里 [X2X] .", "点击[X1X]这里[X2X]。"),
        ("Hello, world. This is English.", "Hello, world. This is English."),
        ("The Midlands Engine, 英格兰中部.", "The Midlands Engine，英格兰中部。"),
        ("英格兰中部交通联盟 (Midlands Connect) 发布分析.", "英格兰中部交通联盟（Midlands Connect）发布分析。"),
    ],
)
def test_machine_output_gets_chinese_punctuation_where_the_sentence_is_chinese(answer: str, expected: str):
    from l10n.translate.protect import MARKER

    assert normalise(answer, MARKER) == expected


def test_protect_and_restore():
    protected = protect(
        "See <a1>Leicestershire Matters</a1> on cookie and [X1X] pages<br2/>.",
        ["Leicestershire Matters", "Cookie", "pages"],
    )
    assert protected.text == "See [X1X][X2X][X3X] on cookie and [X4X] [X5X][X6X]."
    assert (
        protected.restore("见【X1X】［x2x］[ X3X ]关于cookie和[X4X][X5X][X6X]。")
        == "见<a1>Leicestershire Matters</a1>关于cookie和[X1X]pages<br2/>。"
    )
    for answer, problem in [
        ("[X1X][X2X][X3X][X4X][X5X]", "lost <br2/>"),
        ("[X1X][X1X]", "repeated [X1X] (<a1>)"),
        ("[X9X]", "invented [X9X]"),
    ]:
        with pytest.raises(RestoreError, match=re.escape(problem)):
            protected.restore(answer)
    # Escaped token-shaped text (page text reading `<h1>`) is kept as it is, like a token.
    literal = protect("Use &lt;h1> and &amp;lt;/p2> for <b1>titles</b1>.")
    assert literal.text == "Use [X1X] and [X2X] for [X3X]titles[X4X]."
    assert literal.restore("用[X1X]和[X2X]写[X3X]标题[X4X]。") == "用&lt;h1>和&amp;lt;/p2>写<b1>标题</b1>。"


def test_pseudo_keeps_markers():
    assert pseudolocalise("Read [X1X]this[X2X].") == "【Ŕéåđ [X1X]ţĥîš[X2X]. 文文文文】"


# -- facts: figures and dates ----------------------------------------------------------------------

REMEMBERED = {
    "The council will spend £90m on roads.": "议会将在道路上花费9000万英镑。",
    "Recycling rose to 45 per cent in 2019.": "2019年回收率升至45%。",
    "Work on 30 sites with 30 staff.": "在30个地点由30名员工施工。",
    "The library reopened on 8 November 2017.": "图书馆于2017年11月8日重新开放。",
}
NEW_FACTS = {  # new English: the suggestion it gets (None: not offered)
    "The library reopened on 14 March 2025.": "图书馆于2025年3月14日重新开放。",
    "Sichuan is the size of Spain, with 84 million residents and an economy worth £45 billion.": "四川面积与西班牙相当，拥有8400万人口，经济总量达450亿英镑。",
    "Sichuan has been twinned with Leicestershire since 1998 and the event also marked the forthcoming "
    "20-year anniversary.": "四川自1998年起与莱斯特郡结为友好省郡，此次活动也提前庆祝了双方即将迎来的结好20周年。",
    "The council will spend £4.2m on roads.": "议会将在道路上花费420万英镑。",
    "Recycling rose to 52.5 per cent in 2021.": "2021年回收率升至52.5%。",
    "Work on 40 sites with 30 staff.": None,  # which 30 is which: no suggestion
}


@pytest.fixture
def remembered(project: Path) -> Path:
    """The seed article with its reviewed catalog, an article of figures reviewed, and a new
    article whose English is like theirs with other figures and dates."""
    shutil.copy(SEED, project / "source")
    shutil.copytree(SEED_PROJECT / "locales", project / "locales")
    article(project, "old.html", "Old news", list(REMEMBERED))
    l10n("update")
    translate_by_hand(project, "old", {"Old news": "旧闻", **REMEMBERED})
    (project / "source" / "new.html").write_text(
        PAGE.format(title="Spring news", body="\n".join(f"<p>{p}</p>" for p in NEW_FACTS)), encoding="utf-8"
    )
    l10n("update")
    return project


def test_a_76_percent_memory_match_never_carries_its_old_figures_or_dates(remembered: Path):
    result = l10n("translate", "zh")
    new = entries(remembered, "new")
    for msgid, expected in NEW_FACTS.items():
        assert new[msgid].msgstr == (expected or ""), msgid
    published = new["The library reopened on 14 March 2025."]
    assert published.fuzzy and published.tcomment == f"suggestion: memory, {TODAY}, 76% match, adjusted"
    assert (
        "5 filled (5 from memory), 0 failed, 0 rejected, 2 skipped (no memory match)" in result.output
    )  # the title, and 40 sites
    check_catalogs(remembered)
    problems = [json.loads(line) for line in l10n("check", "zh", "--include-fuzzy", "--json").stdout.splitlines()]
    assert [p for p in problems if p["check"] == "numbers"] == []


def test_machine_answers_that_misstate_a_figure_are_repaired_or_rejected(site: Path, libre: LibreServer):
    article(site, "dates.html", "Dates", ["The library opens on 14 March 2025.", "It reopens on 8 May 2025."])
    l10n("update")

    def behave(q: str, attempt: int) -> Answer | None:
        if q.startswith("The library"):
            return Answer(text="图书馆于2025年3月15日开放。")  # the wrong day: repaired
        if q.startswith("It reopens"):
            return Answer(text="它于2025年重新开放。")  # the date lost: rejected
        return None

    libre.behave = behave
    online(site, libre)
    result = l10n("translate", "zh", "source/dates.html", code=1)
    dates = entries(site, "dates")
    opens = dates["The library opens on 14 March 2025."]
    assert opens.msgstr == "图书馆于2025年3月14日开放。" and opens.tcomment == f"suggestion: libre, {TODAY}, adjusted"
    assert dates["It reopens on 8 May 2025."].msgstr == ""
    assert re.search(
        r"dates\.po:\d+: libre: answer misstates a figure: 8 May \(5月8日\) is not in the translation", result.output
    )
    assert "2 filled (0 from memory), 0 failed, 1 rejected, 0 skipped" in result.output


def test_machine_answers_keeping_names_in_english_beside_figures_are_accepted(site: Path, libre: LibreServer):
    sentences = ["The 2026 Midlands Engine summit opens.", "Over 1,200 people came.", "Ticket sales reached 300."]
    article(site, "mixed.html", "Mixed", sentences)
    l10n("update")
    answers = {
        "The 2026": "2026 Midlands Engine峰会开幕。",  # a name kept in English after a figure
        "Over": "超过１，２００人到场。",  # full-width digits and comma
        "Ticket": "门票销量达到3000张。",  # a wrong figure: repaired
        "Mixed": "Mixed",
    }
    libre.behave = lambda q, attempt: next((Answer(text=a) for k, a in answers.items() if q.startswith(k)), None)
    online(site, libre)
    result = l10n("translate", "zh", "source/mixed.html")
    mixed = entries(site, "mixed")
    assert mixed[sentences[0]].msgstr == "2026 Midlands Engine峰会开幕。"
    assert mixed[sentences[1]].msgstr == "超过１，２００人到场。"
    assert mixed[sentences[2]].msgstr == "门票销量达到300张。" and mixed[sentences[2]].tcomment.endswith("adjusted")
    assert "4 filled (0 from memory), 0 failed, 0 rejected" in result.output


# -- exact matches, accepted -----------------------------------------------------------------------


def write_po(project: Path, domain: str, entries_: list[polib.POEntry], locale: str = "zh") -> None:
    po = polib.POFile()
    po.metadata = {
        "Project-Id-Version": domain,
        "PO-Revision-Date": "2026-11-28 12:00+0000",
        "Last-Translator": "",
        "Language-Team": "Chinese",
        "Language": "zh_Hans",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    po.extend(entries_)
    (project / "locales" / locale / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    po.save(str(project / "locales" / locale / "LC_MESSAGES" / f"{domain}.po"))


def po_entry(msgid: str, msgstr: str = "", msgctxt: str | None = None, fuzzy: bool = False) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, msgctxt=msgctxt, flags=["fuzzy"] if fuzzy else [])


@pytest.fixture
def exact(project: Path) -> Path:
    """Catalogs whose empty entries have reviewed translations elsewhere: in another article's, in
    the site catalog (another kind of text), under another context, two different ones, or only a
    fuzzy one."""
    (project / "locales" / "zh" / "LC_MESSAGES").mkdir(parents=True)
    write_po(project, "_site", [po_entry("Skip to main content", "跳至主要内容"), po_entry("Contact us")])
    write_po(
        project,
        "a",
        [
            po_entry("Skip to main content"),
            po_entry("Contact us", "联系我们"),
            po_entry("Close", msgctxt="verb"),
            po_entry("Open"),
            po_entry("Help"),
        ],
    )
    write_po(project, "b", [po_entry("Close", "关闭", msgctxt="verb"), po_entry("Close"), po_entry("Open", "打开")])
    write_po(project, "c", [po_entry("Open", "开放"), po_entry("Help", "帮助", fuzzy=True)])
    write_po(project, "d", [po_entry("Skip to main content", "跳至主要内容")])
    return project


def test_exact_matches_are_accepted_as_reviewed_on_request(exact: Path):
    result = l10n("translate", "zh", "--accept-exact")
    site, a, b = entries(exact, "_site"), entries(exact, "a"), entries(exact, "b")
    for entry, msgstr in (
        (a["Skip to main content"], "跳至主要内容"),
        (next(e for e in catalog(exact, "a") if e.msgctxt == "verb"), "关闭"),
    ):
        assert entry.msgstr == msgstr and not entry.fuzzy
        assert entry.tcomment == "suggestion: memory, exact, accepted"
    assert b["Close"].fuzzy and b["Close"].tcomment == f"suggestion: memory, {TODAY}, 100% match"  # another context
    # An article's text is not the site's: suggested, not accepted.
    assert site["Contact us"].fuzzy and site["Contact us"].tcomment == f"suggestion: memory, {TODAY}, 100% match"
    assert a["Open"].fuzzy  # two reviewed translations: no exact match to accept
    assert a["Help"].msgstr == ""  # only a fuzzy translation: nothing to suggest
    assert (
        result.output == "zh: 5 filled (5 from memory, 2 accepted), 0 failed, 0 rejected, 1 skipped (no memory match)\n"
    )
    check_catalogs(exact)
    stats = [json.loads(line) for line in l10n("stats", "--json").stdout.splitlines()]
    translated = {s["article"]: s["translated"] for s in stats if s["article"]}
    assert translated == {"_site": 1, "a": 3, "b": 2, "c": 1, "d": 1}


def test_without_the_flag_exact_matches_stay_suggestions(exact: Path):
    result = l10n("translate", "zh")
    skip = entries(exact, "a")["Skip to main content"]
    assert skip.msgstr == "跳至主要内容" and skip.fuzzy and skip.tcomment == f"suggestion: memory, {TODAY}, 100% match"
    assert result.output == "zh: 5 filled (5 from memory), 0 failed, 0 rejected, 1 skipped (no memory match)\n"


def test_dry_run_lists_what_memory_and_pseudo_would_fill_and_writes_nothing(exact: Path):
    before = snapshot(exact)
    lines = l10n("translate", "zh", "--accept-exact", "--dry-run").stdout.splitlines()
    assert lines[0] == "Would fill:"
    assert "  Skip to main content → 跳至主要内容  [memory, exact, accepted]" in lines
    assert f"  Close → 关闭  [memory, {TODAY}, 100% match]" in lines
    assert len(lines) == 1 + 5 + 1 and lines[-1].startswith("zh: dry run: 5 filled (5 from memory, 2 accepted)")
    for domain in ("a", "c"):
        write_po(exact, domain, [po_entry(e.msgid, msgctxt=e.msgctxt) for e in catalog(exact, domain)], "qps")
    before = snapshot(exact)
    lines = l10n("translate", "qps", "--dry-run").stdout.splitlines()
    assert lines[0] == "Would fill:" and len(lines) == 1 + 5 + 1  # each English once
    assert f"  Help → 【Ĥéĺþ 文文】  [pseudo, {TODAY}]" in lines
    assert snapshot(exact) == before
