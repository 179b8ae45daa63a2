"""The demo seeds complete draft feedback for its closed consultation, once, for the officer to publish."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from forum.accounts.age_bands import band_keys
from forum.consultations.models import ConsultationStatus
from forum.demo.consultations import STUDY_AND_PLAY
from forum.extensions import db
from forum.feedback import services
from forum.feedback.models import Feedback, FeedbackPoint, Outcome


@pytest.fixture
def seeded(app, runner, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(app, "instance_path", str(tmp_path))  # the demo's card file goes here
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return runner


def _feedback() -> Feedback:
    (feedback,) = db.session.execute(sa.select(Feedback)).scalars().all()
    return feedback


@pytest.mark.parametrize("app_config", [{}, {"AGE_BANDS": [[6, 10], [11, 14], [15, 17]]}])
def test_the_closed_consultation_gets_a_complete_unpublished_draft(app, seeded):
    with app.app_context():
        feedback = _feedback()
        consultation = feedback.consultation
        assert consultation.title["vi"] == STUDY_AND_PLAY.title["vi"]
        assert consultation.status is ConsultationStatus.CLOSED
        assert feedback.published_at is None
        bands = services.feedback_bands(consultation, band_keys(app.config["AGE_BANDS"]))
        assert sorted(feedback.band_summaries) == sorted(bands)
        assert [p.outcome for p in feedback.points] == [Outcome.ADOPTED, Outcome.PARTLY_ADOPTED, Outcome.NOT_ADOPTED]
        assert services.publish_problems(feedback, bands) == []


def test_a_second_run_adds_nothing(app, seeded):
    with app.app_context():
        before = db.session.execute(sa.select(sa.func.count()).select_from(FeedbackPoint)).scalar_one()
    assert seeded.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        assert db.session.execute(sa.select(sa.func.count()).select_from(Feedback)).scalar_one() == 1
        assert db.session.execute(sa.select(sa.func.count()).select_from(FeedbackPoint)).scalar_one() == before
