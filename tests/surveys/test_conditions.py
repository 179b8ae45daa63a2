import pytest

from forum.surveys.conditions import DECLINED, QuestionFacts, check, evaluate, referenced_questions

EARLIER = {
    "colour": QuestionFacts("choice", frozenset({"red", "blue", "green"})),
    "pets": QuestionFacts("choices", frozenset({"cat", "dog"})),
    "age": QuestionFacts("number"),
    "story": QuestionFacts("text"),
}


def eq(q, v):
    return {"op": "equals", "question": q, "value": v}


@pytest.mark.parametrize(
    "condition,answers,expected",
    [
        (eq("colour", "red"), {"colour": "red"}, True),
        (eq("colour", "red"), {"colour": "blue"}, False),
        (eq("colour", "red"), {}, False),
        (eq("colour", "red"), {"colour": DECLINED}, False),
        ({"op": "not_equals", "question": "colour", "value": "red"}, {"colour": "blue"}, True),
        ({"op": "not_equals", "question": "colour", "value": "red"}, {}, False),
        ({"op": "one_of", "question": "colour", "values": ["red", "green"]}, {"colour": "green"}, True),
        ({"op": "one_of", "question": "colour", "values": ["red", "green"]}, {"colour": "blue"}, False),
        ({"op": "selected", "question": "pets", "value": "dog"}, {"pets": ["cat", "dog"]}, True),
        ({"op": "selected", "question": "pets", "value": "dog"}, {"pets": ["cat"]}, False),
        ({"op": "lt", "question": "age", "value": 10}, {"age": 9}, True),
        ({"op": "lt", "question": "age", "value": 10}, {"age": 10}, False),
        ({"op": "le", "question": "age", "value": 10}, {"age": 10}, True),
        ({"op": "gt", "question": "age", "value": 10}, {"age": 10.5}, True),
        ({"op": "ge", "question": "age", "value": 10}, {"age": 9.99}, False),
        (eq("age", 12), {"age": 12.0}, True),
        ({"op": "gt", "question": "age", "value": 10}, {"age": DECLINED}, False),
        (
            {"op": "and", "args": [eq("colour", "red"), {"op": "gt", "question": "age", "value": 5}]},
            {"colour": "red", "age": 6},
            True,
        ),
        (
            {"op": "and", "args": [eq("colour", "red"), {"op": "gt", "question": "age", "value": 5}]},
            {"colour": "red", "age": 4},
            False,
        ),
        ({"op": "or", "args": [eq("colour", "red"), eq("colour", "blue")]}, {"colour": "blue"}, True),
        ({"op": "or", "args": [eq("colour", "red"), eq("colour", "blue")]}, {"colour": "green"}, False),
        ({"op": "not", "arg": eq("colour", "red")}, {"colour": "blue"}, True),
        ({"op": "not", "arg": eq("colour", "red")}, {}, True),
        (None, {}, True),
    ],
)
def test_evaluate(condition, answers, expected):
    assert evaluate(condition, answers) is expected


@pytest.mark.parametrize(
    "condition",
    [
        eq("colour", "red"),
        {"op": "one_of", "question": "colour", "values": ["red", "blue"]},
        {"op": "selected", "question": "pets", "value": "cat"},
        {"op": "le", "question": "age", "value": 3},
        eq("age", 7),
        {"op": "or", "args": [eq("colour", "red"), {"op": "not", "arg": eq("age", 1)}]},
    ],
)
def test_valid_conditions_have_no_problems(condition):
    assert check(condition, EARLIER) == []


@pytest.mark.parametrize(
    "condition,code",
    [
        (eq("later", "x"), "forward_reference"),
        (eq("nowhere", "x"), "unknown_question"),
        (eq("colour", "purple"), "unknown_option"),
        ({"op": "selected", "question": "colour", "value": "red"}, "wrong_kind"),
        ({"op": "gt", "question": "colour", "value": 1}, "wrong_kind"),
        ({"op": "gt", "question": "age", "value": "ten"}, "malformed"),
        ({"op": "gt", "question": "age", "value": float("inf")}, "malformed"),
        (eq("story", "hello"), "wrong_kind"),
        ({"op": "one_of", "question": "colour", "values": []}, "malformed"),
        ({"op": "and", "args": [eq("colour", "red")]}, "malformed"),
        ({"op": "xor", "args": []}, "unknown_operator"),
        ("colour = red", "malformed"),
        ({"op": "equals", "value": "red"}, "malformed"),
    ],
)
def test_problems_are_named(condition, code):
    problems = check(condition, EARLIER, later=["later"])
    assert [p.code for p in problems] == [code]


def test_deep_nesting_is_refused():
    condition = eq("colour", "red")
    for _ in range(20):
        condition = {"op": "not", "arg": condition}
    assert check(condition, EARLIER)[0].code == "malformed"


def test_referenced_questions():
    condition = {"op": "and", "args": [eq("colour", "red"), {"op": "not", "arg": eq("age", 3)}]}
    assert referenced_questions(condition) == ["colour", "age"]
    assert referenced_questions(None) == []


def test_huge_numbers_are_malformed_not_a_crash():
    assert check({"op": "gt", "question": "age", "value": 10**400}, EARLIER)[0].code == "malformed"
    assert evaluate({"op": "gt", "question": "age", "value": 3}, {"age": 10**400}) is False
