"""The survey builder: every question type added, edited, moved and deleted; every bad input refused."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from forum.extensions import db
from forum.surveys.definition import QuestionType
from tests.consultations.conftest import load_survey, make_consultation, text_of


def base(survey: int, consultation: int) -> str:
    return f"/consultations/{consultation}/surveys/{survey}"


def options(*rows: tuple[str, str, str]) -> dict[str, str]:
    data = {}
    for index, (key, vi, en) in enumerate(rows):
        data |= {f"options-{index}-key": key, f"options-{index}-label_vi": vi, f"options-{index}-label_en": en}
    # The blank rows a browser sends too.
    for index in range(len(rows), len(rows) + 8):
        data |= {f"options-{index}-key": "", f"options-{index}-label_vi": "", f"options-{index}-label_en": ""}
    return data


def clauses(*rows: tuple[str, str, str], join: str = "and") -> dict[str, str]:
    data = {"join": join}
    for index in range(3):
        question, op, value = rows[index] if index < len(rows) else ("", "equals", "")
        data |= {f"clauses-{index}-question": question, f"clauses-{index}-op": op, f"clauses-{index}-value": value}
    return data


TRAVEL = options(("walk", "Đi bộ", "Walk"), ("bike", "Xe đạp", "Bike"), ("bus", "Xe buýt", "Bus"))


def question(**changes: Any) -> dict[str, Any]:
    """What the browser sends for a new question, with `changes`."""
    data: dict[str, Any] = {
        "type": "single_choice",
        "key": "q2",
        "text_vi": "Em đến trường bằng gì?",
        "text_en": "How do you get to school?",
        "help_vi": "",
        "help_en": "",
        "decline": "auto",
        "points": "3",
        "stars": "5",
        "number_min": "",
        "number_max": "",
        "max_choices": "",
        "max_length": "",
        "max_ranked": "",
        "band_6_8_vi": "",
        "band_6_8_en": "",
        **TRAVEL,
        **clauses(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# Every type: what is typed, and what the builder stores.
TYPES = [
    ("single_choice", {}, {}, ["walk", "bike", "bus"]),
    ("multiple_choice", {"max_choices": "2"}, {"max_choices": 2}, ["walk", "bike", "bus"]),
    ("smiley", {"points": "5"}, {"points": 5}, ["1", "2", "3", "4", "5"]),
    ("smiley", {"points": "3"}, {"points": 3}, ["1", "2", "3"]),
    ("agree", {}, {}, ["1", "2", "3", "4", "5"]),
    ("yes_no", {}, {}, ["yes", "no", "not_sure"]),
    ("rating", {"stars": "7"}, {"stars": 7}, []),
    ("number", {"number_min": "0", "number_max": "20", "integer": "y"}, {"min": 0, "max": 20, "integer": True}, []),
    ("number", {"number_min": "-1,5", "number_max": "2.25"}, {"min": -1.5, "max": 2.25}, []),
    ("short_text", {"max_length": "100"}, {"max_length": 100}, []),
    ("long_text", {"max_length": "1500"}, {"max_length": 1500}, []),
    ("long_text", {}, {}, []),
    ("ranking", {"max_ranked": "2"}, {"max_ranked": 2}, ["walk", "bike", "bus"]),
    ("note", {"required": "y"}, {}, []),
]


@pytest.mark.parametrize("kind, typed, settings, option_keys", TYPES)
def test_every_type_is_added_edited_moved_and_deleted(
    app: Flask, policy_client, consultation_id: int, survey_id: int, kind, typed, settings, option_keys
) -> None:
    url = base(survey_id, consultation_id)
    form = policy_client.get(url + "/questions/new")
    assert form.status_code == 200
    assert 'value="q2"' in form.get_data(as_text=True)  # the suggested key

    response = policy_client.post(url + "/questions/new", data=question(type=kind, **typed))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"].endswith(url + "#question-q2")
    stored = load_survey(app, survey_id).questions[1]
    assert stored.type is QuestionType(kind)
    assert stored.text == {"vi": "Em đến trường bằng gì?", "en": "How do you get to school?"}
    assert stored.settings == settings
    assert [o.key for o in stored.options] == option_keys
    assert stored.required is False  # a note is never required; nothing else was ticked
    page = policy_client.get(url).get_data(as_text=True)
    assert "Em đến trường bằng gì?" not in page or "How do you get to school?" in page

    # The edit form shows what is stored, and saving it unchanged keeps it.
    edit = policy_client.get(url + "/questions/q2/edit")
    assert edit.status_code == 200
    assert "How do you get to school?" in edit.get_data(as_text=True)
    changed = question(type=kind, **typed, text_en="How do you come to school?", help_vi="Chọn một.")
    assert policy_client.post(url + "/questions/q2/edit", data=changed).status_code == 302
    again = load_survey(app, survey_id).questions[1]
    assert again.text["en"] == "How do you come to school?"
    assert again.help == {"vi": "Chọn một."}
    assert again.settings == settings

    assert policy_client.post(url + "/questions/q2/move", data={"direction": "up"}).status_code == 302
    assert [q.key for q in load_survey(app, survey_id).questions] == ["q2", "q1"]
    assert policy_client.post(url + "/questions/q2/move", data={"direction": "down"}).status_code == 302
    assert [q.key for q in load_survey(app, survey_id).questions] == ["q1", "q2"]

    assert policy_client.get(url + "/questions/q2/delete").status_code == 200
    assert policy_client.post(url + "/questions/q2/delete").status_code == 302
    assert [q.key for q in load_survey(app, survey_id).questions] == ["q1"]


def test_band_wording_help_and_flags_are_stored(
    app: Flask, policy_client, consultation_id: int, survey_id: int
) -> None:
    url = base(survey_id, consultation_id)
    data = question(
        band_6_8_vi="Em đi học bằng gì?",
        band_15_17_en="How do you usually travel to school?",
        required="y",
        sensitive="y",
    )
    assert policy_client.post(url + "/questions/new", data=data).status_code == 302
    stored = load_survey(app, survey_id).questions[1]
    assert stored.band_text == {
        "6-8": {"vi": "Em đi học bằng gì?"},
        "15-17": {"en": "How do you usually travel to school?"},
    }
    assert (stored.required, stored.sensitive, stored.allow_decline) == (True, True, True)  # on by default
    assert [o.label for o in stored.options][:2] == [{"vi": "Đi bộ", "en": "Walk"}, {"vi": "Xe đạp", "en": "Bike"}]


@pytest.mark.parametrize(
    "sensitive, decline, allowed",
    [(True, "auto", True), (False, "auto", False), (True, "no", False), (False, "yes", True)],
)
def test_id_rather_not_say(app, policy_client, consultation_id, survey_id, sensitive, decline, allowed) -> None:
    url = base(survey_id, consultation_id)
    data = question(decline=decline, sensitive="y" if sensitive else None)
    assert policy_client.post(url + "/questions/new", data=data).status_code == 302
    assert load_survey(app, survey_id).questions[1].allow_decline is allowed
    form = policy_client.get(url + "/questions/q2/edit").get_data(as_text=True)
    assert f'value="{decline}" checked' in form or f'checked value="{decline}"' in form or decline in form


def test_blank_option_keys_are_numbered(app: Flask, policy_client, consultation_id: int, survey_id: int) -> None:
    url = base(survey_id, consultation_id)
    data = question(**options(("", "Đi bộ", ""), ("o1", "Xe đạp", ""), ("", "Xe buýt", "Bus")))
    assert policy_client.post(url + "/questions/new", data=data).status_code == 302
    assert [o.key for o in load_survey(app, survey_id).questions[1].options] == ["o2", "o1", "o3"]


def test_the_form_has_eight_blank_option_rows_and_more_when_editing(policy_client, consultation_id, survey_id) -> None:
    url = base(survey_id, consultation_id)
    assert policy_client.get(url + "/questions/new").get_data(as_text=True).count('name="options-7-key"') == 1
    assert 'name="options-8-key"' not in policy_client.get(url + "/questions/new").get_data(as_text=True)
    policy_client.post(url + "/questions/new", data=question())
    edit = policy_client.get(url + "/questions/q2/edit").get_data(as_text=True)
    assert 'name="options-10-key"' in edit and 'value="walk"' in edit


def test_changing_a_key_used_by_a_condition_is_refused(app, policy_client, consultation_id, survey_id) -> None:
    url = base(survey_id, consultation_id)
    data = question(type="yes_no", **clauses(("q1", "equals", "yes")))
    assert policy_client.post(url + "/questions/new", data=data).status_code == 302
    edit = {**question(type="yes_no", key="renamed"), "text_vi": "Em có đi bộ không?"}
    response = policy_client.post(url + "/questions/q1/edit", data=edit)
    assert response.status_code == 400
    assert "A later question's condition refers to this question" in text_of(response)
    assert [q.key for q in load_survey(app, survey_id).questions] == ["q1", "q2"]


def test_delete_is_refused_while_a_condition_refers_to_it(app, policy_client, consultation_id, survey_id) -> None:
    url = base(survey_id, consultation_id)
    policy_client.post(url + "/questions/new", data=question(type="yes_no", **clauses(("q1", "equals", "yes"))))
    response = policy_client.post(url + "/questions/q1/delete")
    assert response.status_code == 400
    assert "condition refers to this question" in response.get_data(as_text=True)
    assert [q.key for q in load_survey(app, survey_id).questions] == ["q1", "q2"]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"key": "q1"}, "Another question in this survey already has that key."),
        ({"key": ""}, "Please give the question a key"),
        ({"key": "-first"}, "Keys use only letters without accents"),
        ({"key": "câu1"}, "Keys use only letters without accents"),
        ({"key": "a b"}, "Keys use only letters without accents"),
        ({"key": "k" * 65}, "Keys use only letters without accents"),
        ({"type": "matrix"}, "Choose from the list."),
        ({"type": None}, "Choose from the list."),
        ({"text_vi": "", "text_en": ""}, "Please write the question"),
        ({"text_vi": "x" * 2001}, "Use at most 2000 characters."),
        ({"text_vi": "a\u200bb"}, "invisible control characters"),
        ({"band_6_8_vi": "x" * 100_000}, "Use at most 2000 characters."),
        (options(("walk", "Đi bộ", "Walk")), "Give at least two options."),
        (options(), "Give at least two options."),
        (options(("walk", "Đi bộ", ""), ("bike", "", "Bike")), "The option “bike” has no Vietnamese label."),
        (options(("walk", "Đi bộ", ""), ("walk", "Xe đạp", "")), "Two options have the key “walk”."),
        (options(("walk", "Đi bộ", ""), ("no way", "Xe đạp", "")), "Keys use only letters without accents"),
        ({"type": "multiple_choice", "max_choices": "4"}, "Enter a whole number from 1 to 3."),
        ({"type": "multiple_choice", "max_choices": "0"}, "Enter a whole number from 1 to 3."),
        ({"type": "multiple_choice", "max_choices": "two"}, "Enter a whole number from 1 to 3."),
        ({"type": "ranking", "max_ranked": "1.5"}, "Enter a whole number from 1 to 3."),
        ({"type": "rating", "stars": "11"}, "Enter a whole number from 3 to 10."),
        ({"type": "rating", "stars": "2"}, "Enter a whole number from 3 to 10."),
        ({"type": "smiley", "points": "4"}, "Choose from the list."),
        ({"type": "number", "number_min": "10", "number_max": "5"}, "must not be smaller than the smallest"),
        ({"type": "number", "number_min": "1e999"}, "Enter a number"),
        ({"type": "number", "number_max": "NaN"}, "Enter a number"),
        ({"type": "number", "number_max": "lots"}, "Enter a number"),
        ({"type": "number", "integer": "y", "number_max": "2.5"}, "Whole numbers only"),
        ({"type": "short_text", "max_length": "201"}, "Enter a whole number from 1 to 200."),
        ({"type": "long_text", "max_length": "5000"}, "Enter a whole number from 1 to 2000."),
        ({"decline": "maybe"}, "Choose from the list."),
        (clauses(("q1", "equals", "yes"), ("q1", "equals", "no"), join="xor"), "Choose from the list."),
        (clauses(("q1", "like", "yes")), "Choose from the list."),
        (clauses(("q1", "equals", "x" * 501)), "Use at most 500 characters."),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    policy_client, consultation_id: int, survey_id: int, snapshot, changes, message
) -> None:
    url = base(survey_id, consultation_id)
    before = snapshot()
    response = policy_client.post(url + "/questions/new", data=question(**changes))
    assert response.status_code == 400
    text = text_of(response)
    assert message in text
    assert snapshot() == before
    # What was typed is shown again.
    if changes.get("text_vi") is None:
        assert "How do you get to school?" in text


def test_every_problem_is_shown_at_once(policy_client, consultation_id: int, survey_id: int) -> None:
    url = base(survey_id, consultation_id)
    data = question(key="q1", text_vi="", text_en="", **options(("walk", "", "")), **clauses(("zz", "equals", "a")))
    text = text_of(policy_client.post(url + "/questions/new", data=data))
    for message in ("already has that key", "Please write the question", "Give at least two options", "does not exist"):
        assert message in text, message


def test_a_published_survey_is_read_only(app, policy_client, consultation_id: int, survey_id: int, snapshot) -> None:
    url = base(survey_id, consultation_id)
    assert policy_client.post(url + "/publish").status_code == 302
    page = policy_client.get(url).get_data(as_text=True)
    assert "Unpublish to edit" in page and "/questions/new" not in page and "/questions/q1/edit" not in page
    assert policy_client.get(url + "/questions/new").status_code == 302
    assert policy_client.get(url + "/questions/q1/edit").status_code == 302
    before = snapshot()
    for path, data in (
        ("/questions/new", question()),
        ("/questions/q1/edit", question(key="q1")),
        ("/questions/q1/move", {"direction": "down"}),
        ("/questions/q1/delete", {}),
    ):
        response = policy_client.post(url + path, data=data)
        assert response.status_code == 400, path
        assert "unpublish it before changing it" in response.get_data(as_text=True)
    assert snapshot() == before


@pytest.mark.parametrize("direction", ["", "sideways", "up; DROP TABLE question"])
def test_a_tampered_move_is_refused(policy_client, consultation_id: int, survey_id: int, direction, snapshot) -> None:
    before = snapshot()
    response = policy_client.post(
        base(survey_id, consultation_id) + "/questions/q1/move", data={"direction": direction}
    )
    assert response.status_code == 400
    assert snapshot() == before


def test_moving_past_the_ends_changes_nothing(app, policy_client, consultation_id: int, survey_id: int) -> None:
    url = base(survey_id, consultation_id)
    policy_client.post(url + "/questions/new", data=question())
    policy_client.post(url + "/questions/new", data=question(key="q3"))
    assert policy_client.post(url + "/questions/q1/move", data={"direction": "up"}).status_code == 302
    assert policy_client.post(url + "/questions/q3/move", data={"direction": "down"}).status_code == 302
    assert policy_client.post(url + "/questions/q3/move", data={"direction": "up"}).status_code == 302
    assert [q.key for q in load_survey(app, survey_id).questions] == ["q1", "q3", "q2"]


def test_unknown_questions_and_surveys_are_404(policy_client, consultation_id: int, survey_id: int) -> None:
    url = base(survey_id, consultation_id)
    assert policy_client.get(url + "/questions/nope/edit").status_code == 404
    assert policy_client.get(url + "/questions/nope/delete").status_code == 404
    assert policy_client.post(url + "/questions/nope/move", data={"direction": "up"}).status_code == 404
    assert policy_client.get(base(999999, consultation_id)).status_code == 404
    assert policy_client.get(base(survey_id, 999999)).status_code == 404


def test_a_survey_is_only_reached_through_its_own_consultation(app, policy_client, survey_id: int) -> None:
    with app.app_context():
        other = make_consultation()
        db.session.commit()
    assert policy_client.get(base(survey_id, other)).status_code == 404
    assert policy_client.get(base(survey_id, other) + "/preview").status_code == 404
    assert policy_client.post(base(survey_id, other) + "/publish").status_code == 404
