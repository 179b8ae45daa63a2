"""A child's post text: read from a form, tidied after removing personal information, split into
highlighted pieces for the check step, and shown without characters that could hide words.

Pure functions: no Flask, no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Control characters other than line breaks and tabs (NUL cannot even be stored by PostgreSQL),
# surrogates: refused with a message. Format characters (zero-width, bidi controls) are accepted:
# the rules hold such a post, and `shown_text` drops them when the post is displayed.
REFUSED_CATEGORIES = frozenset({"Cc", "Cs"})
KEPT_CONTROLS = frozenset("\n\t")
HIDDEN_CATEGORIES = frozenset({"Cf", "Cc", "Cs", "Co", "Cn"})

_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"[ \t]+([,.;:!?)\]])")
_DANGLING_PUNCTUATION = re.compile(r"([,;:])\s*(?=[,;:.!?]|$)")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize_body(value: str) -> str:
    """NFC, one kind of line break, trimmed: what is counted, checked and stored."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


def has_refused_characters(text: str) -> bool:
    return any(unicodedata.category(ch) in REFUSED_CATEGORIES and ch not in KEPT_CONTROLS for ch in text)


def shown_text(text: str) -> str:
    """The text as readers see it: zero-width and direction-control characters removed, so they
    can neither hide nor reorder words."""
    return "".join(ch for ch in text if ch in KEPT_CONTROLS or unicodedata.category(ch) not in HIDDEN_CATEGORIES)


def remove_spans(text: str, spans: Iterable[Mapping[str, Any]], reason: str = "personal_info") -> str:
    """`text` without the characters of the spans with `reason`, with spaces and punctuation tidied."""
    ranges = sorted((int(span["start"]), int(span["end"])) for span in spans if span.get("reason") == reason)
    kept: list[str] = []
    position = 0
    for start, end in ranges:
        if start > position:
            kept.append(text[position:start])
        position = max(position, end)
    kept.append(text[position:])
    tidied = "\n".join(_tidy_line(line) for line in "".join(kept).split("\n"))
    return _BLANK_LINES.sub("\n\n", tidied).strip()


def _tidy_line(line: str) -> str:
    line = _SPACES.sub(" ", line)
    line = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", line)
    line = _DANGLING_PUNCTUATION.sub("", line)
    return line.strip()


@dataclass(frozen=True)
class Piece:
    """A run of the text; `reason` is set when the run is highlighted."""

    text: str
    reason: str | None = None

    @property
    def is_hidden_character(self) -> bool:
        return self.reason == "invisible_characters"


def highlighted(text: str, spans: Sequence[Mapping[str, Any]], reasons: Iterable[str]) -> list[Piece]:
    """The text cut into plain and highlighted pieces for the spans of `reasons` (overlaps merged,
    the first reason kept)."""
    wanted = set(reasons)
    chosen = sorted(
        ((int(s["start"]), int(s["end"]), str(s["reason"])) for s in spans if s.get("reason") in wanted),
        key=lambda item: (item[0], -item[1]),
    )
    pieces: list[Piece] = []
    position = 0
    for start, end, reason in chosen:
        start = max(start, position)
        end = min(end, len(text))
        if start >= end:
            continue
        if start > position:
            pieces.append(Piece(text[position:start]))
        pieces.append(Piece(text[start:end], reason))
        position = end
    if position < len(text):
        pieces.append(Piece(text[position:]))
    return pieces


def span_kind(span_text: str, reason: str) -> str:
    """What a highlighted span is, for its label: a phone number, an e-mail address, a link..."""
    if reason == "personal_info":
        if "@" in span_text and "." in span_text.split("@")[-1]:
            return "email"
        if sum(ch.isdigit() for ch in span_text) >= 7:
            return "phone"
        return "personal_info"
    return reason
