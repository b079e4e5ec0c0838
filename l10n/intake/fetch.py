"""Fetching a live page and its images over HTTP(S), with requests."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SourceError
from ..version import __version__

TIMEOUT = (10, 60)  # seconds to connect, and between bytes
PAGE_LIMIT = 20 * 1024 * 1024
IMAGE_LIMIT = 25 * 1024 * 1024
_HEADERS = {"User-Agent": f"l10n/{__version__} (a council's news, brought in for translation)"}


@dataclass
class Answer:
    """What an address answered: its bytes, media type and charset, and the address it ended at."""

    data: bytes
    media_type: str
    charset: str | None
    address: str


class FetchError(OSError):
    """An address that gave no usable answer."""


def get(address: str, limit: int) -> Answer:
    """The answer at `address`, following redirects; a FetchError saying why there is none."""
    import requests  # here: it loads slowly, and only `l10n add` of an address needs it

    try:
        with requests.get(address, headers=_HEADERS, timeout=TIMEOUT, stream=True) as response:
            if response.status_code >= 400:
                raise FetchError(f"it answered HTTP {response.status_code} {response.reason or ''}".rstrip())
            chunks, size = [], 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"it is larger than {limit // (1024 * 1024)} MB")
                chunks.append(chunk)
            kind = response.headers.get("Content-Type", "")
            media_type = kind.split(";")[0].strip().lower()
            charset = response.encoding if "charset" in kind.lower() else None
            return Answer(b"".join(chunks), media_type, charset, response.url)
    except requests.RequestException as e:
        raise FetchError(f"it did not answer ({_reason(e)})") from None


def page(address: str) -> Answer:
    """An HTML page at `address`; a SourceError naming it when there is none."""
    try:
        answer = get(address, PAGE_LIMIT)
    except FetchError as e:
        raise SourceError(f"cannot fetch the page: {e}", address) from None
    if answer.media_type not in ("text/html", "application/xhtml+xml", ""):
        raise SourceError(f"not an HTML page: it is {answer.media_type}", address)
    return answer


def image(address: str) -> tuple[bytes, str | None]:
    """An image's bytes and media type; a FetchError when there is none."""
    answer = get(address, IMAGE_LIMIT)
    if answer.media_type and not answer.media_type.startswith("image/"):
        raise FetchError(f"not an image: it is {answer.media_type}")
    return answer.data, answer.media_type or None


def _reason(error: Exception) -> str:
    """The last cause of a requests error, in a few words."""
    name = type(error).__name__
    words = {
        "ConnectTimeout": "no connection in time",
        "ReadTimeout": "no answer in time",
        "ConnectionError": "connection refused or closed",
        "SSLError": "its certificate could not be checked",
        "TooManyRedirects": "too many redirects",
        "InvalidURL": "not a valid address",
        "MissingSchema": "not a valid address",
    }
    if name == "ConnectionError" and "RemoteDisconnected" in str(error):
        return "the connection was closed without an answer"
    return words.get(name, name)
