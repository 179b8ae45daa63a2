import pytest
from werkzeug.datastructures import MultiDict

from forum.surveys.answers import DECLINE_VALUE, check_value, final_answers, read_answer, visible_questions
from forum.surveys.conditions import DECLINED
from forum.surveys.definition import from_json


def q(key, kind, **extra):
    data = {"key": key, "type": kind, "text": {"vi": key}}
    if kind in ("single_choice", "multiple_choice", "ranking"):
        data["options"] = [{"key": k, "label": {"vi": k}} for k in ("a", "b", "c", "d")]
    data.update(extra)
    return data


def survey(*questions):
    return from_json({"title": {"vi": "T"}, "questions": list(questions)})


def read(question_json, **fields):
    question = survey(question_json).questions[0]
    form = MultiDict(
        [(name, v) for name, values in fields.items() for v in (values if isinstance(values, list) else [values])]
    )
    return read_answer(question, form)


def field(key, option=None):
    return f"q-{key}" if option is None else f"q-{key}-{option}"


@pytest.mark.parametrize(
    "kind,given,expected",
    [
        ("single_choice", "b", "b"),
        ("smiley", "3", "3"),
        ("agree", "5", "5"),
        ("yes_no", "not_sure", "not_sure"),
    ],
)
def test_one_option_types(kind, given, expected):
    assert read(q("x", kind), **{field("x"): given}) == (expected, None)


@pytest.mark.parametrize("kind", ["single_choice", "smiley", "yes_no"])
def test_an_option_of_another_question_is_refused(kind):
    value, error = read(q("x", kind), **{field("x"): "zzz"})
    assert value is None and error.code == "unknown_option"


def test_multiple_choice_keeps_question_order_and_limits():
    assert read(q("x", "multiple_choice"), **{field("x"): ["c", "a", "a"]}) == (["a", "c"], None)
    _, error = read(q("x", "multiple_choice", settings={"max_choices": 2}), **{field("x"): ["a", "b", "c"]})
    assert error.code == "too_many" and error.limit == 2


@pytest.mark.parametrize(
    "given,expected",
    [
        ("12", (12, None)),
        (" 7 ", (7, None)),
        ("5,5", (5.5, None)),
        ("1e999", (None, "not_a_number")),
        ("NaN", (None, "not_a_number")),
        ("Infinity", (None, "not_a_number")),
        ("abc", (None, "not_a_number")),
        ("9" * 50, (None, "not_a_number")),
        ("3", (None, "too_small")),
        ("99", (None, "too_large")),
    ],
)
def test_numbers(given, expected):
    value, error = read(q("n", "number", settings={"min": 5, "max": 50}), **{field("n"): given})
    assert (value, error.code if error else None) == expected


def test_whole_numbers_and_ratings():
    assert read(q("n", "number", settings={"integer": True}), **{field("n"): "4.5"})[1].code == "not_whole"
    assert read(q("r", "rating"), **{field("r"): "5"}) == (5, None)
    assert read(q("r", "rating"), **{field("r"): "6"})[1].code == "too_large"
    assert read(q("r", "rating", settings={"stars": 10}), **{field("r"): "9"}) == (9, None)
    assert read(q("r", "rating"), **{field("r"): "0"})[1].code == "too_small"


def test_text_is_normalised_and_limited():
    decomposed = "Tie\u0302\u0301ng Vie\u0323\u0302t"
    value, error = read(q("t", "short_text"), **{field("t"): f"  {decomposed}  "})
    assert error is None and value == "Tiếng Việt"
    assert read(q("t", "short_text"), **{field("t"): "x" * 201})[1].code == "too_long"
    assert read(q("t", "long_text"), **{field("t"): "x" * 100_000})[1].code == "too_long"
    assert read(q("t", "long_text"), **{field("t"): "a\nb"}) == ("a\nb", None)
    assert read(q("t", "short_text"), **{field("t"): "hid\u200bden"})[1].code == "invisible_characters"
    assert read(q("t", "short_text"), **{field("t"): "bi\u202edi"})[1].code == "invisible_characters"
    assert read(q("t", "short_text"), **{field("t"): "   "}) == (None, None)


def test_ranking():
    ranked = {field("r", "c"): "1", field("r", "a"): "2"}
    assert read(q("r", "ranking"), **ranked) == (["c", "a"], None)
    assert read(q("r", "ranking"), **{field("r", "c"): "1", field("r", "a"): "1"})[1].code == "bad_rank"
    assert read(q("r", "ranking"), **{field("r", "c"): "1", field("r", "a"): "3"})[1].code == "bad_rank"
    assert read(q("r", "ranking"), **{field("r", "c"): "x"})[1].code == "bad_rank"
    limited = q("r", "ranking", settings={"max_ranked": 1})
    assert read(limited, **ranked)[1].code == "too_many"


def test_declining_only_where_allowed():
    assert read(q("x", "single_choice", allow_decline=True), **{field("x"): DECLINE_VALUE}) == (DECLINED, None)
    assert read(q("x", "single_choice"), **{field("x"): DECLINE_VALUE})[1].code == "not_allowed"
    assert read(q("x", "long_text", allow_decline=True), **{field("x"): ["words", DECLINE_VALUE]}) == (DECLINED, None)


def test_unanswered_is_none():
    assert read(q("x", "single_choice")) == (None, None)


def test_check_value_refuses_tampered_drafts():
    question = survey(q("x", "single_choice")).questions[0]
    assert check_value(question, "a") is None
    assert check_value(question, "zz").code == "unknown_option"
    assert check_value(question, ["a"]).code == "unknown_option"
    assert check_value(question, DECLINED).code == "not_allowed"
    number = survey(q("n", "number", settings={"max": 5})).questions[0]
    assert check_value(number, 6).code == "too_large"
    assert check_value(number, True).code == "not_a_number"


CONDITIONAL = survey(
    q("pet", "yes_no", required=True),
    q("which", "multiple_choice", required=True, condition={"op": "equals", "question": "pet", "value": "yes"}),
    q("dog_name", "short_text", condition={"op": "selected", "question": "which", "value": "b"}),
    q("age", "number"),
    q("older", "note", condition={"op": "ge", "question": "age", "value": 12}),
)


def test_visible_questions_follow_the_answers():
    keys = lambda answers: [x.key for x in visible_questions(CONDITIONAL, answers)]  # noqa: E731
    assert keys({}) == ["pet", "age"]
    assert keys({"pet": "yes"}) == ["pet", "which", "age"]
    assert keys({"pet": "yes", "which": ["b"], "age": 13}) == ["pet", "which", "dog_name", "age", "older"]


def test_final_answers_drop_hidden_questions_and_require_visible_ones():
    answers, errors = final_answers(CONDITIONAL, {"pet": "no", "which": ["b"], "dog_name": "Lu", "age": 9})
    assert answers == {"pet": "no", "age": 9} and errors == {}
    answers, errors = final_answers(CONDITIONAL, {"pet": "yes"})
    assert errors["which"].code == "required"
    _, errors = final_answers(CONDITIONAL, {})
    assert set(errors) == {"pet"}
