"""Adding children in bulk, and the class page: paperwork status, never answers."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from forum.accounts import services as accounts
from forum.accounts.models import Gender, User
from forum.audit.models import AuditEvent
from forum.database import utcnow
from forum.extensions import db
from forum.schools.services import current_school_year
from forum.surveys import services as survey_services
from tests.classrooms.conftest import children_of, class_url, count_rows, school_today
from tests.conftest import World
from tests.surveys.conftest_taking import make_open_survey

THIS_YEAR = date.today().year  # as the builders use it for the world's children


def test_add_page(teacher: FlaskClient, world: World) -> None:
    page = teacher.get(class_url(world, "/children/add"))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<textarea" in html and 'name="rows"' in html
    assert f"Birth years from {school_today().year - 18} to {school_today().year - 5}" in html


def test_adds_a_whole_class_at_once(app: Flask, teacher: FlaskClient, world: World) -> None:
    genders = ["girl", "nam", "Nữ", "", "khác", "không nói", "B", "gai"]
    lines = [f"{THIS_YEAR - 10 - i % 2}, {genders[i % len(genders)]}".rstrip(", ") for i in range(35)]
    response = teacher.post(class_url(world, "/children/add"), data={"rows": "\n".join(lines)})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(class_url(world))
    children = children_of(app, world.classroom_id)
    new = children[2:]
    assert len(new) == 35
    assert [c.gender for c in new[:8]] == [
        Gender.GIRL,
        Gender.BOY,
        Gender.GIRL,
        None,
        Gender.ANOTHER,
        Gender.UNSAID,
        Gender.BOY,
        Gender.GIRL,
    ]
    assert {c.birth_year for c in new} == {THIS_YEAR - 10, THIS_YEAR - 11}
    assert len({c.pseudonym for c in new}) == 35
    assert "35 children added." in teacher.get(response.headers["Location"]).get_data(as_text=True)
    assert count_rows(app, AuditEvent, AuditEvent.action == "children_added") == 4  # three from the world's setup


def test_one_child(app: Flask, teacher: FlaskClient, world: World) -> None:
    response = teacher.post(class_url(world, "/children/add"), data={"rows": f"{THIS_YEAR - 8}"})
    assert response.status_code == 302
    assert "1 child added." in teacher.get(class_url(world)).get_data(as_text=True)


def test_one_bad_line_saves_nothing(app: Flask, teacher: FlaskClient, world: World) -> None:
    text = f"{THIS_YEAR - 10}, girl\n{THIS_YEAR - 10} boy\n\n{THIS_YEAR + 1}, girl\n{THIS_YEAR - 9}, cat\nmười tuổi"
    response = teacher.post(class_url(world, "/children/add"), data={"rows": text})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Nothing was saved" in html
    assert f"Line 4 (“{THIS_YEAR + 1}, girl”): the birth year must be between" in html
    assert f"Line 5 (“{THIS_YEAR - 9}, cat”): we do not know that gender word" in html
    assert "Line 6 (“mười tuổi”): the line must start with a birth year" in html
    assert "Line 1" not in html and "Line 2" not in html
    assert f">\r\n{THIS_YEAR - 10}, girl\n{THIS_YEAR - 10} boy" in html  # the text is kept
    assert 'aria-invalid="true"' in html
    assert len(children_of(app, world.classroom_id)) == 2


def test_bad_text_is_shown_escaped(teacher: FlaskClient, world: World) -> None:
    html = teacher.post(class_url(world, "/children/add"), data={"rows": "<script>alert(1)</script>"}).get_data(
        as_text=True
    )
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_too_many_children(app: Flask, teacher: FlaskClient, world: World) -> None:
    response = teacher.post(class_url(world, "/children/add"), data={"rows": f"{THIS_YEAR - 10}\n" * 61})
    assert response.status_code == 400
    assert "up to 60 children at once" in response.get_data(as_text=True)
    assert len(children_of(app, world.classroom_id)) == 2


def test_empty_and_over_long_lists(app: Flask, teacher: FlaskClient, world: World) -> None:
    cases = (("", "Write one child per line"), ("  \n ", "Write one child per line"), ("2016" * 2000, "too long"))
    for text, message in cases:
        response = teacher.post(class_url(world, "/children/add"), data={"rows": text})
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert len(children_of(app, world.classroom_id)) == 2


def test_class_page_shows_status_not_answers(app: Flask, teacher: FlaskClient, world: World) -> None:
    with app.app_context():
        db.session.get(User, world.child.id).last_sign_in_at = utcnow()
        db.session.commit()
    page = teacher.get(class_url(world))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert world.child.pseudonym in html and world.young_child.pseudonym in html
    assert world.other_child.pseudonym not in html
    # The world's child is 10 (asked, said yes), the young one 6 (not asked); both have consent and a card.
    assert f'{THIS_YEAR - 10} <span class="muted">(9–11)</span>' in html
    assert f'{THIS_YEAR - 6} <span class="muted">(6–8)</span>' in html
    assert "Not needed under 7" in html
    assert "Signed paper form" in html
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html))
    assert facts == {
        "Children": "2",
        "Parent or carer has consented": "2 of 2",
        "Child said yes themselves": "1",
        "Active cards": "2 of 2",
        "Signed in at least once": "1 of 2",
        "Took part in a survey": "0 of 2",
    }
    for label in (world.child.pseudonym, world.young_child.pseudonym):
        checkbox = rf'<input type="checkbox" name="children" value="\d+" id="child-\d+">\s*<span>{label}</span>'
        assert re.search(checkbox, html)


def test_class_page_with_no_children(app: Flask, teacher: FlaskClient, world: World) -> None:
    year = current_school_year(school_today())
    response = teacher.post("/classrooms/", data={"name": "1C", "grade": "1", "school_year": year})
    html = teacher.get(response.headers["Location"]).get_data(as_text=True)
    assert "No children in this class yet" in html
    assert 'name="children"' not in html


def test_not_asked_and_no_consent_yet(app: Flask, teacher: FlaskClient, world: World) -> None:
    teacher.post(class_url(world, "/children/add"), data={"rows": f"{THIS_YEAR - 12}, boy"})
    html = teacher.get(class_url(world)).get_data(as_text=True)
    assert "Not asked yet" in html
    assert ">Not yet<" in html
    assert ">None<" in html  # no card


def test_the_class_page_counts_surveys_answered_never_answers(app, client, world, teacher):
    """Teachers see how many surveys each child submitted, and nothing of what they answered."""
    with app.app_context():
        child = accounts.get_child(world.child.id)
        survey = make_open_survey([{"key": "q1", "type": "yes_no", "text": {"vi": "Em có thích không?"}}])
        context = survey_services.child_context(child, app.config["AGE_BANDS"], date.today())
        response = survey_services.start_response(survey, child)
        survey_services.save_draft(response, survey_services.definition_of(survey), {"q1": "yes"}, 1)
        survey_services.submit(response, survey, context)
        db.session.commit()
    html = client.get(f"/classrooms/{world.classroom_id}").get_data(as_text=True)
    assert "Took part in a survey" in html and "1 of 2" in html
    row = html[html.index(world.child.pseudonym) :]
    row = row[: row.index("</tr>")]
    assert '<td class="num">1</td>' in row
