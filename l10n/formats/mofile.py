"""Binary .mo files: the reviewed translations of a catalog, laid out byte for byte as GNU msgfmt writes them.

msgfmt (write-mo.c) writes the header entry without its `POT-Creation-Date`, the messages sorted
by key (`msgctxt` EOT `msgid`), their lengths and offsets, a hash table of the keys (gettext's
`hash_string`, sized the least prime above four thirds of the messages, probed by double
hashing) and the strings, each ended by a NUL.
"""

from __future__ import annotations

import struct

from ..catalogs.catalog import Catalog

_MAGIC = 0x950412DE
_HEADER_SIZE = 7 * 4
_DROPPED_HEADER = "POT-Creation-Date"  # msgfmt leaves it out of the binary file


def dump_mo(catalog: Catalog) -> bytes:
    """The .mo of a catalog: its header and reviewed entries, as msgfmt writes them.

    >>> from l10n.formats.pofile import parse
    >>> import gettext, io
    >>> header = 'msgid ""\\nmsgstr "Content-Type: text/plain; charset=UTF-8\\\\n"\\n\\n'
    >>> mo = dump_mo(parse(header + 'msgid "Hi"\\nmsgstr "你好"\\n'))
    >>> gettext.GNUTranslations(io.BytesIO(mo)).gettext("Hi")
    '你好'
    """
    header = "".join(f"{name}: {value}\n" for name, value in catalog.metadata.items() if name != _DROPPED_HEADER)
    messages = {b"": header.encode("utf-8")}
    for entry in catalog.active():
        if not entry.reviewed:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is not None:
            key += "\0" + entry.msgid_plural
            value = "\0".join(text for _, text in sorted(entry.msgstr_plural.items()))
        else:
            value = entry.msgstr
        messages[key.encode("utf-8")] = value.encode("utf-8")
    keys = sorted(messages)
    count = len(keys)
    size = _hash_size(count)
    originals_at = _HEADER_SIZE
    translations_at = originals_at + 8 * count
    hash_at = translations_at + 8 * count
    data_at = hash_at + 4 * size
    tables: list[int] = []
    blobs = bytearray()
    for strings in (keys, [messages[k] for k in keys]):
        for text in strings:
            tables += [len(text), data_at + len(blobs)]
            blobs += text + b"\0"
    head = struct.pack("<7I", _MAGIC, 0, count, originals_at, translations_at, size, hash_at)
    return head + struct.pack(f"<{4 * count}I", *tables) + _hash_table(keys, size) + bytes(blobs)


def _hash_size(count: int) -> int:
    """msgfmt's hash table size: the least prime at or above 4/3 of the messages, at least 3."""
    size = max(3, count * 4 // 3)
    while any(size % d == 0 for d in range(2, int(size**0.5) + 1)):
        size += 1
    return size


def _hash_string(key: bytes) -> int:
    """gettext's hash_string (a variant of hashpjw), over the key up to its first NUL."""
    value = 0
    for byte in key.split(b"\0", 1)[0]:
        value = ((value << 4) + byte) & 0xFFFFFFFF
        high = value & 0xF0000000
        if high:
            value ^= high >> 24
            value ^= high
    return value


def _hash_table(keys: list[bytes], size: int) -> bytes:
    """Each key's number (from 1) at the slot its hash gives, collisions resolved by double hashing."""
    table = [0] * size
    for number, key in enumerate(keys, 1):
        value = _hash_string(key)
        slot = value % size
        step = 1 + value % (size - 2)
        while table[slot]:
            slot = slot - (size - step) if slot >= size - step else slot + step
        table[slot] = number
    return struct.pack(f"<{size}I", *table)
