"""The leads' pages: the list, a case, its status flow, notes, assignment, the open-case badge;
who may see them; and moderators opening a case from a queue item."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEvent
from forum.extensions import db
from forum.review.models import ReviewItem, Urgency
from forum.safeguarding.models import CaseNote, CaseStatus, SafeguardingCase
from tests.builders import StaffLogin
from tests.safeguarding.builders import SELF_HARM, make_answer_item, make_case, make_post_item


def _case(app, case_id: int) -> SafeguardingCase:
    with app.app_context():
        case = db.session.get(SafeguardingCase, case_id)
        db.session.expunge(case)
        return case


def _count(app, model) -> int:
    with app.app_context():
        return db.session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


def _badge(html: str) -> int | None:
    match = re.search(r'Safeguarding <span class="nav-count">\((\d+)<span class="visually-hidden"> open case', html)
    return int(match.group(1)) if match else None


def test_the_list_shows_open_cases_most_urgent_first(app, world, lead_client):
    with app.app_context():
        high = make_case(world.child.id)
        immediate = make_case(world.other_child.id, SELF_HARM, reasons=("self_harm",))
        db.session.commit()
        ids = (high.id, immediate.id)
    html = lead_client.get("/safeguarding/").get_data(as_text=True)
    assert html.index(f"Case #{ids[1]}") < html.index(f"Case #{ids[0]}")
    assert "Immediate danger" in html and "High" in html
    assert "2 cases" in html
    closed = lead_client.get("/safeguarding/?status=closed").get_data(as_text=True)
    assert "No case matches this filter." in closed
    assert lead_client.get("/safeguarding/?status=nonsense").status_code == 400


def test_the_case_page_shows_what_the_school_needs_to_act(app, world, lead_client, case_id):
    html = lead_client.get(f"/safeguarding/cases/{case_id}").get_data(as_text=True)
    with app.app_context():
        case = db.session.get(SafeguardingCase, case_id)
        pseudonym, school, area = case.child_label, case.school.name, case.school.area.name_en
    for text in (pseudonym, "5A", school, area, 'href="tel:111"', "High", "New", "Violence"):
        assert text in html, text
    assert '<mark class="flag flag--safeguarding">Bố em đánh em<span class="flag__label"> [Safeguarding]' in html
    assert "<time datetime=" in html


def test_a_lead_moves_a_case_along_with_notes(app, world, lead_client, case_id):
    url = f"/safeguarding/cases/{case_id}/status"
    response = lead_client.post(url, data={"status": "in_progress", "expected": "new", "note": ""})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/safeguarding/cases/{case_id}")
    response = lead_client.post(
        url, data={"status": "referred_111", "expected": "in_progress", "note": "Đã gọi 111 cho em."}
    )
    assert response.status_code == 302
    html = lead_client.get(f"/safeguarding/cases/{case_id}").get_data(as_text=True)
    assert "The case is now: Referred to 111." in html
    assert "Status: In progress → Referred to 111" in html and "Đã gọi 111 cho em." in html
    assert _case(app, case_id).status is CaseStatus.REFERRED_111
    with app.app_context():
        events = db.session.execute(sa.select(AuditEvent.detail).where(AuditEvent.action == "case_status_changed"))
        assert list(events.scalars()) == ["new → in_progress", "in_progress → referred_111"]


def test_a_stale_page_changes_nothing_and_keeps_the_note(app, world, lead_client, case_id):
    lead_client.post(f"/safeguarding/cases/{case_id}/status", data={"status": "in_progress", "expected": "new"})
    # Another tab, opened while the case was still new:
    response = lead_client.post(
        f"/safeguarding/cases/{case_id}/status",
        data={"status": "referred_police", "expected": "new", "note": "Báo công an phường."},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "Someone else changed this case to “In progress”" in html
    assert _case(app, case_id).status is CaseStatus.IN_PROGRESS
    with app.app_context():
        notes = db.session.execute(sa.select(CaseNote).order_by(CaseNote.id)).scalars().all()
        assert [(n.new_status, n.body) for n in notes] == [(CaseStatus.IN_PROGRESS, ""), (None, "Báo công an phường.")]


@pytest.mark.parametrize(
    "data",
    [
        {"status": "new", "expected": "new"},
        {"status": "in_progress", "expected": "gone"},
        {"status": "nonsense", "expected": "new"},
        {"status": "in_progress", "expected": "new", "note": "x" * 2001},
        {"status": "in_progress", "expected": "new", "note": "ẩn\u202egiấu"},
    ],
)
def test_bad_status_changes_are_refused_with_nothing_written(app, lead_client, case_id, data):
    response = lead_client.post(f"/safeguarding/cases/{case_id}/status", data=data)
    assert response.status_code == 400
    assert "Please check what you typed" in response.get_data(as_text=True)
    assert _case(app, case_id).status is CaseStatus.NEW and _count(app, CaseNote) == 0


def test_moving_a_case_to_where_it_already_is_is_refused(app, lead_client, case_id):
    lead_client.post(f"/safeguarding/cases/{case_id}/status", data={"status": "in_progress", "expected": "new"})
    response = lead_client.post(
        f"/safeguarding/cases/{case_id}/status", data={"status": "in_progress", "expected": "in_progress", "note": "?"}
    )
    assert response.status_code == 400
    assert "cannot be moved to that status" in response.get_data(as_text=True)
    assert _count(app, CaseNote) == 1


def test_notes(app, lead_client, case_id):
    url = f"/safeguarding/cases/{case_id}/notes"
    assert lead_client.post(url, data={"body": "   "}).status_code == 400
    assert lead_client.post(url, data={"body": "x" * 2001}).status_code == 400
    assert _count(app, CaseNote) == 0
    response = lead_client.post(url, data={"body": "Cô chủ nhiệm đã gặp em.\r\nĐã gọi 111."}, follow_redirects=True)
    assert "Cô chủ nhiệm đã gặp em.\nĐã gọi 111." in response.get_data(as_text=True)
    assert _count(app, CaseNote) == 1


def test_assigning_to_self_and_to_another_lead(app, world, lead_client, case_id, other_lead, plain_moderator):
    url = f"/safeguarding/cases/{case_id}/assign"
    html = lead_client.get(f"/safeguarding/cases/{case_id}").get_data(as_text=True)
    assert "Assign it to me" in html and plain_moderator.username not in html
    assert lead_client.post(url, data={"assignee": world.moderator.id}).status_code == 302
    assert _case(app, case_id).assignee_id == world.moderator.id
    assert "Assign it to me" not in lead_client.get(f"/safeguarding/cases/{case_id}").get_data(as_text=True)
    assert lead_client.post(url, data={"assignee": other_lead.id}).status_code == 302
    assert _case(app, case_id).assignee_id == other_lead.id
    assert lead_client.post(url, data={"assignee": plain_moderator.id}).status_code == 400
    assert lead_client.post(url, data={"assignee": "x"}).status_code == 400
    assert _case(app, case_id).assignee_id == other_lead.id
    assert lead_client.post(url, data={"assignee": 0}).status_code == 302
    assert _case(app, case_id).assignee_id is None
    with app.app_context():
        assert _count(app, AuditEvent) >= 3
        actions = db.session.execute(sa.select(AuditEvent.action).where(AuditEvent.action == "case_assigned"))
        assert len(actions.all()) == 3


def test_the_badge_counts_open_cases_for_leads_only(app, world, client, auth, case_id, plain_moderator):
    with app.app_context():
        make_case(world.other_child.id)
        db.session.commit()
    client.set_cookie("lang", "en")
    auth.staff(world.moderator)
    assert _badge(client.get("/accounts/password").get_data(as_text=True)) == 2
    client.post(f"/safeguarding/cases/{case_id}/status", data={"status": "closed", "expected": "new"})
    assert _badge(client.get("/safeguarding/").get_data(as_text=True)) == 1
    for who in (plain_moderator, world.admin, world.teacher, world.policy):
        auth.sign_out()
        auth.staff(who)
        html = client.get("/accounts/password").get_data(as_text=True)
        assert _badge(html) is None and "/safeguarding/" not in html


def test_case_pages_are_for_leads_only(app, world, client, auth, case_id, plain_moderator):
    urls = [
        ("GET", "/safeguarding/"),
        ("GET", f"/safeguarding/cases/{case_id}"),
        ("POST", f"/safeguarding/cases/{case_id}/status"),
        ("POST", f"/safeguarding/cases/{case_id}/notes"),
        ("POST", f"/safeguarding/cases/{case_id}/assign"),
    ]
    for who in (plain_moderator, world.admin, world.policy, world.teacher):
        auth.staff(who)
        for method, url in urls:
            assert client.open(url, method=method, data={"body": "x", "status": "closed"}).status_code == 403, (
                who,
                url,
            )
        auth.sign_out()
    auth.card(world.child)
    assert client.get(f"/safeguarding/cases/{case_id}").status_code == 403
    assert _case(app, case_id).status is CaseStatus.NEW and _count(app, CaseNote) == 0


def test_unknown_cases_are_404(lead_client):
    assert lead_client.get("/safeguarding/cases/999999").status_code == 404
    assert lead_client.post("/safeguarding/cases/999999/notes", data={"body": "x"}).status_code == 404


@pytest.mark.parametrize("make_item", [make_post_item, make_answer_item], ids=["post", "answer"])
def test_any_moderator_opens_a_case_from_a_queue_item(app, world, client, auth, plain_moderator, make_item):
    with app.app_context():
        item = make_item(world.child.id)
        db.session.commit()
        item_id = item.id
    client.set_cookie("lang", "en")
    auth.staff(plain_moderator)
    response = client.post(f"/safeguarding/cases/from-item/{item_id}", data={"note": "Em cần giúp đỡ."})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/review/items/{item_id}"
    with app.app_context():
        case = db.session.execute(sa.select(SafeguardingCase)).scalar_one()
        assert case.child_id == world.child.id and case.opened_by_id == plain_moderator.id
        assert [note.body for note in case.notes] == ["Em cần giúp đỡ."]
        assert db.session.get(ReviewItem, item_id).urgency == Urgency.SAFEGUARDING.value
        case_id = case.id
    # A second time: a friendly message, no second case.
    response = client.post(f"/safeguarding/cases/from-item/{item_id}", follow_redirects=False)
    assert response.status_code == 302
    with client.session_transaction() as session:
        messages = [message for _, message in session["_flashes"]]
    assert any(f"already open for this (case #{case_id})" in message for message in messages)
    assert _count(app, SafeguardingCase) == 1
    # The moderator is not a lead: the case itself stays out of reach.
    assert client.get(f"/safeguarding/cases/{case_id}").status_code == 403


def test_opening_a_case_refuses_bad_input(app, world, client, auth):
    with app.app_context():
        item_id = make_post_item(world.child.id).id
        db.session.commit()
    auth.staff(world.moderator)
    response = client.post(f"/safeguarding/cases/from-item/{item_id}", data={"note": "x" * 2001})
    assert response.status_code == 400 and 'name="note"' in response.get_data(as_text=True)
    assert client.post("/safeguarding/cases/from-item/999999").status_code == 404
    assert _count(app, SafeguardingCase) == 0
    auth.sign_out()
    auth.staff(world.admin)
    assert client.post(f"/safeguarding/cases/from-item/{item_id}").status_code == 403
    assert _count(app, SafeguardingCase) == 0


def test_csrf_guards_the_case_forms(app, world, case_id):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    page = client.get("/accounts/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    client.post(
        "/accounts/sign-in",
        data={"username": world.moderator.username, "password": world.moderator.password, "csrf_token": token},
    )
    url = f"/safeguarding/cases/{case_id}/status"
    assert client.post(url, data={"status": "closed", "expected": "new"}).status_code == 400
    html = client.get(f"/safeguarding/cases/{case_id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)
    response = client.post(url, data={"status": "closed", "expected": "new", "csrf_token": token})
    assert response.status_code == 302
    assert _case(app, case_id).status is CaseStatus.CLOSED


def test_a_lead_who_is_not_the_worlds_moderator_sees_cases(app, client, auth, other_lead: StaffLogin, case_id):
    auth.staff(other_lead)
    assert client.get(f"/safeguarding/cases/{case_id}").status_code == 200
