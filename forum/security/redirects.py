"""Redirect targets taken from requests are only ever local paths."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_safe_path(target: str | None) -> bool:
    """A path on this site: starts with one "/", no scheme, no host, no backslash tricks."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_path(target: str | None, fallback: str) -> str:
    return target if target is not None and is_safe_path(target) else fallback
