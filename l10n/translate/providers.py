"""Translation providers and their settings; online services through deep-translator.

deep-translator sends its requests without a timeout, retries nothing, keeps per-request state
in its translator objects, and its LibreTranslator will not start without a key. Around it:
each worker thread has its own translator object; every request gets a timeout; 429, 5xx,
timeouts and connection errors are retried with exponential backoff and jitter; the requests
of all workers together keep to a rate limit; a self-hosted LibreTranslate needs no key. The
timeout goes in through a stand-in for `requests` in deep-translator's modules, which also
shows what each request gave: deep-translator's own exceptions say too little to tell a
rate limit from a bad key.
"""

from __future__ import annotations

import os
import queue
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import deep_translator.baidu
import deep_translator.deepl
import deep_translator.google
import deep_translator.libre
import deep_translator.microsoft
import deep_translator.mymemory
import requests
from deep_translator.base import BaseTranslator
from deep_translator.constants import (
    BAIDU_APPID_ENV_VAR,
    BAIDU_APPKEY_ENV_VAR,
    DEEPL_ENV_VAR,
    LIBRE_ENV_VAR,
    MSFT_ENV_VAR,
)

from ..errors import ConfigError, Failure, ProviderError
from ..locales import TargetLocale

PROVIDERS = ("memory", "pseudo", "google", "mymemory", "libre", "deepl", "microsoft", "baidu")
OFFLINE = frozenset({"memory", "pseudo"})
DEFAULT_PROVIDER = "memory"

# Codes of the services where they differ from the plain language code, by BCP 47 tag of the
# language (`zh-Hans`: a locale's language and script). DeepL takes upper case.
CODES: dict[str, dict[str, str]] = {
    "en": {"mymemory": "en-GB", "deepl": "EN"},
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
}

# Options of each provider's own table, [tool.l10n.translate.<provider>], and their types.
_OPTIONS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "memory": {"threshold": (int, float), "tmx": list},
    "pseudo": {},
    "google": {"target": str},
    "mymemory": {"target": str, "email": str},
    "libre": {"target": str, "api_key": str},
    "deepl": {"target": str, "api_key": str, "free": bool},
    "microsoft": {"target": str, "api_key": str, "region": str},
    "baidu": {"target": str, "appid": str, "appkey": str},
}
# Secrets: option → environment variable (deep-translator's names), which wins over the option.
SECRETS = {
    "libre": {"api_key": LIBRE_ENV_VAR},
    "deepl": {"api_key": DEEPL_ENV_VAR},
    "microsoft": {"api_key": MSFT_ENV_VAR},
    "baidu": {"appid": BAIDU_APPID_ENV_VAR, "appkey": BAIDU_APPKEY_ENV_VAR},
}
# Workers and requests per second, kind to free services.
_PACE = {"google": (4, 5.0), "mymemory": (2, 2.0), "baidu": (1, 1.0)}
_DEFAULT_PACE = (4, 10.0)
_NUMBERS = {"workers": int, "rate": float, "timeout": float, "retries": int, "backoff": float}
LIBRE_PUBLIC = "https://libretranslate.com/"
MAX_WAIT = 60.0  # the longest wait before a retry, seconds
MAX_BODY = 1 << 20  # the largest answer a service may send, bytes: more is refused unread
MAX_GROWTH = 10  # an answer is at most this many times its text's length (and 1,000 characters more)


@dataclass(frozen=True)
class Settings:
    """How to translate: from `[tool.l10n.translate]`, then command-line options."""

    provider: str = DEFAULT_PROVIDER
    url: str | None = None
    workers: int = _DEFAULT_PACE[0]
    rate: float = _DEFAULT_PACE[1]  # requests per second, all workers together; 0: no limit
    timeout: float = 20.0  # seconds per request
    retries: int = 4  # after the first attempt
    backoff: float = 1.0  # seconds before the first retry; doubles for each next one
    options: Mapping[str, Any] = field(default_factory=dict)  # the provider's own table

    @property
    def threshold(self) -> float:
        """Least score (0–100) of a fuzzy translation-memory match."""
        return float(self.options.get("threshold", 75))


def load_settings(
    table: Mapping[str, Any],
    where: Path | None = None,
    *,
    provider: str | None = None,
    url: str | None = None,
    workers: int | None = None,
) -> Settings:
    """Settings from a `[tool.l10n.translate]` table and command-line overrides (those not None)."""
    if not isinstance(table, Mapping):
        raise ConfigError("[tool.l10n.translate] must be a table", where)
    unknown = sorted(set(table) - set(_NUMBERS) - {"provider", "url"} - set(PROVIDERS))
    if unknown:
        raise ConfigError(f"unknown setting translate.{unknown[0]}", where)
    url = url or table.get("url")
    name = provider or table.get("provider") or ("libre" if url else DEFAULT_PROVIDER)  # a server address means libre
    if name not in PROVIDERS:
        raise ProviderError(f"unknown provider {name!r}; choose one of {', '.join(PROVIDERS)}")
    pace_workers, pace_rate = _PACE.get(name, _DEFAULT_PACE)
    values: dict[str, Any] = {"workers": pace_workers, "rate": pace_rate}
    for key, kind in _NUMBERS.items():
        if key in table:
            value = table[key]
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or value < 0
                or (kind is int and not isinstance(value, int))
            ):
                raise ConfigError(
                    f"setting translate.{key} must be a {'whole ' if kind is int else ''}number ≥ 0", where
                )
            values[key] = kind(value)
    if workers is not None:
        values["workers"] = workers
    if values["workers"] < 1:
        raise ConfigError("translate.workers must be at least 1", where)
    if values.get("timeout", 1) <= 0:
        raise ConfigError("translate.timeout must be more than 0 seconds", where)
    options = table.get(name, {})
    if not isinstance(options, Mapping):
        raise ConfigError(f"[tool.l10n.translate.{name}] must be a table", where)
    for option, value in options.items():
        expected = _OPTIONS[name].get(option)
        if expected is None:
            raise ConfigError(f"unknown setting translate.{name}.{option}", where)
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise ConfigError(f"setting translate.{name}.{option} has the wrong type", where)
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        raise ConfigError(f"translate.url must be an http:// or https:// address, not {url!r}", where)
    return Settings(provider=name, url=url, options=dict(options), **values)


def language_tag(locale: TargetLocale) -> str:
    """`zh-Hans` for zh, `zh-Hant` for zh_Hant or zh_TW: the key of CODES."""
    language = locale.locale.language
    return f"{language}-{locale.script}" if language == "zh" and locale.script else language


def service_code(provider: str, tag: str) -> str:
    """The code a service uses for a language (a BCP 47 tag such as `zh-Hans` or `en`)."""
    code = CODES.get(tag, {}).get(provider)
    if code:
        return code
    language = tag.split("-")[0].lower()
    return language.upper() if provider == "deepl" else language


class RateLimiter:
    """At most `rate` calls a second across threads, evenly spaced (0: no limit)."""

    def __init__(self, rate: float):
        self._interval = 1 / rate if rate else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self, stop: threading.Event) -> None:
        if not self._interval:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self._interval
        stop.wait(slot - now)


class Online:
    """A translation service: a translator per thread, timeout, retries and a shared rate limit."""

    def __init__(self, settings: Settings, source: str, target: str, env: Mapping[str, str] = os.environ):
        """`source` and `target` are BCP 47 tags (`en`, `zh-Hans`); keys come from `env` or the settings."""
        self.name = settings.provider
        self.settings = settings
        self.source = service_code(self.name, source)
        self.target = str(settings.options.get("target") or service_code(self.name, target))
        self.pair = f"{self.source}>{self.target}"
        self.url = (settings.url or LIBRE_PUBLIC) if self.name == "libre" else None
        self._secrets = _secrets(self.name, settings, env)
        if self.name == "libre" and self.url == LIBRE_PUBLIC and not self._secrets.get("api_key"):
            raise ProviderError(
                f"libre: {LIBRE_PUBLIC} needs a key ({LIBRE_ENV_VAR}); give your own server with --url or translate.url"
            )
        self.stop = threading.Event()
        self.requests = 0
        self._count = threading.Lock()
        self._limiter = RateLimiter(settings.rate)
        self._local = threading.local()

    def describe(self) -> str:
        """The service as shown to users: a server's address without credentials or query."""
        where = f" at {_shown(self.url)}" if self.url else ""
        return f"{self.name}{where} ({self.source} → {self.target})"

    def translate(self, text: str) -> str:
        """The service's translation, after retries; raises Failure, or ProviderError when refused."""
        attempts = 0
        while True:
            self._limiter.wait(self.stop)
            if self.stop.is_set():
                raise Failure("stopped")
            with self._count:
                self.requests += 1
            attempts += 1
            try:
                return self._attempt(text)
            except Failure as failure:
                if not failure.transient:
                    raise
                if attempts > self.settings.retries:
                    raise Failure(f"{failure.reason}, {attempts} attempts") from None
                self.stop.wait(self._delay(attempts, failure.retry_after))

    def _delay(self, attempts: int, retry_after: float | None) -> float:
        """Exponential backoff with jitter, or longer when the service asked for it."""
        base = self.settings.backoff * 2 ** (attempts - 1)
        delay = base / 2 + random.uniform(0, base / 2)
        return min(max(delay, retry_after or 0.0), MAX_WAIT)

    def _attempt(self, text: str) -> str:
        _transport.begin(self.settings.timeout, in_body=self.name == "libre")
        try:
            answer = self.translator().translate(text)
        except Exception as e:  # deep-translator raises anything; what the transport saw tells more
            outcome = _transport.outcome()
            if isinstance(outcome, requests.Response) and outcome.status_code in (401, 403):
                raise ProviderError(
                    f"{self.name} refused our requests (HTTP {outcome.status_code}); check the key"
                ) from None
            raise _failure(outcome, e) from None
        if not isinstance(answer, str) or not answer.strip():
            raise Failure("empty answer")
        if len(answer) > MAX_GROWTH * len(text) + 1000:
            raise Failure(f"answer of {len(answer):,} characters for {len(text):,}: not taken")
        return answer

    def translator(self) -> BaseTranslator:
        """This thread's deep-translator object, made on first use (Microsoft's asks the service for its languages)."""
        translator = getattr(self._local, "translator", None)
        if translator is None:
            # "auto" passes deep-translator's language checks, whose tables lag behind the
            # services; our codes are set right after.
            translator = _CLASSES[self.name](source="auto", target="auto", **self._arguments())
            translator.source, translator.target = self.source, self.target
            if self.name == "libre" and not self._secrets.get("api_key"):
                translator.api_key = None  # a keyless server: send no key
            self._local.translator = translator
        return translator

    def _arguments(self) -> dict[str, Any]:
        """What the provider's deep-translator class needs besides the languages."""
        options, secrets = self.settings.options, self._secrets
        if self.name == "libre":
            return {
                "api_key": secrets.get("api_key") or "-",
                "custom_url": (self.url or LIBRE_PUBLIC).rstrip("/") + "/",
            }
        if self.name == "mymemory":
            return {"email": options.get("email")}
        if self.name == "deepl":
            key = secrets["api_key"]
            return {"api_key": key, "use_free_api": bool(options.get("free", key.endswith(":fx")))}
        if self.name == "microsoft":
            return {"api_key": secrets["api_key"], "region": options.get("region")}
        if self.name == "baidu":
            return {"appid": secrets["appid"], "appkey": secrets["appkey"]}
        return {}


def _secrets(name: str, settings: Settings, env: Mapping[str, str]) -> dict[str, str]:
    """Keys from the environment, else from the settings; required ones must be there."""
    found = {}
    for option, variable in SECRETS.get(name, {}).items():
        value = env.get(variable) or settings.options.get(option)
        if value:
            found[option] = str(value)
        elif name != "libre":
            raise ProviderError(
                f"{name} needs {variable} in the environment (or {option} in [tool.l10n.translate.{name}])"
            )
    return found


def _failure(outcome: requests.Response | requests.RequestException | None, error: Exception) -> Failure:
    """What went wrong, judged from what the transport saw; never quotes keys or URLs."""
    if isinstance(outcome, TooLarge):
        return Failure(f"answer larger than {MAX_BODY:,} bytes: not taken")
    if isinstance(outcome, requests.Timeout):
        return Failure("timed out", transient=True)
    if isinstance(outcome, requests.ConnectionError):
        return Failure("cannot connect", transient=True)
    if isinstance(outcome, requests.RequestException):
        return Failure(f"connection failed ({type(outcome).__name__})", transient=True)
    if isinstance(outcome, requests.Response):
        status = outcome.status_code
        if status == 429 or status >= 500:
            return Failure(f"HTTP {status}", transient=True, retry_after=_retry_after(outcome))
        if not 200 <= status < 300:
            return Failure(f"HTTP {status}")
        return Failure(f"unexpected answer ({type(error).__name__})")
    return Failure(f"not sent ({type(error).__name__})")


def _shown(url: str) -> str:
    """An address without what may be secret in it: user and password, query and fragment."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _retry_after(response: requests.Response) -> float | None:
    try:
        return float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None


class TooLarge(requests.RequestException):
    """An answer larger than MAX_BODY."""


class _Transport:
    """Stands in for `requests` in deep-translator's modules: bounds the calling thread's request
    as a whole by its timeout (a server sending a byte a second is given up on when it is over,
    not only one silent for that long), refuses an answer larger than MAX_BODY, sends LibreTranslate's
    parameters (its key among them) in the body rather than the address, and notes what each
    thread's last request gave (a response or an error)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)

    def begin(self, timeout: float, in_body: bool = False) -> None:
        self._local.timeout = timeout
        self._local.in_body = in_body
        self._local.outcome = None

    def outcome(self) -> requests.Response | requests.RequestException | None:
        return getattr(self._local, "outcome", None)

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return self._send(requests.get, url, kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        if getattr(self._local, "in_body", False) and "params" in kwargs and not ({"data", "json"} & kwargs.keys()):
            kwargs["data"] = kwargs.pop("params")  # a form: the key and text stay out of logged addresses
        return self._send(requests.post, url, kwargs)

    def _send(self, method: Callable[..., requests.Response], url: str, kwargs: dict[str, Any]) -> requests.Response:
        timeout = getattr(self._local, "timeout", None) or 60.0
        kwargs.setdefault("timeout", timeout)
        kwargs["stream"] = True
        deadline = time.monotonic() + timeout
        done: queue.SimpleQueue[requests.Response | requests.RequestException] = queue.SimpleQueue()
        cancelled = threading.Event()

        def fetch() -> None:
            try:
                done.put(_read(method(url, **kwargs), deadline, cancelled))
            except requests.RequestException as e:
                done.put(e)
            except Exception as e:  # noqa: BLE001 - whatever it is, the caller hears of it
                done.put(requests.RequestException(repr(e)))

        threading.Thread(target=fetch, daemon=True, name="l10n-request").start()
        try:
            outcome = done.get(timeout=max(deadline - time.monotonic(), 0) + 0.5)
        except queue.Empty:
            cancelled.set()  # the request's thread closes the connection at its next read
            outcome = requests.Timeout("the whole request took longer than the timeout")
        self._local.outcome = outcome
        if isinstance(outcome, requests.RequestException):
            raise outcome
        return outcome


def _read(response: requests.Response, deadline: float, cancelled: threading.Event) -> requests.Response:
    """A streamed response read whole, unless it takes past `deadline` or grows past MAX_BODY."""
    try:
        body = bytearray()
        for chunk in response.iter_content(4096):
            body += chunk
            if len(body) > MAX_BODY:
                raise TooLarge(f"more than {MAX_BODY} bytes")
            if cancelled.is_set() or time.monotonic() > deadline:
                raise requests.Timeout("the whole request took longer than the timeout")
        response._content = bytes(body)
        response._content_consumed = True
        return response
    finally:
        response.close()


_transport = _Transport()
for _module in (
    deep_translator.google,
    deep_translator.mymemory,
    deep_translator.libre,
    deep_translator.deepl,
    deep_translator.microsoft,
    deep_translator.baidu,
):
    _module.requests = _transport  # type: ignore[attr-defined]


_CLASSES: dict[str, type[BaseTranslator]] = {
    "google": deep_translator.google.GoogleTranslator,
    "mymemory": deep_translator.mymemory.MyMemoryTranslator,
    "libre": deep_translator.libre.LibreTranslator,
    "deepl": deep_translator.deepl.DeeplTranslator,
    "microsoft": deep_translator.microsoft.MicrosoftTranslator,
    "baidu": deep_translator.baidu.BaiduTranslator,
}
