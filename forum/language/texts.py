"""Texts that staff write in both languages, stored as {"vi": ..., "en": ...}."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def in_language(texts: Mapping[str, Any] | None, locale: str) -> str:
    """The text in the reader's language, falling back to Vietnamese, then to any language."""
    if not texts:
        return ""
    return texts.get(locale) or texts.get("vi") or next((t for t in texts.values() if t), "")
