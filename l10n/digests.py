"""Short stable digests of bytes and strings: fingerprints of work, ids of exported units."""

from __future__ import annotations

import hashlib


def digest(*parts: bytes | str) -> str:
    """A short stable hash of some bytes and strings."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()
