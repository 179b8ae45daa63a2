"""Feedback to children for a closed consultation ("you said, we did"): writing, publishing, reading.

Policy staff write it once the consultation is closed: an overall summary, a child-friendly summary
per target age band, and ordered points (what children raised, the outcome, and why). Publishing
needs every band's Vietnamese summary and at least one point, and moves the consultation to
"feedback published". Published feedback can still be corrected; each correction is audited and
must keep it complete.

Who reads published feedback (decided here; every page asks these functions):

* children who took part (a submitted response to one of the consultation's surveys, or a post in
  one of its discussion topics), whatever their age band is now;
* any other child the consultation was meant for (its age bands and areas): feedback is public
  within the consultation's target, so the poster printed for a school can be read by every pupil
  there. Both see it on their home page, marked new until they open it;
* teachers whose school is in the consultation's areas, to print it; policy staff, always;
* nobody else: to other children it does not exist (404).

Functions flush, never commit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.accounts.models import User
from forum.audit.services import AuditAction, record_event
from forum.consultations.models import Consultation, ConsultationStatus
from forum.consultations.services import change_status, is_for
from forum.database import utcnow
from forum.discussions.models import Post, Topic
from forum.extensions import db
from forum.feedback.models import Feedback, FeedbackPoint, FeedbackView, Outcome
from forum.surveys.models import Response, ResponseStatus, Survey

LANGUAGES = ("vi", "en")
# Feedback is written after the consultation closes, and corrected after it is published.
WRITABLE = frozenset({ConsultationStatus.CLOSED, ConsultationStatus.FEEDBACK_PUBLISHED})
# Outcomes children must be given a reason for.
NEEDS_REASON = frozenset({Outcome.NOT_ADOPTED, Outcome.PARTLY_ADOPTED})
MAX_POINTS = 40
MAX_SUMMARY = 2000
MAX_RAISED = 500
MAX_EXPLANATION = 2000


@dataclass(frozen=True)
class Problem:
    """Why feedback cannot be published: `band` names a missing summary, `position` (from 1) a point."""

    code: str
    band: str | None = None
    position: int | None = None


class FeedbackError(ValueError):
    """A refused change. `code` names it; `problems` lists what a published feedback would lack."""

    def __init__(self, code: str, detail: str = "", problems: Sequence[Problem] = ()) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail
        self.problems = list(problems)


@dataclass(frozen=True)
class SummariesInput:
    """Texts by language: the overall summary, and one per age band ({"6-8": {"vi": ...}})."""

    summary: dict[str, str] = field(default_factory=dict)
    band_summaries: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class PointInput:
    raised: dict[str, str]
    outcome: Outcome
    explanation: dict[str, str] = field(default_factory=dict)


# Reading ----------------------------------------------------------------------------------


def get_feedback(feedback_id: int) -> Feedback | None:
    return db.session.get(Feedback, feedback_id)


def get_feedback_of(consultation: Consultation) -> Feedback | None:
    return db.session.execute(
        sa.select(Feedback).where(Feedback.consultation_id == consultation.id)
    ).scalar_one_or_none()


def feedback_bands(consultation: Consultation, configured: Sequence[str]) -> list[str]:
    """The bands that need a summary: the consultation's, else every configured band."""
    return list(consultation.target_bands or configured)


def is_published(feedback: Feedback) -> bool:
    return feedback.published_at is not None


def is_writable(feedback: Feedback) -> bool:
    return feedback.consultation.status in WRITABLE


@dataclass(frozen=True)
class OverviewRow:
    consultation: Consultation
    feedback: Feedback | None
    points: int

    @property
    def state(self) -> str:
        """ "waiting" (not closed yet), "not_started", "draft" or "published"."""
        if self.feedback is not None and self.feedback.published_at is not None:
            return "published"
        if self.feedback is not None:
            return "draft"
        if self.consultation.status in WRITABLE:
            return "not_started"
        return "waiting"


def list_overview() -> list[OverviewRow]:
    """Every consultation with its feedback (if any) and its number of points, newest first."""
    counts = (
        sa.select(FeedbackPoint.feedback_id, sa.func.count().label("n")).group_by(FeedbackPoint.feedback_id).subquery()
    )
    rows = db.session.execute(
        sa.select(Consultation, Feedback, sa.func.coalesce(counts.c.n, 0))
        .outerjoin(Feedback, Feedback.consultation_id == Consultation.id)
        .outerjoin(counts, counts.c.feedback_id == Feedback.id)
        .order_by(Consultation.closes_on.desc(), Consultation.id.desc())
    ).all()
    return [OverviewRow(consultation, feedback, int(points)) for consultation, feedback, points in rows]


# Writing ----------------------------------------------------------------------------------


def _texts(value: Mapping[str, str] | None) -> dict[str, str]:
    return {lang: text.strip() for lang, text in (value or {}).items() if lang in LANGUAGES and text and text.strip()}


def _check_texts(texts: dict[str, str], max_length: int) -> None:
    """English alone is refused: Vietnamese is what children read first."""
    if texts and not texts.get("vi"):
        raise FeedbackError("vietnamese_missing")
    if any(len(text) > max_length for text in texts.values()):
        raise FeedbackError("too_long")


def start_feedback(consultation: Consultation) -> Feedback:
    """The consultation's feedback, created empty the first time (safe against a second tab)."""
    existing = get_feedback_of(consultation)
    if existing is not None:
        return existing
    if consultation.status is not ConsultationStatus.CLOSED:
        raise FeedbackError("consultation_not_closed")
    try:
        with db.session.begin_nested():
            feedback = Feedback(consultation=consultation, summary={}, band_summaries={})
            db.session.add(feedback)
    except sa.exc.IntegrityError:
        found = get_feedback_of(consultation)
        if found is None:
            raise
        return found
    return feedback


def _ensure_writable(feedback: Feedback) -> None:
    if not is_writable(feedback):
        raise FeedbackError("consultation_not_closed")


def _after_change(feedback: Feedback, bands: Sequence[str], actor: User | None, what: str) -> None:
    """A correction to published feedback must keep it complete, and is recorded."""
    feedback.updated_at = utcnow()
    db.session.flush()
    if not is_published(feedback):
        return
    problems = publish_problems(feedback, bands)
    if problems:
        raise FeedbackError("published_incomplete", problems=problems)
    record_event(
        AuditAction.FEEDBACK_CHANGED,
        actor=actor,
        target=f"consultation #{feedback.consultation_id}",
        detail=f"feedback #{feedback.id}: {what}",
    )


def save_summaries(feedback: Feedback, data: SummariesInput, bands: Sequence[str], actor: User | None) -> None:
    """Replace the overall and band summaries; bands outside `bands` are dropped."""
    _ensure_writable(feedback)
    summary = _texts(data.summary)
    _check_texts(summary, MAX_SUMMARY)
    band_summaries = {}
    for band in bands:
        texts = _texts(data.band_summaries.get(band))
        _check_texts(texts, MAX_SUMMARY)
        if texts:
            band_summaries[band] = texts
    feedback.summary = summary
    feedback.band_summaries = band_summaries
    _after_change(feedback, bands, actor, "summaries changed")


def _checked_point(data: PointInput) -> tuple[dict[str, str], Outcome, dict[str, str]]:
    raised, explanation = _texts(data.raised), _texts(data.explanation)
    if not raised.get("vi"):
        raise FeedbackError("raised_missing")
    if not isinstance(data.outcome, Outcome):
        raise FeedbackError("unknown_outcome")
    if data.outcome in NEEDS_REASON and not explanation.get("vi"):
        raise FeedbackError("explanation_missing")
    _check_texts(raised, MAX_RAISED)
    _check_texts(explanation, MAX_EXPLANATION)
    return raised, data.outcome, explanation


def get_point(feedback: Feedback, point_id: int) -> FeedbackPoint:
    """A point of this feedback; another feedback's point is unknown here."""
    point = next((p for p in feedback.points if p.id == point_id), None)
    if point is None:
        raise FeedbackError("unknown_point", str(point_id))
    return point


def add_point(feedback: Feedback, data: PointInput, bands: Sequence[str], actor: User | None) -> FeedbackPoint:
    _ensure_writable(feedback)
    raised, outcome, explanation = _checked_point(data)
    if len(feedback.points) >= MAX_POINTS:
        raise FeedbackError("too_many_points")
    point = FeedbackPoint(position=len(feedback.points), raised=raised, outcome=outcome, explanation=explanation)
    feedback.points.append(point)
    _after_change(feedback, bands, actor, "point added")
    return point


def update_point(
    feedback: Feedback, point_id: int, data: PointInput, bands: Sequence[str], actor: User | None
) -> FeedbackPoint:
    point = get_point(feedback, point_id)
    _ensure_writable(feedback)
    point.raised, point.outcome, point.explanation = _checked_point(data)
    _after_change(feedback, bands, actor, f"point {point.position + 1} changed")
    return point


def _renumber(feedback: Feedback, points: list[FeedbackPoint]) -> None:
    for position, point in enumerate(points):
        point.position = position
    feedback.points = points


def move_point(feedback: Feedback, point_id: int, offset: int, bands: Sequence[str], actor: User | None) -> None:
    point = get_point(feedback, point_id)
    _ensure_writable(feedback)
    points = list(feedback.points)
    index = points.index(point)
    target = min(max(index + offset, 0), len(points) - 1)
    points.insert(target, points.pop(index))
    _renumber(feedback, points)
    _after_change(feedback, bands, actor, f"point moved from {index + 1} to {target + 1}")


def delete_point(feedback: Feedback, point_id: int, bands: Sequence[str], actor: User | None) -> None:
    point = get_point(feedback, point_id)
    _ensure_writable(feedback)
    number = point.position + 1
    _renumber(feedback, [p for p in feedback.points if p is not point])
    _after_change(feedback, bands, actor, f"point {number} deleted")


def publish_problems(feedback: Feedback, bands: Sequence[str]) -> list[Problem]:
    """Everything that stops publication, all at once."""
    problems = []
    if feedback.consultation.status not in WRITABLE:
        problems.append(Problem("consultation_not_closed"))
    for band in bands:
        if not (feedback.band_summaries.get(band) or {}).get("vi"):
            problems.append(Problem("band_summary_missing", band=band))
    if not feedback.points:
        problems.append(Problem("no_points"))
    for point in feedback.points:
        reasonless = point.outcome in NEEDS_REASON and not (point.explanation or {}).get("vi")
        if not (point.raised or {}).get("vi") or reasonless:
            problems.append(Problem("point_incomplete", position=point.position + 1))
    return problems


def publish_feedback(feedback: Feedback, bands: Sequence[str], actor: User | None) -> list[Problem]:
    """Publish and move the consultation to "feedback published", or return every problem and change
    nothing. The flip is one conditional UPDATE, so of two racing publishes exactly one succeeds."""
    if is_published(feedback):
        raise FeedbackError("already_published")
    problems = publish_problems(feedback, bands)
    if problems:
        return problems
    flipped = db.session.execute(
        sa.update(Feedback)
        .where(Feedback.id == feedback.id, Feedback.published_at.is_(None))
        .values(published_at=utcnow(), published_by_id=actor.id if actor else None, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if flipped != 1:
        raise FeedbackError("already_published")
    db.session.expire(feedback)
    change_status(feedback.consultation, ConsultationStatus.FEEDBACK_PUBLISHED)
    record_event(
        AuditAction.FEEDBACK_PUBLISHED,
        actor=actor,
        target=f"consultation #{feedback.consultation_id}",
        detail=f"feedback #{feedback.id}, {len(feedback.points)} points",
    )
    return []


# Readers ----------------------------------------------------------------------------------


def consultations_taken_part_in(child_id: int) -> set[int]:
    """Consultations the child submitted a survey response to, or posted in."""
    responded = (
        sa.select(Survey.consultation_id)
        .join(Response, Response.survey_id == Survey.id)
        .where(Response.child_id == child_id, Response.status == ResponseStatus.SUBMITTED)
    )
    posted = sa.select(Topic.consultation_id).join(Post, Post.topic_id == Topic.id).where(Post.author_id == child_id)
    return set(db.session.execute(sa.union(responded, posted)).scalars())


def took_part(consultation_id: int, child_id: int) -> bool:
    return consultation_id in consultations_taken_part_in(child_id)


def may_child_read(feedback: Feedback, child_id: int, band: str, area_id: int | None) -> bool:
    """Published, and the child took part or was in the consultation's target."""
    if not is_published(feedback):
        return False
    return is_for(feedback.consultation, band, area_id) or took_part(feedback.consultation_id, child_id)


def may_staff_read(feedback: Feedback, user: User, may_publish: bool) -> bool:
    """Policy staff read any feedback (drafts too); a teacher, published feedback meant for their school's area."""
    if may_publish:
        return True
    school = user.school
    if not is_published(feedback) or school is None:
        return False
    areas = feedback.consultation.areas
    return not areas or any(area.id == school.area_id for area in areas)


def _published() -> list[Feedback]:
    return list(
        db.session.execute(
            sa.select(Feedback)
            .where(Feedback.published_at.is_not(None))
            .options(selectinload(Feedback.consultation).selectinload(Consultation.areas))
            .order_by(Feedback.published_at.desc(), Feedback.id.desc())
        ).scalars()
    )


@dataclass(frozen=True)
class ChildFeedback:
    feedback: Feedback
    is_new: bool
    took_part: bool


def list_for_child(child_id: int, band: str, area_id: int | None) -> list[ChildFeedback]:
    """Published feedback the child may read: not yet opened first, then the newest."""
    taken = consultations_taken_part_in(child_id)
    seen = set(
        db.session.execute(sa.select(FeedbackView.feedback_id).where(FeedbackView.child_id == child_id)).scalars()
    )
    items = [
        ChildFeedback(feedback, feedback.id not in seen, feedback.consultation_id in taken)
        for feedback in _published()
        if feedback.consultation_id in taken or is_for(feedback.consultation, band, area_id)
    ]
    return sorted(items, key=lambda item: not item.is_new)


def list_for_teacher(teacher: User) -> list[Feedback]:
    return [feedback for feedback in _published() if may_staff_read(feedback, teacher, may_publish=False)]


def has_seen(feedback: Feedback, child_id: int) -> bool:
    return (
        db.session.execute(
            sa.select(FeedbackView.child_id).where(
                FeedbackView.feedback_id == feedback.id, FeedbackView.child_id == child_id
            )
        ).first()
        is not None
    )


def record_view(feedback: Feedback, child_id: int) -> bool:
    """The first time a child opens the feedback it stops being new to them. True when recorded now."""
    if has_seen(feedback, child_id):
        return False
    try:
        with db.session.begin_nested():
            db.session.add(FeedbackView(feedback_id=feedback.id, child_id=child_id))
    except sa.exc.IntegrityError:
        return False
    return True
