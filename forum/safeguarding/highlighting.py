"""A child's text cut into pieces for display, each piece with the reasons the rules marked it for.

Spans come from a verdict's JSON (`{"start", "end", "reason", ...}`, indexes into the text as
typed) and may overlap when their reasons differ; the text is cut at every span edge so each piece
carries every reason that covers it. Used by the case page and the rules' "test the rules" box.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    reasons: tuple[str, ...] = ()


def segments(text: str, spans: Iterable[Mapping[str, Any]]) -> list[Segment]:
    """The whole text, in order, as pieces; a piece outside every span has no reasons.

    Spans that do not fit the text (a stale copy, a bad row) are ignored rather than trusted."""
    valid = [
        (int(span["start"]), int(span["end"]), str(span.get("reason", "")))
        for span in spans
        if isinstance(span.get("start"), int)
        and isinstance(span.get("end"), int)
        and 0 <= span["start"] < span["end"] <= len(text)
    ]
    cuts = sorted({0, len(text), *(start for start, _, _ in valid), *(end for _, end, _ in valid)})
    pieces: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        reasons = tuple(dict.fromkeys(reason for start, end, reason in valid if start <= left and right <= end))
        if pieces and pieces[-1].reasons == reasons:
            pieces[-1] = Segment(pieces[-1].text + text[left:right], reasons)
        else:
            pieces.append(Segment(text[left:right], reasons))
    return pieces
