"""Recording a guardian's consent, one child or several, and withdrawing it (which erases the child)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from forum.accounts.models import AccessCard, Consent, ConsentKind, ConsentMethod, User
from forum.audit.models import AuditEvent
from forum.extensions import db
from tests.classrooms.conftest import children_of, class_url, consents, count_rows, school_today
from tests.conftest import World

TODAY = school_today()


def add_child(teacher: FlaskClient, app: Flask, world: World, born: int) -> User:
    teacher.post(class_url(world, "/children/add"), data={"rows": str(born)})
    return children_of(app, world.classroom_id)[-1]


def guardian_consents(app: Flask, child_id: int) -> list[Consent]:
    with app.app_context():
        rows = list(
            db.session.execute(
                sa.select(Consent).where(Consent.child_id == child_id, Consent.kind == ConsentKind.GUARDIAN)
            ).scalars()
        )
        db.session.expunge_all()
        return rows


def test_consent_page(teacher: FlaskClient, world: World, app: Flask) -> None:
    child = add_child(teacher, app, world, TODAY.year - 9)
    page = teacher.get(class_url(world, f"/children/{child.id}/consent"))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert child.pseudonym in html
    assert 'type="date"' in html and f'value="{TODAY.isoformat()}"' in html
    assert "Signed paper form" in html and "By phone" in html


def test_records_consent_for_one_child(teacher: FlaskClient, world: World, app: Flask) -> None:
    child = add_child(teacher, app, world, TODAY.year - 9)
    given = TODAY - timedelta(days=3)
    response = teacher.post(
        class_url(world, f"/children/{child.id}/consent"), data={"given_on": given.isoformat(), "method": "phone"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(class_url(world))
    [consent] = guardian_consents(app, child.id)
    assert consent.granted and consent.method is ConsentMethod.PHONE
    assert consent.given_on.utcoffset() == timedelta(0)
    local = consent.given_on.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert local.replace(tzinfo=None) == datetime.combine(given, time.min)  # the day began there
    assert consent.recorded_by_id == world.teacher.id
    html = teacher.get(class_url(world)).get_data(as_text=True)
    assert f"Consent recorded for {child.pseudonym}." in html
    assert "By phone" in html


@pytest.mark.parametrize(
    ("given_on", "method", "message"),
    [
        ((TODAY + timedelta(days=1)).isoformat(), "paper", "cannot be in the future"),
        (f"{TODAY.year - 10}-12-31", "paper", "cannot be before the year the child was born"),
        ("31/05/2026", "paper", "Enter the date the consent was given"),
        ("2026-02-30", "paper", "Enter the date the consent was given"),
        ("", "paper", "Enter the date the consent was given"),
        ("9" * 300, "paper", "Enter the date the consent was given"),
        (TODAY.isoformat(), "email", "Choose how the consent was given."),
    ],
)
def test_bad_consent_is_refused(
    teacher: FlaskClient, world: World, app: Flask, given_on: str, method: str, message: str
) -> None:
    child = add_child(teacher, app, world, TODAY.year - 9)
    response = teacher.post(
        class_url(world, f"/children/{child.id}/consent"), data={"given_on": given_on, "method": method}
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert guardian_consents(app, child.id) == []


def test_bulk_consent(teacher: FlaskClient, world: World, app: Flask) -> None:
    rows = f"{TODAY.year - 9}\n{TODAY.year - 8}\n{TODAY.year - 8}"
    teacher.post(class_url(world, "/children/add"), data={"rows": rows})
    first, second, third = children_of(app, world.classroom_id)[2:]
    response = teacher.post(
        class_url(world, "/consent"),
        data={
            "children": [str(first.id), str(third.id)],
            "given_on": TODAY.isoformat(),
            "method": "in_person",
            "record": "y",
        },
    )
    assert response.status_code == 302
    assert len(guardian_consents(app, first.id)) == 1 and len(guardian_consents(app, third.id)) == 1
    assert guardian_consents(app, second.id) == []
    recorded = (AuditEvent.action == "consent_recorded", AuditEvent.actor_label == "teacher")
    assert count_rows(app, AuditEvent, *recorded) == 2
    assert "Consent recorded for 2 children." in teacher.get(class_url(world)).get_data(as_text=True)


@pytest.mark.parametrize(
    ("children", "given_on", "message"),
    [
        ([], TODAY.isoformat(), "Tick at least one child first."),
        (["OTHER"], TODAY.isoformat(), "not in this class"),
        (["NEW", "x"], TODAY.isoformat(), "not in this class"),
        (["NEW"], (TODAY + timedelta(days=2)).isoformat(), "cannot be in the future"),
        (["NEW", "OLD"], f"{TODAY.year - 9}-06-01", "cannot be before the year the child was born"),
    ],
)
def test_bulk_consent_is_all_or_nothing(
    teacher: FlaskClient, world: World, app: Flask, children: list[str], given_on: str, message: str
) -> None:
    new = add_child(teacher, app, world, TODAY.year - 8)
    ids = {"OTHER": world.other_child.id, "NEW": new.id, "OLD": world.child.id}
    before = count_rows(app, Consent)
    response = teacher.post(
        class_url(world, "/consent"),
        data={
            "children": [str(ids.get(c, c)) for c in children],
            "given_on": given_on,
            "method": "paper",
            "record": "y",
        },
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert count_rows(app, Consent) == before
    assert f'value="{given_on}"' in html  # what was typed is kept


def test_withdraw_page_explains(teacher: FlaskClient, world: World) -> None:
    page = teacher.get(class_url(world, f"/children/{world.child.id}/withdraw"))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "erases this child's personal data, and it cannot be undone" in html
    assert world.child.pseudonym in html
    assert 'type="checkbox"' in html


def test_withdraw_needs_the_box_ticked(teacher: FlaskClient, world: World, app: Flask) -> None:
    response = teacher.post(class_url(world, f"/children/{world.child.id}/withdraw"), data={})
    assert response.status_code == 400
    assert "Tick the box to confirm the withdrawal." in response.get_data(as_text=True)
    assert count_rows(app, User, User.id == world.child.id) == 1


def test_withdrawal_erases_the_child(teacher: FlaskClient, world: World, app: Flask) -> None:
    child_id = world.child.id
    assert count_rows(app, AccessCard, AccessCard.child_id == child_id) == 1 and consents(app, child_id) == 2
    response = teacher.post(class_url(world, f"/children/{child_id}/withdraw"), data={"confirm": "y"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(class_url(world))
    assert count_rows(app, User, User.id == child_id) == 0
    assert count_rows(app, AccessCard, AccessCard.child_id == child_id) == 0
    assert consents(app, child_id) == 0
    assert app.test_client().post("/accounts/card", data={"code": world.child.code}).status_code == 401
    html = teacher.get(class_url(world)).get_data(as_text=True)
    assert "Consent withdrawn" in html
    assert world.child.pseudonym not in html
    with app.app_context():
        actions = set(db.session.execute(sa.select(AuditEvent.action)).scalars())
        logged = " ".join(db.session.execute(sa.select(AuditEvent.detail)).scalars())
    assert {"consent_withdrawn", "child_erased"} <= actions
    assert world.child.pseudonym not in logged
    assert teacher.get(class_url(world, f"/children/{child_id}/withdraw")).status_code == 404
