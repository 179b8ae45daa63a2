"""The condition builder: every operator, and/or, and conditions that look forward or at nothing."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from forum.extensions import db
from forum.surveys import services as surveys
from forum.surveys.definition import OptionDefinition, QuestionDefinition, QuestionType
from tests.consultations.conftest import load_survey, make_survey, text_of, yes_no
from tests.consultations.test_builder import base, clauses, question


def _choice(key: str, kind: QuestionType, *options: tuple[str, str]) -> QuestionDefinition:
    return QuestionDefinition(
        key=key,
        type=kind,
        text={"vi": f"Câu {key}", "en": f"Question {key}"},
        options=tuple(OptionDefinition(k, {"vi": vi}) for k, vi in options),
    )


@pytest.fixture
def survey_with_answers(app: Flask, consultation_id: int) -> int:
    """q1 single choice, q2 multiple choice, q3 number, q4 yes/no, q5 short text."""
    with app.app_context():
        sid = make_survey(
            consultation_id,
            (
                _choice("q1", QuestionType.SINGLE_CHOICE, ("walk", "Đi bộ"), ("bike", "Xe đạp"), ("bus", "Xe buýt")),
                _choice("q2", QuestionType.MULTIPLE_CHOICE, ("park", "Công viên"), ("yard", "Sân trường")),
                QuestionDefinition(key="q3", type=QuestionType.NUMBER, text={"vi": "Mấy phút?"}),
                yes_no("q4"),
                QuestionDefinition(key="q5", type=QuestionType.SHORT_TEXT, text={"vi": "Vì sao?"}),
            ),
        )
        db.session.commit()
        return sid


CASES = [
    (("q1", "equals", "walk"), {"op": "equals", "question": "q1", "value": "walk"}, "Shown if q1 is “Đi bộ”"),
    (("q4", "not_equals", "no"), {"op": "not_equals", "question": "q4", "value": "no"}, "Shown if q4 is not “No”"),
    (
        ("q1", "one_of", "walk, bus"),
        {"op": "one_of", "question": "q1", "values": ["walk", "bus"]},
        "Shown if q1 is one of “Đi bộ”, “Xe buýt”",
    ),
    (
        ("q2", "selected", "park"),
        {"op": "selected", "question": "q2", "value": "park"},
        "Shown if q2 includes “Công viên”",
    ),
    (("q3", "lt", "5"), {"op": "lt", "question": "q3", "value": 5}, "Shown if q3 < 5"),
    (("q3", "le", "2,5"), {"op": "le", "question": "q3", "value": 2.5}, "Shown if q3 ≤ 2.5"),
    (("q3", "gt", "10"), {"op": "gt", "question": "q3", "value": 10}, "Shown if q3 > 10"),
    (("q3", "ge", "-3"), {"op": "ge", "question": "q3", "value": -3}, "Shown if q3 ≥ -3"),
    (("q3", "equals", "15"), {"op": "equals", "question": "q3", "value": 15}, "Shown if q3 is 15"),
]


@pytest.mark.parametrize("clause, stored, words", CASES)
def test_every_operator(app, policy_client, consultation_id, survey_with_answers, clause, stored, words) -> None:
    url = base(survey_with_answers, consultation_id)
    response = policy_client.post(url + "/questions/new", data=question(key="q6", **clauses(clause)))
    assert response.status_code == 302, text_of(response)
    assert load_survey(app, survey_with_answers).questions[-1].condition == stored
    assert words in text_of(policy_client.get(url))
    # The edit form shows the clause again, and saving it unchanged keeps the condition.
    edit = text_of(policy_client.get(url + "/questions/q6/edit"))
    assert f'value="{clause[2].replace("2,5", "2.5")}"' in edit
    assert policy_client.post(url + "/questions/q6/edit", data=question(key="q6", **clauses(clause))).status_code == 302
    assert load_survey(app, survey_with_answers).questions[-1].condition == stored


@pytest.mark.parametrize("join", ["and", "or"])
def test_clauses_are_combined_with_and_or(app, policy_client, consultation_id, survey_with_answers, join) -> None:
    url = base(survey_with_answers, consultation_id)
    data = question(
        key="q6", **clauses(("q4", "equals", "yes"), ("q3", "gt", "5"), ("q2", "selected", "yard"), join=join)
    )
    assert policy_client.post(url + "/questions/new", data=data).status_code == 302
    assert load_survey(app, survey_with_answers).questions[-1].condition == {
        "op": join,
        "args": [
            {"op": "equals", "question": "q4", "value": "yes"},
            {"op": "gt", "question": "q3", "value": 5},
            {"op": "selected", "question": "q2", "value": "yard"},
        ],
    }
    word = "and" if join == "and" else "or"
    assert f"Shown if q4 is “Yes” {word} q3 > 5 {word} q2 includes “Sân trường”" in text_of(policy_client.get(url))


def test_two_clauses_and_an_empty_middle_row(app, policy_client, consultation_id, survey_with_answers) -> None:
    url = base(survey_with_answers, consultation_id)
    data = question(key="q6", **clauses(("q4", "equals", "yes"), ("", "equals", ""), ("q3", "gt", "5")))
    assert policy_client.post(url + "/questions/new", data=data).status_code == 302
    assert load_survey(app, survey_with_answers).questions[-1].condition["args"][1] == {
        "op": "gt",
        "question": "q3",
        "value": 5,
    }


def test_clearing_the_clauses_removes_the_condition(app, policy_client, consultation_id, survey_with_answers) -> None:
    url = base(survey_with_answers, consultation_id)
    policy_client.post(url + "/questions/new", data=question(key="q6", **clauses(("q4", "equals", "yes"))))
    assert policy_client.post(url + "/questions/q6/edit", data=question(key="q6")).status_code == 302
    assert load_survey(app, survey_with_answers).questions[-1].condition is None
    assert "Always shown" in text_of(policy_client.get(url))


REFUSED = [
    (("zz", "equals", "walk"), "refers to zz, which does not exist"),
    (("q6", "equals", "walk"), "refers to q6, which is not before it"),  # itself
    (("q1", "equals", "fly"), "uses an option that question q1 does not have"),
    (("q1", "one_of", "walk, fly"), "uses an option that question q1 does not have"),
    (("q2", "selected", "beach"), "uses an option that question q2 does not have"),
    (("q1", "selected", "walk"), "does not fit the kind of question q1"),
    (("q2", "one_of", "park"), "does not fit the kind of question q2"),
    (("q1", "gt", "3"), "does not fit the kind of question q1"),
    (("q5", "equals", "hello"), "does not fit the kind of question q5"),
    (("q3", "gt", "many"), "The clause on q3 needs a number."),
    (("q3", "equals", "1e999"), "The clause on q3 needs a number."),
    (("q3", "lt", ""), "The clause on q3 has no value."),
    (("", "equals", "walk"), "A clause has a value but no question."),
]


@pytest.mark.parametrize("clause, message", REFUSED)
def test_bad_conditions_are_refused(
    policy_client, consultation_id, survey_with_answers, snapshot, clause, message
) -> None:
    before = snapshot()
    response = policy_client.post(
        base(survey_with_answers, consultation_id) + "/questions/new", data=question(key="q6", **clauses(clause))
    )
    assert response.status_code == 400
    assert message in text_of(response)
    assert snapshot() == before


def test_a_condition_may_not_look_forward(app, policy_client, consultation_id, survey_with_answers, snapshot) -> None:
    """Editing q1 to depend on q4, which comes after it, is refused."""
    url = base(survey_with_answers, consultation_id)
    before = snapshot()
    data = question(key="q1", **clauses(("q4", "equals", "yes")))
    response = policy_client.post(url + "/questions/q1/edit", data=data)
    assert response.status_code == 400
    assert "The condition of question q1 refers to q4, which is not before it" in text_of(response)
    assert snapshot() == before


def test_only_earlier_questions_are_offered(policy_client, consultation_id, survey_with_answers) -> None:
    url = base(survey_with_answers, consultation_id)
    page = text_of(policy_client.get(url + "/questions/q3/edit"))
    select = page[
        page.index('name="clauses-0-question"') : page.index("</select>", page.index('name="clauses-0-question"'))
    ]
    assert 'value="q1"' in select and 'value="q2"' in select
    assert 'value="q3"' not in select and 'value="q4"' not in select
    # The options of earlier choice questions are shown beside the value.
    assert "walk" in page and "Đi bộ" in page and "park" in page


def test_a_condition_the_rows_cannot_show_is_kept(app, policy_client, consultation_id, survey_with_answers) -> None:
    nested = {"op": "not", "arg": {"op": "equals", "question": "q4", "value": "yes"}}
    with app.app_context():
        survey = surveys.get_survey(survey_with_answers)
        assert survey is not None
        surveys.put_question(
            survey, QuestionDefinition(key="q6", type=QuestionType.SHORT_TEXT, text={"vi": "Kể thêm"}, condition=nested)
        )
        db.session.commit()
    url = base(survey_with_answers, consultation_id)
    page = text_of(policy_client.get(url + "/questions/q6/edit"))
    assert "cannot show" in page and "not q4 is “Yes”" in page
    data: dict[str, Any] = question(key="q6", type="short_text")
    assert policy_client.post(url + "/questions/q6/edit", data=data).status_code == 302
    assert load_survey(app, survey_with_answers).questions[-1].condition == nested
    data["replace_condition"] = "y"
    assert policy_client.post(url + "/questions/q6/edit", data=data).status_code == 302
    assert load_survey(app, survey_with_answers).questions[-1].condition is None
