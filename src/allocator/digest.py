"""The digest of allocator's caches (the compiled rule sets' keys, their entries' integrity, the
code stamp): BLAKE2b of 256 bits, from CPython's own module when it has one, so that a plain
`decide` does not load OpenSSL (importing hashlib does: about 3 ms of a cold start). BLAKE2b is a
cryptographic hash: a cache entry cannot be made to answer for other rule files.

The fingerprint of a rule set (`sha256:…`, the contract) is not computed here: a plain decision
reads it from the compiled entry."""

from __future__ import annotations

try:
    from _blake2 import blake2b as _blake2b  # what hashlib.blake2b is, without OpenSSL
except ImportError:  # an interpreter without it
    from hashlib import blake2b as _blake2b

#: The name of the digest where an entry records it.
NAME = "blake2b-256"


def hasher(data: bytes = b"") -> _blake2b:
    """A new digest of `data` (`update()` for more, `hexdigest()` for the result)."""
    return _blake2b(data, digest_size=32)
