"""SHA-256 and BLAKE2b without OpenSSL: importing `hashlib` initialises OpenSSL (about a tenth of
the instructions `python -c pass` takes, on every cold `ogi-check check`), while CPython's own C
implementations of these two start at once. Where they are missing (another build), `hashlib`'s."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same constructors, as typeshed types them
    from hashlib import blake2b, sha256
else:
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without its own BLAKE2
        from hashlib import blake2b
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:  # pragma: no cover - its name from 3.12 on; else OpenSSL's
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256

__all__ = ["blake2b", "sha256"]
