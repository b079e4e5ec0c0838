"""Binary .mo files, as GNU msgfmt writes them: the reviewed translations of a catalog."""

from __future__ import annotations

import struct

from .pofile import Catalog

_MAGIC = 0x950412DE


def dump_mo(catalog: Catalog) -> bytes:
    """The .mo of a catalog: its header and reviewed entries, sorted by key (no hash table).

    >>> from l10n.catalogs.pofile import parse
    >>> import gettext, io
    >>> mo = dump_mo(parse('msgid ""\\nmsgstr "Content-Type: text/plain; charset=UTF-8\\\\n"\\n\\nmsgid "Hi"\\nmsgstr "你好"\\n'))
    >>> gettext.GNUTranslations(io.BytesIO(mo)).gettext("Hi")
    '你好'
    """
    header = "".join(f"{name}: {value}\n" for name, value in catalog.metadata.items())
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
    originals_at = 7 * 4
    translations_at = originals_at + 8 * count
    data_at = translations_at + 8 * count
    tables: list[int] = []
    blobs = bytearray()
    for strings in (keys, [messages[k] for k in keys]):
        for text in strings:
            tables += [len(text), data_at + len(blobs)]
            blobs += text + b"\0"
    head = struct.pack("<7I", _MAGIC, 0, count, originals_at, translations_at, 0, data_at)
    return head + struct.pack(f"<{4 * count}I", *tables) + bytes(blobs)
