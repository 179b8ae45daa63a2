"""What a reader of feedback sees: each text in their language, and the summary written for their age.

Texts fall back to Vietnamese when the English is missing; each carries the language it is really
in, so the page marks it (`lang`) and screen readers and read-aloud use the right voice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from forum.feedback.models import Feedback, Outcome


@dataclass(frozen=True)
class Text:
    text: str
    lang: str


def localized(texts: Mapping[str, str] | None, locale: str) -> Text:
    """The text in `locale`, else in Vietnamese, else in any language it has."""
    texts = texts or {}
    for lang in (locale, "vi", *texts):
        if texts.get(lang):
            return Text(texts[lang], lang)
    return Text("", locale)


def _middle(band: str) -> float | None:
    low, _, high = band.partition("-")
    if not (low.isdigit() and high.isdigit()):
        return None
    return (int(low) + int(high)) / 2


def closest_band(band: str, choices: Iterable[str]) -> str | None:
    """The band among `choices` whose middle age is nearest `band`'s (the younger one on a tie)."""
    target = _middle(band)
    if target is None:
        return None
    ranked = [(abs(middle - target), middle, choice) for choice in choices if (middle := _middle(choice)) is not None]
    return min(ranked)[2] if ranked else None


def summary_for(feedback: Feedback, band: str | None) -> tuple[dict[str, str], str | None]:
    """The summary for `band`, else the closest band's, else the overall one (band None)."""
    written = {key: texts for key, texts in (feedback.band_summaries or {}).items() if texts}
    if band is not None:
        chosen = band if band in written else closest_band(band, written)
        if chosen is not None:
            return written[chosen], chosen
    return dict(feedback.summary or {}), None


@dataclass(frozen=True)
class ReaderPoint:
    number: int
    raised: Text
    outcome: Outcome
    explanation: Text


@dataclass(frozen=True)
class ReaderPage:
    feedback_id: int
    consultation_id: int
    title: Text
    summary: Text
    summary_band: str | None
    audience: Text
    points: list[ReaderPoint]
    published_at: datetime | None
    locale: str


def reader_page(feedback: Feedback, band: str | None, locale: str) -> ReaderPage:
    """Feedback as a child of `band` reads it in `locale` (band None: the overall summary)."""
    consultation = feedback.consultation
    summary, used = summary_for(feedback, band)
    return ReaderPage(
        feedback_id=feedback.id,
        consultation_id=consultation.id,
        title=localized(consultation.title, locale),
        summary=localized(summary, locale),
        summary_band=used,
        audience=localized(consultation.audience, locale),
        points=[
            ReaderPoint(
                number=index,
                raised=localized(point.raised, locale),
                outcome=point.outcome,
                explanation=localized(point.explanation, locale),
            )
            for index, point in enumerate(feedback.points, start=1)
        ],
        published_at=feedback.published_at,
        locale=locale,
    )
