"""Feedback services: writing, the publish check, corrections after publication, and who may read."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEvent
from forum.consultations import services as consultations
from forum.consultations.models import ConsultationStatus
from forum.extensions import db
from forum.feedback import services
from forum.feedback.models import Feedback, FeedbackPoint, Outcome
from forum.feedback.reading import closest_band, localized, reader_page, summary_for
from forum.schools.models import School
from forum.surveys.models import ResponseStatus
from tests.feedback.builders import (
    BAND_SUMMARIES,
    POINTS,
    make_closed_consultation,
    make_feedback,
    make_post,
    make_survey_for,
    submit_response,
)
from tests.surveys.conftest_taking import BANDS

ADOPTED = services.PointInput(raised={"vi": "Thêm cây xanh."}, outcome=Outcome.ADOPTED)


@pytest.fixture
def ctx(app):  # type: ignore[no-untyped-def]
    with app.app_context():
        yield
        db.session.rollback()


@pytest.mark.parametrize("status", [ConsultationStatus.DRAFT, ConsultationStatus.OPEN])
def test_feedback_waits_for_the_consultation_to_close(ctx, status):
    consultation = make_closed_consultation(status=status)
    with pytest.raises(services.FeedbackError) as refused:
        services.start_feedback(consultation)
    assert refused.value.code == "consultation_not_closed"
    assert db.session.execute(sa.select(sa.func.count()).select_from(Feedback)).scalar_one() == 0


def test_starting_twice_gives_the_same_feedback(ctx):
    consultation = make_closed_consultation()
    assert services.start_feedback(consultation).id == services.start_feedback(consultation).id


def test_bands_needing_a_summary_are_the_consultations_else_every_configured_one(ctx):
    assert services.feedback_bands(make_closed_consultation(bands=["6-8", "12-14"]), BANDS) == ["6-8", "12-14"]
    assert services.feedback_bands(make_closed_consultation(), BANDS) == BANDS


def test_summaries_are_trimmed_and_other_bands_dropped(ctx):
    consultation = make_closed_consultation(bands=["6-8"])
    feedback = services.start_feedback(consultation)
    services.save_summaries(
        feedback,
        services.SummariesInput(
            summary={"vi": "  Tóm tắt  ", "en": " ", "fr": "Résumé"},
            band_summaries={"6-8": {"vi": "Em nhỏ"}, "15-17": {"vi": "Không dùng"}},
        ),
        ["6-8"],
        None,
    )
    assert feedback.summary == {"vi": "Tóm tắt"}
    assert feedback.band_summaries == {"6-8": {"vi": "Em nhỏ"}}


def test_english_alone_is_refused(ctx):
    feedback = services.start_feedback(make_closed_consultation())
    with pytest.raises(services.FeedbackError) as refused:
        services.save_summaries(feedback, services.SummariesInput(summary={"en": "Only English"}), BANDS, None)
    assert refused.value.code == "vietnamese_missing"


@pytest.mark.parametrize(
    ("point", "code"),
    [
        (services.PointInput(raised={"vi": "  "}, outcome=Outcome.ADOPTED), "raised_missing"),
        (services.PointInput(raised={"en": "English only"}, outcome=Outcome.ADOPTED), "raised_missing"),
        (services.PointInput(raised={"vi": "Không bài tập"}, outcome=Outcome.NOT_ADOPTED), "explanation_missing"),
        (
            services.PointInput(raised={"vi": "Ít bài"}, outcome=Outcome.PARTLY_ADOPTED, explanation={"en": "Why"}),
            "explanation_missing",
        ),
        (
            services.PointInput(raised={"vi": "Ý kiến"}, outcome=Outcome.ADOPTED, explanation={"en": "Done"}),
            "vietnamese_missing",
        ),
        (services.PointInput(raised={"vi": "x" * 501}, outcome=Outcome.ADOPTED), "too_long"),
        (services.PointInput(raised={"vi": "Ý kiến"}, outcome="adopted"), "unknown_outcome"),  # type: ignore[arg-type]
    ],
)
def test_a_point_needs_what_was_said_and_a_reason_when_not_adopted(ctx, point, code):
    feedback = services.start_feedback(make_closed_consultation())
    with pytest.raises(services.FeedbackError) as refused:
        services.add_point(feedback, point, BANDS, None)
    assert refused.value.code == code
    assert feedback.points == []


def test_an_adopted_or_pending_point_needs_no_reason(ctx):
    feedback = services.start_feedback(make_closed_consultation())
    services.add_point(feedback, ADOPTED, BANDS, None)
    pending = services.PointInput(raised={"vi": "Sân bóng"}, outcome=Outcome.UNDER_CONSIDERATION)
    services.add_point(feedback, pending, BANDS, None)
    assert [p.outcome for p in feedback.points] == [Outcome.ADOPTED, Outcome.UNDER_CONSIDERATION]


def test_points_are_added_at_the_end_moved_and_deleted_in_order(ctx):
    feedback = services.start_feedback(make_closed_consultation())
    for text in ("một", "hai", "ba"):
        services.add_point(feedback, services.PointInput({"vi": text}, Outcome.ADOPTED), BANDS, None)
    first, second, third = feedback.points
    services.move_point(feedback, third.id, -1, BANDS, None)
    services.move_point(feedback, first.id, -1, BANDS, None)  # already first: stays
    db.session.expire_all()
    assert [p.raised["vi"] for p in feedback.points] == ["một", "ba", "hai"]
    services.delete_point(feedback, first.id, BANDS, None)
    db.session.expire_all()
    assert [(p.position, p.raised["vi"]) for p in feedback.points] == [(0, "ba"), (1, "hai")]
    assert db.session.get(FeedbackPoint, first.id) is None


def test_another_feedbacks_point_is_unknown(ctx):
    mine = make_feedback(make_closed_consultation())
    other = make_feedback(make_closed_consultation())
    stranger = other.points[0].id
    for change in (
        lambda: services.update_point(mine, stranger, ADOPTED, BANDS, None),
        lambda: services.move_point(mine, stranger, 1, BANDS, None),
        lambda: services.delete_point(mine, stranger, BANDS, None),
    ):
        with pytest.raises(services.FeedbackError) as refused:
            change()
        assert refused.value.code == "unknown_point"
    assert len(other.points) == 2


def test_the_publish_check_lists_every_problem_and_changes_nothing(ctx):
    consultation = make_closed_consultation(bands=["6-8", "9-11", "12-14"])
    feedback = make_feedback(consultation, bands=["9-11"], points=())
    problems = services.publish_feedback(feedback, ["6-8", "9-11", "12-14"], None)
    assert problems == [
        services.Problem("band_summary_missing", band="6-8"),
        services.Problem("band_summary_missing", band="12-14"),
        services.Problem("no_points"),
    ]
    assert feedback.published_at is None
    assert consultation.status is ConsultationStatus.CLOSED


def test_publishing_sets_who_and_when_moves_the_consultation_and_is_audited(app, ctx, world):
    policy = db.session.get(User, world.policy.id)
    consultation = make_closed_consultation()
    feedback = make_feedback(consultation)
    assert services.publish_feedback(feedback, BANDS, policy) == []
    assert feedback.published_at is not None and feedback.published_by_id == policy.id
    assert consultation.status is ConsultationStatus.FEEDBACK_PUBLISHED
    event = db.session.execute(sa.select(AuditEvent).where(AuditEvent.action == "feedback_published")).scalar_one()
    assert event.actor_id == policy.id and event.target == f"consultation #{consultation.id}"
    with pytest.raises(services.FeedbackError) as again:
        services.publish_feedback(feedback, BANDS, policy)
    assert again.value.code == "already_published"


def test_a_reopened_consultation_cannot_be_published_or_edited(ctx):
    consultation = make_closed_consultation()
    feedback = make_feedback(consultation)
    consultations.change_status(consultation, ConsultationStatus.OPEN)
    assert services.Problem("consultation_not_closed") in services.publish_feedback(feedback, BANDS, None)
    with pytest.raises(services.FeedbackError) as refused:
        services.add_point(feedback, ADOPTED, BANDS, None)
    assert refused.value.code == "consultation_not_closed"


def test_corrections_after_publication_are_audited_and_keep_it_complete(ctx, world):
    policy = db.session.get(User, world.policy.id)
    feedback = make_feedback(make_closed_consultation(bands=["9-11"]), points=POINTS[:1], publish=True)
    services.update_point(
        feedback, feedback.points[0].id, services.PointInput({"vi": "Sửa lại"}, Outcome.ADOPTED), ["9-11"], policy
    )
    changed = db.session.execute(sa.select(AuditEvent).where(AuditEvent.action == "feedback_changed")).scalars()
    assert [e.detail for e in changed] == [f"feedback #{feedback.id}: point 1 changed"]
    db.session.commit()
    with pytest.raises(services.FeedbackError) as emptied:
        services.delete_point(feedback, feedback.points[0].id, ["9-11"], policy)
    assert emptied.value.code == "published_incomplete"
    assert emptied.value.problems == [services.Problem("no_points")]
    db.session.rollback()
    feedback = db.session.get(Feedback, feedback.id)
    with pytest.raises(services.FeedbackError) as unsummarised:
        services.save_summaries(feedback, services.SummariesInput(summary={"vi": "Chung"}), ["9-11"], policy)
    assert unsummarised.value.problems == [services.Problem("band_summary_missing", band="9-11")]


def test_drafts_are_not_audited(ctx):
    make_feedback(make_closed_consultation())
    assert db.session.execute(sa.select(sa.func.count()).select_from(AuditEvent)).scalar_one() == 0


# Readers ----------------------------------------------------------------------------------


def _area_of(world) -> int:  # type: ignore[no-untyped-def]
    return db.session.get(School, world.school_id).area_id


def test_taking_part_means_a_submitted_response_or_a_post(ctx, world):
    consultation = make_closed_consultation()
    survey = make_survey_for(consultation)
    submit_response(survey, world.young_child.id, ResponseStatus.DRAFT)
    assert not services.took_part(consultation.id, world.young_child.id)
    submit_response(survey, world.child.id)
    make_post(consultation, world.other_child.id)
    assert services.took_part(consultation.id, world.child.id)
    assert services.took_part(consultation.id, world.other_child.id)
    assert services.consultations_taken_part_in(world.child.id) == {consultation.id}


def test_who_may_read_published_feedback(ctx, world):
    area = db.session.get(School, world.school_id).area
    consultation = make_closed_consultation(bands=["9-11"], areas=[area])
    feedback = make_feedback(consultation, publish=False)
    assert not services.may_child_read(feedback, world.child.id, "9-11", area.id)  # a draft: nobody
    services.publish_feedback(feedback, ["9-11"], None)
    assert services.may_child_read(feedback, world.child.id, "9-11", area.id)  # in the target
    assert not services.may_child_read(feedback, world.young_child.id, "6-8", area.id)  # another band
    assert not services.may_child_read(feedback, world.other_child.id, "9-11", area.id + 1000)  # another area
    make_post(consultation, world.young_child.id)
    assert services.may_child_read(feedback, world.young_child.id, "6-8", area.id)  # took part: always


def test_teachers_read_published_feedback_for_their_schools_area(ctx, world):
    area = db.session.get(School, world.school_id).area
    feedback = make_feedback(make_closed_consultation(areas=[area]))
    teacher, other = db.session.get(User, world.teacher.id), db.session.get(User, world.other_teacher.id)
    assert services.may_staff_read(feedback, teacher, may_publish=True)  # policy staff: drafts too
    assert not services.may_staff_read(feedback, teacher, may_publish=False)
    services.publish_feedback(feedback, BANDS, None)
    assert services.may_staff_read(feedback, teacher, may_publish=False)
    assert not services.may_staff_read(feedback, other, may_publish=False)
    assert services.list_for_teacher(teacher) == [feedback]
    assert services.list_for_teacher(other) == []


def test_new_until_opened_and_opened_once(ctx, world):
    area_id = _area_of(world)
    first = make_feedback(make_closed_consultation(), publish=True)
    second = make_feedback(make_closed_consultation(), publish=True)
    survey = make_survey_for(first.consultation)
    submit_response(survey, world.child.id)
    items = services.list_for_child(world.child.id, "9-11", area_id)
    assert [(i.feedback.id, i.is_new, i.took_part) for i in items] == [(second.id, True, False), (first.id, True, True)]
    assert services.record_view(second, world.child.id) is True
    assert services.record_view(second, world.child.id) is False
    items = services.list_for_child(world.child.id, "9-11", area_id)
    assert [(i.feedback.id, i.is_new) for i in items] == [(first.id, True), (second.id, False)]
    assert [i.is_new for i in services.list_for_child(world.young_child.id, "6-8", area_id)] == [True, True]


def test_overview_states(ctx):
    waiting = make_closed_consultation(status=ConsultationStatus.OPEN)
    not_started = make_closed_consultation()
    draft = make_feedback(make_closed_consultation())
    published = make_feedback(make_closed_consultation(), publish=True)
    states = {row.consultation.id: (row.state, row.points) for row in services.list_overview()}
    assert states == {
        waiting.id: ("waiting", 0),
        not_started.id: ("not_started", 0),
        draft.consultation_id: ("draft", 2),
        published.consultation_id: ("published", 2),
    }


# What a reader sees -----------------------------------------------------------------------


def test_closest_band_and_fallbacks(ctx):
    assert closest_band("9-11", ["6-8", "12-14"]) == "6-8"  # a tie goes to the younger band
    assert closest_band("15-17", ["6-8", "12-14"]) == "12-14"
    assert closest_band("odd", ["6-8"]) is None
    feedback = make_feedback(make_closed_consultation(bands=["6-8", "12-14"]))
    assert summary_for(feedback, "12-14") == (BAND_SUMMARIES["12-14"], "12-14")
    assert summary_for(feedback, "15-17") == (BAND_SUMMARIES["12-14"], "12-14")
    assert summary_for(feedback, None)[1] is None
    feedback.band_summaries = {}
    assert summary_for(feedback, "6-8") == (feedback.summary, None)


def test_texts_fall_back_to_vietnamese_and_say_so(ctx):
    assert localized({"vi": "Xin chào", "en": "Hello"}, "en").lang == "en"
    assert localized({"vi": "Xin chào"}, "en") == localized({"vi": "Xin chào"}, "vi")
    assert localized({"vi": "Xin chào"}, "en").lang == "vi"
    assert localized({}, "en").text == ""
    feedback = make_feedback(make_closed_consultation())
    page = reader_page(feedback, "9-11", "en")
    assert page.summary.text == BAND_SUMMARIES["9-11"]["en"]
    assert [(p.number, p.outcome) for p in page.points] == [(1, Outcome.ADOPTED), (2, Outcome.NOT_ADOPTED)]
