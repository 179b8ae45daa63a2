"""Access card codes: generation, normalisation, keyed hashing, QR codes.

A code is 9 characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L):
31**9 ≈ 2**44.6 possibilities, shown in three groups ("K7Q-PM3-XD9"). Only an HMAC of the
code is stored, keyed with CARD_HASH_KEY (default: SECRET_KEY), so changing that key voids
every card; teachers then reissue.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

import segno

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 9
GROUP = 3
_SEPARATORS = str.maketrans("", "", " -_.\u2010\u2011\u2012\u2013\u2014\u00a0\t")


class InvalidCode(ValueError):
    """The text cannot be an access card code."""


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise_code(text: str) -> str:
    """Accept any case, with or without dashes or spaces; raise InvalidCode otherwise."""
    code = text.translate(_SEPARATORS).upper()
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        raise InvalidCode(text)
    return code


def hash_code(code: str, key: str) -> str:
    return hmac.new(key.encode(), code.encode(), hashlib.sha256).hexdigest()


def qr_svg(url: str) -> str:
    """An inline SVG QR code (no inline styles, so the CSP holds)."""
    return segno.make(url, error="m").svg_inline(scale=3, border=2, dark="#1b1b1b", light="#ffffff", omitsize=True)
