"""Issuing access cards: printable sheet, CSV, reissue, and codes that exist only in the response."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from forum.accounts.models import AccessCard
from forum.audit.models import AuditEvent
from forum.classrooms import card_sheet
from forum.extensions import db
from forum.schools.models import Classroom
from tests import builders
from tests.classrooms.conftest import active_cards, children_of, class_url, count_rows
from tests.conftest import World

CODE = re.compile(r'<p class="access-card__code">([2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3})</p>')


def issue(client: FlaskClient, world: World, ids: list[int], **extra: str) -> object:
    data = {"children": [str(i) for i in ids], "output": "print", "confirm_reissue": "y", "selected": "y", **extra}
    return client.post(class_url(world, "/cards"), data=data)


def card_works(app: Flask, code: str) -> bool:
    response = app.test_client().post("/accounts/card", data={"code": code})
    assert response.status_code in (302, 401)
    return response.status_code == 302


def test_printable_sheet(app: Flask, teacher: FlaskClient, world: World) -> None:
    response = issue(teacher, world, [world.child.id, world.young_child.id])
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    codes = CODE.findall(html)
    assert len(codes) == 2 and len(set(codes)) == 2
    assert html.count('<div class="access-card__qr" role="img" aria-label=') == 2
    assert html.count("<svg") - html.count('<svg class="icon') == 2  # one QR code per card
    assert html.count('<p class="access-card__name">') == 2
    assert world.child.pseudonym in html and world.young_child.pseudonym in html
    assert "Class 5A · Trường Thử" in html
    assert "Scan the QR code or go to localhost/accounts/card and type the code." in html
    assert "the codes will not be shown again" in html
    assert "style=" not in html and "<script>" not in html  # the CSP allows neither


def test_old_card_stops_working_and_new_one_works(app: Flask, teacher: FlaskClient, world: World) -> None:
    assert card_works(app, world.child.code)
    html = issue(teacher, world, [world.child.id]).get_data(as_text=True)
    [new_code] = CODE.findall(html)
    assert not card_works(app, world.child.code)  # 401
    assert card_works(app, new_code)
    assert card_works(app, world.young_child.code)  # not reissued, still works
    assert active_cards(app, world.child.id) == 1


def test_codes_are_not_stored_in_plain_text(app: Flask, teacher: FlaskClient, world: World) -> None:
    html = issue(teacher, world, [world.child.id, world.young_child.id]).get_data(as_text=True)
    codes = CODE.findall(html)
    with app.app_context():
        stored = [
            str(value)
            for table in db.metadata.sorted_tables
            for row in db.session.execute(sa.select(table)).all()
            for value in row
            if value is not None
        ]
    for code in codes:
        for text in (code, code.replace("-", "")):
            assert not any(text in value for value in stored)


def test_csv_file(app: Flask, teacher: FlaskClient, world: World) -> None:
    response = issue(teacher, world, [world.child.id, world.young_child.id], output="csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "access-cards-5A-" in disposition
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["pseudonym", "classroom", "school", "age_band", "code"]
    assert sorted(r[0] for r in rows[1:]) == sorted([world.child.pseudonym, world.young_child.pseudonym])
    assert {r[1] for r in rows[1:]} == {"5A"}
    assert {r[3] for r in rows[1:]} == {"9–11", "6–8"}
    for row in rows[1:]:
        assert re.fullmatch(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}", row[4])
        assert card_works(app, row[4])
    assert not card_works(app, world.child.code)


def test_whole_class_button_needs_no_ticks(app: Flask, teacher: FlaskClient, world: World) -> None:
    response = teacher.post(
        class_url(world, "/cards"), data={"output": "print", "confirm_reissue": "y", "whole_class": "y"}
    )
    assert response.status_code == 200
    assert len(CODE.findall(response.get_data(as_text=True))) == 2
    assert card_works(app, world.other_child.code)  # another school's child is untouched


def test_new_children_need_no_confirmation(app: Flask, teacher: FlaskClient, world: World) -> None:
    teacher.post(class_url(world, "/children/add"), data={"rows": f"{date.today().year - 9}\n{date.today().year - 9}"})
    new = [c.id for c in children_of(app, world.classroom_id)[2:]]
    response = issue(teacher, world, new, confirm_reissue="")
    assert response.status_code == 200
    assert len(CODE.findall(response.get_data(as_text=True))) == 2


def test_reissue_needs_confirmation(app: Flask, teacher: FlaskClient, world: World) -> None:
    response = teacher.post(
        class_url(world, "/cards"), data={"children": [str(world.child.id)], "output": "print", "selected": "y"}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "already have a card" in html
    assert CODE.findall(html) == []
    assert f'value="{world.child.id}" id="child-{world.child.id}" checked' in html  # the ticks are kept
    assert card_works(app, world.child.code)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"output": "print", "selected": "y"}, "Tick at least one child first."),
        ({"children": ["abc"], "output": "print", "selected": "y"}, "not in this class"),
        ({"children": ["999999"], "output": "print", "selected": "y"}, "not in this class"),
        ({"children": ["CHILD", "OTHER"], "output": "print", "selected": "y"}, "not in this class"),
        ({"children": ["CHILD"], "output": "pdf", "selected": "y"}, "Choose a page to print or a CSV file."),
    ],
)
def test_bad_requests_issue_nothing(
    app: Flask, teacher: FlaskClient, world: World, data: dict[str, object], message: str
) -> None:
    ids = {"CHILD": str(world.child.id), "OTHER": str(world.other_child.id)}
    if "children" in data:
        data = {**data, "children": [ids.get(v, v) for v in data["children"]]}  # type: ignore[union-attr]
    before = count_rows(app, AccessCard)
    response = teacher.post(class_url(world, "/cards"), data={**data, "confirm_reissue": "y"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count_rows(app, AccessCard) == before
    assert card_works(app, world.child.code) and card_works(app, world.other_child.code)


def test_whole_class_of_nobody(app: Flask, teacher: FlaskClient, world: World) -> None:
    with app.app_context():
        empty = builders.make_classroom(db.session.get(Classroom, world.classroom_id).school, "2B", 2)
        db.session.commit()
        url = f"/classrooms/{empty.id}/cards"
    response = teacher.post(url, data={"output": "print", "whole_class": "y"})
    assert response.status_code == 400
    assert "No children in this class yet" in response.get_data(as_text=True)


def test_issuing_is_audited(app: Flask, teacher: FlaskClient, world: World) -> None:
    issue(teacher, world, [world.child.id])
    with app.app_context():
        event = db.session.execute(
            sa.select(AuditEvent).where(AuditEvent.action == "cards_issued", AuditEvent.actor_label == "teacher")
        ).scalar_one()
        assert event.target == f"classroom #{world.classroom_id}"


@pytest.mark.parametrize("app_config", [{"PUBLIC_BASE_URL": "https://tiengnoi.example.vn/"}])
def test_qr_codes_point_at_the_public_address(app: Flask, teacher: FlaskClient, world: World) -> None:
    html = issue(teacher, world, [world.child.id]).get_data(as_text=True)
    assert "go to tiengnoi.example.vn/accounts/card and type" in html


def test_card_urls_keep_the_code_in_the_fragment(app: Flask, world: World) -> None:
    with app.app_context():
        classroom = db.session.get(Classroom, world.classroom_id)
        child = children_of(app, world.classroom_id)[0]
        [card] = card_sheet.build_cards(
            [(child, "K7QPM3XD9")], classroom, "https://x.vn", [[6, 8], [9, 11]], date.today()
        )
    assert card.url == "https://x.vn/accounts/card#code=K7Q-PM3-XD9"
    assert card.code == "K7Q-PM3-XD9"
    assert card.qr.startswith("<svg") and "style" not in card.qr


def test_csv_cells_cannot_start_a_formula() -> None:
    card = card_sheet.PrintedCard("Cá heo xanh 42", "=HYPERLINK(1)", "Trường", "9–11", "K7Q-PM3-XD9", "", "")
    body = card_sheet.cards_csv([card]).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body
