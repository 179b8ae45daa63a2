"""Consultations: creating, opening and closing them, and finding what is open for a child."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from forum.accounts.models import User
from forum.consultations.models import Consultation, ConsultationStatus
from forum.extensions import db
from forum.schools.models import Area

# Which status may follow which. Feedback is published by the results pages.
TRANSITIONS: dict[ConsultationStatus, set[ConsultationStatus]] = {
    ConsultationStatus.DRAFT: {ConsultationStatus.OPEN},
    ConsultationStatus.OPEN: {ConsultationStatus.CLOSED},
    ConsultationStatus.CLOSED: {ConsultationStatus.OPEN, ConsultationStatus.FEEDBACK_PUBLISHED},
    ConsultationStatus.FEEDBACK_PUBLISHED: set(),
}


class ConsultationError(ValueError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass
class ConsultationInput:
    """What policy staff type: texts by language, summaries by band ({"6-8": {"vi": ...}})."""

    title: dict[str, str]
    policy_question: dict[str, str]
    opens_on: date
    closes_on: date
    purpose: dict[str, str] = field(default_factory=dict)
    audience: dict[str, str] = field(default_factory=dict)
    summaries: dict[str, dict[str, str]] = field(default_factory=dict)
    target_bands: list[str] = field(default_factory=list)
    feedback_by: date | None = None
    areas: Sequence[Area] = ()


def get_consultation(consultation_id: int) -> Consultation | None:
    return db.session.get(Consultation, consultation_id)


def list_consultations() -> list[Consultation]:
    return list(
        db.session.execute(
            sa.select(Consultation).order_by(Consultation.opens_on.desc(), Consultation.id.desc())
        ).scalars()
    )


def _texts(value: dict[str, str]) -> dict[str, str]:
    return {lang: text.strip() for lang, text in value.items() if lang in ("vi", "en") and text and text.strip()}


def save_consultation(
    consultation: Consultation | None, data: ConsultationInput, bands: Sequence[str], actor: User | None
) -> Consultation:
    """Create or update; `bands` are the configured band keys the targets must come from."""
    if not _texts(data.title).get("vi"):
        raise ConsultationError("title_missing")
    if not _texts(data.policy_question).get("vi"):
        raise ConsultationError("question_missing")
    if data.opens_on > data.closes_on:
        raise ConsultationError("dates_out_of_order")
    if data.feedback_by is not None and data.feedback_by < data.closes_on:
        raise ConsultationError("feedback_before_close")
    unknown = [band for band in data.target_bands if band not in bands]
    if unknown:
        raise ConsultationError("unknown_band", unknown[0])
    if consultation is None:
        consultation = Consultation(created_by=actor, status=ConsultationStatus.DRAFT)
        db.session.add(consultation)
    consultation.title = _texts(data.title)
    consultation.policy_question = _texts(data.policy_question)
    consultation.purpose = _texts(data.purpose)
    consultation.audience = _texts(data.audience)
    consultation.summaries = {
        band: texts for band, raw in data.summaries.items() if band in bands and (texts := _texts(raw))
    }
    consultation.target_bands = [band for band in bands if band in data.target_bands]
    consultation.opens_on = data.opens_on
    consultation.closes_on = data.closes_on
    consultation.feedback_by = data.feedback_by
    consultation.areas = list(data.areas)
    db.session.flush()
    return consultation


def change_status(consultation: Consultation, status: ConsultationStatus) -> None:
    if status not in TRANSITIONS[consultation.status]:
        raise ConsultationError("status_not_allowed", status.value)
    consultation.status = status
    db.session.flush()


def is_open(consultation: Consultation, today: date) -> bool:
    """Children can answer: opened by staff and today within its dates (inclusive)."""
    return consultation.status is ConsultationStatus.OPEN and consultation.opens_on <= today <= consultation.closes_on


def is_for(consultation: Consultation, band: str, area_id: int | None) -> bool:
    """Targeted at this age band and area (no bands or no areas means all)."""
    if consultation.target_bands and band not in consultation.target_bands:
        return False
    return not consultation.areas or any(area.id == area_id for area in consultation.areas)


def list_open_for(band: str, area_id: int | None, today: date) -> list[Consultation]:
    """Open consultations meant for a child of this band and area, nothing else."""
    candidates = db.session.execute(
        sa.select(Consultation)
        .where(
            Consultation.status == ConsultationStatus.OPEN,
            Consultation.opens_on <= today,
            Consultation.closes_on >= today,
        )
        .order_by(Consultation.closes_on, Consultation.id)
    ).scalars()
    return [c for c in candidates if is_for(c, band, area_id)]
