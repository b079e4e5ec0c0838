"""Hosts that readers in a region cannot reach, or not reliably: the list shipped for mainland
China, extended and trimmed by a project's settings.

An entry names a host as a domain suffix: it matches the host and every subdomain, and the
longest matching suffix wins (`www.gstatic.com`, "unreliable", over `gstatic.com`, "blocked"). A
host the project says readers can reach wins, at its own length, over the entries it would match.
Every entry keeps its source and the date it was checked, so that a reader of a report can judge it.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from ..digests import digest

CHINA = "cn"
# Where a locale's readers are: mainland China, or anywhere the web is the whole web.
REGIONS = (CHINA, "none")
KINDS = (
    "font",
    "stylesheet",
    "script",
    "analytics",
    "tag-manager",
    "ads",
    "video",
    "social",
    "map",
    "captcha",
    "avatar",
    "cdn",
    "other",
)
STATUSES = ("blocked", "unreliable")
_DATA = {CHINA: "cn-hosts.toml"}
_HOST = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}")
_FIELDS = ("host", "kind", "status", "source", "checked", "note", "name")


@dataclass(frozen=True)
class HostEntry:
    """A host (and its subdomains) readers cannot reach, or not reliably, and the evidence."""

    host: str
    kind: str  # what is loaded from it: one of KINDS
    status: str  # one of STATUSES
    source: str  # where the evidence is (public lists, reports), with their addresses
    checked: str  # ISO date the source shows
    note: str = ""
    name: str = ""  # the service's name, for placeholders ("YouTube")

    @property
    def service(self) -> str:
        """The service's name, or the host when the entry gives none."""
        return self.name or self.host

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in _FIELDS}


@dataclass(frozen=True)
class HostList:
    """A region's hosts: entries by host, and hosts readers can reach after all."""

    region: str
    entries: Mapping[str, HostEntry]
    reachable: frozenset[str] = frozenset()

    def match(self, host: str | None) -> HostEntry | None:
        """The entry for a host name (its longest listed suffix), or None when readers reach it.

        >>> hosts = shipped_list("cn")
        >>> hosts.match("www.youtube.com").host, hosts.match("fonts.gstatic.com").status
        ('youtube.com', 'unreliable')
        >>> hosts.match("notyoutube.com") is None, hosts.match("player.bilibili.com") is None
        (True, True)
        """
        if not host:
            return None
        labels = host.lower().rstrip(".").split(".")
        for start in range(len(labels)):
            suffix = ".".join(labels[start:])
            if suffix in self.reachable:
                return None
            found = self.entries.get(suffix)
            if found is not None:
                return found
        return None

    def match_address(self, address: str) -> HostEntry | None:
        """The entry for the host of an absolute (or scheme-relative) address, else None."""
        return self.match(host_of(address))

    @property
    def fingerprint(self) -> str:
        """A digest of all that decides what matches."""
        return digest(self.region, *(repr(self.entries[h]) for h in sorted(self.entries)), *sorted(self.reachable))


def host_of(address: str) -> str | None:
    """The host of an absolute http(s) or scheme-relative address; None for any other.

    >>> host_of("https://Fonts.GoogleAPIs.com/css2?family=Roboto"), host_of("//youtu.be/x"), host_of("a/b.png")
    ('fonts.googleapis.com', 'youtu.be', None)
    """
    address = address.strip(" \t\n\r\f")
    try:
        parts = urlsplit(address)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", "") or not host or not (parts.scheme or address.startswith("//")):
        return None
    return host.rstrip(".")


def parse_entry(table: object) -> HostEntry:
    """An entry from a TOML table (as the shipped list and `blocked_hosts` write them); a
    ValueError says what is wrong."""
    if not isinstance(table, dict):
        raise ValueError("an entry must be a table with host, kind, status, source and checked")
    unknown = sorted(set(table) - set(_FIELDS))
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (known: {', '.join(_FIELDS)})")
    host = table.get("host")
    if not isinstance(host, str) or not _HOST.fullmatch(host.lower().rstrip(".")):
        raise ValueError(f'host {host!r} is not a host name (e.g. "fonts.googleapis.com")')
    values: dict[str, str] = {"host": host.lower().rstrip(".")}
    for name, allowed in (("kind", KINDS), ("status", STATUSES)):
        value = table.get(name)
        if not isinstance(value, str) or value not in allowed:
            raise ValueError(f"{host}: {name} must be one of {', '.join(allowed)}, not {value!r}")
        values[name] = value
    source = table.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ValueError(f"{host}: source must say where the evidence is (a list, a report, a measurement)")
    values["source"] = source.strip()
    given = table.get("checked")
    checked = given.isoformat() if isinstance(given, dt.date) and not isinstance(given, dt.datetime) else given
    try:
        dt.date.fromisoformat(checked if isinstance(checked, str) else "")
    except ValueError:
        raise ValueError(f"{host}: checked must be the date the source was checked (YYYY-MM-DD)") from None
    values["checked"] = str(checked)
    for name in ("note", "name"):
        value = table.get(name, "")
        if not isinstance(value, str):
            raise ValueError(f"{host}: {name} must be text")
        values[name] = value
    return HostEntry(**values)


def parse_list(data: Mapping[str, Any]) -> list[HostEntry]:
    """The entries of a hosts file (its `[[group.NAME.hosts]]` tables), in order."""
    found = []
    for group in data.get("group", {}).values():
        for table in group.get("hosts", []):
            found.append(parse_entry(table))
    return found


@cache
def shipped(region: str) -> tuple[HostEntry, ...]:
    """The list l10n ships for a region (none for a region without one)."""
    name = _DATA.get(region)
    if name is None:
        return ()
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return tuple(parse_list(tomllib.loads(text)))


def shipped_list(region: str) -> HostList:
    return host_list(region)


def host_list(region: str, added: Iterable[HostEntry] = (), reachable: Iterable[str] = ()) -> HostList:
    """A region's hosts: the shipped entries, then `added` ones (a project's; replacing a shipped
    entry of the same host), less the hosts readers can reach."""
    entries = {entry.host: entry for entry in (*shipped(region), *added)}
    return HostList(region, entries, frozenset(h.lower().rstrip(".") for h in reachable))


def unmatched(region: str, added: Iterable[HostEntry], reachable: Iterable[str]) -> list[str]:
    """The hosts of `reachable` that no entry would match: a setting that changes nothing (a typo)."""
    hosts = host_list(region, added)
    return [host for host in reachable if hosts.match(host) is None]
