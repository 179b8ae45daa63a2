"""Builders for the feedback tests: a closed consultation with a survey, a child's submitted response
or discussion post, and feedback (draft or published). Plain functions that flush (callers commit);
also used by the route matrix and the browser journey."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from forum.accounts.models import User
from forum.consultations.models import Consultation, ConsultationStatus
from forum.database import utcnow
from forum.discussions.models import Post, PostStatus, Topic
from forum.extensions import db
from forum.feedback import services
from forum.feedback.models import Feedback, Outcome
from forum.schools.models import Area
from forum.surveys.models import Response, ResponseStatus, Survey
from tests.surveys.conftest_taking import BANDS, make_consultation, make_survey

ONE_QUESTION = [
    {"key": "fun", "type": "yes_no", "text": {"vi": "Em có thích giờ ra chơi không?", "en": "Do you like break time?"}}
]
BAND_SUMMARIES = {
    "6-8": {"vi": "Các em sẽ được chơi ngoài sân lâu hơn.", "en": "You will get to play outside for longer."},
    "9-11": {"vi": "Trường sẽ giao ít bài tập hơn vào cuối tuần.", "en": "Schools will give less weekend homework."},
    "12-14": {"vi": "Sở sẽ hạn chế học thêm buổi tối.", "en": "The Department will limit evening extra classes."},
    "15-17": {"vi": "Hướng dẫn mới bảo vệ thời gian nghỉ của các em.", "en": "New guidance protects your rest time."},
}
POINTS = (
    services.PointInput(
        raised={"vi": "Giờ ra chơi dài hơn.", "en": "Longer break time."},
        outcome=Outcome.ADOPTED,
        explanation={"vi": "Giờ ra chơi tăng lên 20 phút.", "en": "Break time goes up to 20 minutes."},
    ),
    services.PointInput(
        raised={"vi": "Không có bài tập về nhà.", "en": "No homework at all."},
        outcome=Outcome.NOT_ADOPTED,
        explanation={
            "vi": "Một chút bài tập giúp các em ôn bài, nhưng cuối tuần sẽ không có bài tập.",
            "en": "A little homework helps you revise, but there will be none at weekends.",
        },
    ),
)


def make_closed_consultation(
    bands: Sequence[str] = (),
    areas: Iterable[Area] = (),
    status: ConsultationStatus = ConsultationStatus.CLOSED,
) -> Consultation:
    return make_consultation(bands=bands, areas=areas, status=status)


def make_survey_for(consultation: Consultation) -> Survey:
    return make_survey(consultation, ONE_QUESTION)


def submit_response(survey: Survey, child_id: int, status: ResponseStatus = ResponseStatus.SUBMITTED) -> Response:
    """A response as the survey pages leave it (answers are not needed to count as taking part)."""
    response = Response(
        survey=survey,
        child_id=child_id,
        status=status,
        draft={},
        submitted_at=utcnow() if status is ResponseStatus.SUBMITTED else None,
        age_band="9-11",
    )
    db.session.add(response)
    db.session.flush()
    return response


def make_post(consultation: Consultation, child_id: int) -> Post:
    topic = Topic(consultation=consultation, title={"vi": "Giờ ra chơi"}, prompt={"vi": "Em nghĩ gì?"})
    post = Post(topic=topic, author_id=child_id, body="Em muốn chơi lâu hơn.", status=PostStatus.PUBLISHED)
    db.session.add_all([topic, post])
    db.session.flush()
    return post


def make_feedback(
    consultation: Consultation,
    *,
    bands: Sequence[str] | None = None,
    points: Sequence[services.PointInput] = POINTS,
    publish: bool = False,
    actor: User | None = None,
) -> Feedback:
    """Feedback with the summaries of `bands` (default: every band it needs) and `points`."""
    feedback = services.start_feedback(consultation)
    needed = services.feedback_bands(consultation, BANDS)
    chosen = needed if bands is None else bands
    services.save_summaries(
        feedback,
        services.SummariesInput(
            summary={"vi": "Cảm ơn các em đã góp ý.", "en": "Thank you for your views."},
            band_summaries={band: BAND_SUMMARIES.get(band, {"vi": f"Tóm tắt {band}"}) for band in chosen},
        ),
        needed,
        actor,
    )
    for point in points:
        services.add_point(feedback, point, needed, actor)
    if publish:
        problems = services.publish_feedback(feedback, needed, actor)
        assert problems == [], problems
    return feedback
