"""Reading feedback: the child's home page ("New" until opened), the child's page in both languages,
who may open it (others get a 404), and the poster teachers print."""

from __future__ import annotations

import html

import pytest
import sqlalchemy as sa

from forum.consultations.models import Consultation
from forum.extensions import db
from forum.feedback.models import FeedbackView
from tests.conftest import sign_in_as
from tests.feedback.builders import make_closed_consultation, make_feedback, make_post

NEW_BADGE = 'feedback-card__new">New</span>'


def text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def published(app, closed) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        feedback = make_feedback(db.session.get(Consultation, closed.consultation_id), publish=True)
        db.session.commit()
        return feedback.id


def _views(app) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    with app.app_context():
        return [tuple(row) for row in db.session.execute(sa.select(FeedbackView.feedback_id, FeedbackView.child_id))]


def test_a_child_who_took_part_sees_new_feedback_until_opening_it(app, english, auth, world, published):
    auth.card(world.child)
    home = text(english.get("/children/"))
    assert "What happened with children's views" in home
    assert NEW_BADGE in home and "You took part in this." in home
    assert f'href="/feedback/{published}"' in home
    page = text(english.get(f"/feedback/{published}"))
    assert "You took part. Thank you!" in page
    assert "Schools will give less weekend homework." in page  # the 9-11 summary
    assert "Longer break time." in page and "Yes, this will be done" in page
    assert "No, not this time" in page and "there will be none at weekends" in page
    assert 'data-read-aloud="point-1"' in page and "js/read-aloud.js" in page
    assert _views(app) == [(published, world.child.id)]
    home = text(english.get("/children/"))
    assert NEW_BADGE not in home and f'href="/feedback/{published}"' in home
    english.get(f"/feedback/{published}")
    assert _views(app) == [(published, world.child.id)]  # opened twice, recorded once


def test_the_childs_page_is_in_vietnamese_by_default(auth, client, world, published):
    auth.card(world.child)
    page = text(client.get(f"/feedback/{published}"))
    assert '<html lang="vi">' in page
    assert "Trường sẽ giao ít bài tập hơn vào cuối tuần." in page
    assert "Giờ ra chơi dài hơn." in page and "Giờ ra chơi tăng lên 20 phút." in page
    assert "Schools will give less weekend homework." not in page


def test_english_falls_back_to_vietnamese_marked_as_such(app, english, auth, world, closed):
    with app.app_context():
        consultation = db.session.get(Consultation, closed.consultation_id)
        feedback = make_feedback(consultation, publish=True)
        feedback.points[0].raised = {"vi": "Chỉ tiếng Việt"}
        db.session.commit()
        feedback_id = feedback.id
    auth.card(world.child)
    page = text(english.get(f"/feedback/{feedback_id}"))
    assert '<p class="feedback-point__said feedback-text" lang="vi">Chỉ tiếng Việt</p>' in page


def test_a_child_in_the_target_who_did_not_take_part_may_read_it(app, english, auth, world, closed):
    """Feedback is public within the consultation's target (see forum/feedback/services.py)."""
    with app.app_context():
        feedback = make_feedback(make_closed_consultation(bands=["9-11"]), publish=True)
        db.session.commit()
        feedback_id = feedback.id
    auth.card(world.other_child)  # aged 9, another school: in the target, never took part
    home = text(english.get("/children/"))
    assert NEW_BADGE in home and "You took part in this." not in home
    page = text(english.get(f"/feedback/{feedback_id}"))
    assert "Children were asked about this." in page


@pytest.mark.parametrize("who", ["young_child", "other_child"])
def test_children_of_another_band_or_area_get_404(app, client, auth, world, published, who):
    auth.card(getattr(world, who))  # aged 6 (band 6-8); aged 9 in another area
    assert client.get(f"/feedback/{published}").status_code == 404
    assert f"/feedback/{published}" not in text(client.get("/children/"))
    assert _views(app) == []


def test_a_child_who_took_part_reads_it_whatever_their_band(app, client, auth, world, closed, published):
    with app.app_context():
        make_post(db.session.get(Consultation, closed.consultation_id), world.young_child.id)
        db.session.commit()
    auth.card(world.young_child)
    page = text(client.get(f"/feedback/{published}"))
    assert "Trường sẽ giao ít bài tập hơn vào cuối tuần." in page  # the closest band's summary


def test_draft_feedback_is_nobodys_but_policy_staff(app, client, auth, world, closed, policy_client):
    with app.app_context():
        feedback = make_feedback(db.session.get(Consultation, closed.consultation_id))
        db.session.commit()
        feedback_id = feedback.id
    assert "Draft: children cannot see this yet." in text(policy_client.get(f"/feedback/{feedback_id}"))
    assert "DRAFT: not yet published" in text(policy_client.get(f"/feedback/{feedback_id}/print"))
    auth.sign_out()
    auth.card(world.child)
    assert client.get(f"/feedback/{feedback_id}").status_code == 404
    assert "What happened with children's views" not in text(client.get("/children/"))
    auth.sign_out()
    auth.staff(world.teacher)
    assert client.get(f"/feedback/{feedback_id}/print").status_code == 404


def test_unknown_feedback_is_404(client, auth, world):
    auth.card(world.child)
    assert client.get("/feedback/999999").status_code == 404


def test_a_teacher_prints_the_poster_for_their_school(english, auth, world, published):
    auth.staff(world.teacher)
    listing = text(english.get("/feedback/"))
    assert f"/feedback/{published}/print" in listing
    poster = text(english.get(f"/feedback/{published}/print"))
    assert "<svg" in poster and "data-print hidden" in poster and "js/print.js" in poster
    assert "Call 111" in poster
    assert "Thank you for your views." in poster  # the overall summary by default
    assert "Yes, this will be done" in poster and "Longer break time." in poster
    assert "/accounts/card" in poster
    banded = text(english.get(f"/feedback/{published}/print?band=9-11&lang=vi"))
    assert "Trường sẽ giao ít bài tập hơn vào cuối tuần." in banded
    assert english.get(f"/feedback/{published}/print?band=6-8").status_code == 400
    assert english.get(f"/feedback/{published}/print?lang=de").status_code == 400
    assert "Printable version for schools" in text(english.get(f"/feedback/{published}"))


def test_a_teacher_of_another_area_does_not_find_it(client, auth, world, published):
    auth.staff(world.other_teacher)
    assert client.get(f"/feedback/{published}/print").status_code == 404
    assert client.get(f"/feedback/{published}").status_code == 404
    assert f"/feedback/{published}" not in text(client.get("/feedback/"))


@pytest.mark.parametrize(("who", "status"), [("child", 403), ("moderator", 403), ("admin", 403)])
def test_only_teachers_and_policy_staff_print(client, world, published, who, status):
    sign_in_as(client, world, who)
    assert client.get(f"/feedback/{published}/print").status_code == status
