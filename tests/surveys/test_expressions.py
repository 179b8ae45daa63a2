"""The XLSForm `relevant` subset: parsed into condition trees, refused by position, written back."""

import pytest

from forum.surveys.expressions import ExpressionError, parse_relevant, to_relevant, tokenize


def eq(question, value):
    return {"op": "equals", "question": question, "value": value}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("${q} = 'x'", eq("q", "x")),
        ('${q} = "x"', eq("q", "x")),
        ("${q} != 'x'", {"op": "not_equals", "question": "q", "value": "x"}),
        ("${q} = 3", eq("q", 3)),
        ("${q} != 3", {"op": "not_equals", "question": "q", "value": 3}),
        ("${q} < 3", {"op": "lt", "question": "q", "value": 3}),
        ("${q} <= 3", {"op": "le", "question": "q", "value": 3}),
        ("${q} > 3", {"op": "gt", "question": "q", "value": 3}),
        ("${q} >= 3", {"op": "ge", "question": "q", "value": 3}),
        ("${q} >= 2.5", {"op": "ge", "question": "q", "value": 2.5}),
        ("${q} > -1", {"op": "gt", "question": "q", "value": -1}),
        ("${q} > '10'", {"op": "gt", "question": "q", "value": 10}),
        ("3 < ${q}", {"op": "gt", "question": "q", "value": 3}),
        ("'x' = ${q}", eq("q", "x")),
        ("selected(${q}, 'x')", {"op": "selected", "question": "q", "value": "x"}),
        ("not(${q} = 'x')", {"op": "not", "arg": eq("q", "x")}),
        ("${a} = 'x' and ${b} = 'y'", {"op": "and", "args": [eq("a", "x"), eq("b", "y")]}),
        ("${a} = 'x' or ${a} = 'y'", {"op": "or", "args": [eq("a", "x"), eq("a", "y")]}),
        ("${a} = 'Tiếng Việt có dấu'", eq("a", "Tiếng Việt có dấu")),
        ("${a}='x'and${b}='y'", {"op": "and", "args": [eq("a", "x"), eq("b", "y")]}),
        ("  (  ${a}  =  'x'  )  ", eq("a", "x")),
        ("\n${a}\t=\n'x'", eq("a", "x")),
        ("NOT(${a} = 'x') AND ${b} = 'y'", {"op": "and", "args": [{"op": "not", "arg": eq("a", "x")}, eq("b", "y")]}),
        ("${group.q-1} = 'x'", eq("group.q-1", "x")),
    ],
)
def test_every_operator_and_spelling(text, expected):
    assert parse_relevant(text) == expected


def test_and_binds_tighter_than_or():
    a, b, c = eq("a", "1x"), eq("b", "2x"), eq("c", "3x")
    assert parse_relevant("${a} = '1x' or ${b} = '2x' and ${c} = '3x'") == {
        "op": "or",
        "args": [a, {"op": "and", "args": [b, c]}],
    }
    assert parse_relevant("${a} = '1x' and ${b} = '2x' or ${c} = '3x'") == {
        "op": "or",
        "args": [{"op": "and", "args": [a, b]}, c],
    }


def test_parentheses_override_precedence_and_keep_their_node():
    a, b, c = eq("a", "x"), eq("b", "x"), eq("c", "x")
    assert parse_relevant("(${a} = 'x' or ${b} = 'x') and ${c} = 'x'") == {
        "op": "and",
        "args": [{"op": "or", "args": [a, b]}, c],
    }
    assert parse_relevant("(${a} = 'x' and ${b} = 'x') and ${c} = 'x'") == {
        "op": "and",
        "args": [{"op": "and", "args": [a, b]}, c],
    }
    assert parse_relevant("${a} = 'x' and ${b} = 'x' and ${c} = 'x'") == {"op": "and", "args": [a, b, c]}


def test_not_binds_tightest():
    assert parse_relevant("not(${a} = 'x') or ${b} = 'x'") == {
        "op": "or",
        "args": [{"op": "not", "arg": eq("a", "x")}, eq("b", "x")],
    }
    assert parse_relevant("not ${a} = 'x' and ${b} = 'x'") == {
        "op": "and",
        "args": [{"op": "not", "arg": eq("a", "x")}, eq("b", "x")],
    }
    assert parse_relevant("not(not(${a} = 'x'))") == {"op": "not", "arg": {"op": "not", "arg": eq("a", "x")}}


@pytest.mark.parametrize(
    ("text", "position", "token", "words"),
    [
        ("${q} + 1 > 3", 6, "+", "arithmetic"),
        ("${q} * 2 = 4", 6, "*", "arithmetic"),
        ("${q} div 2 = 4", 6, "div", "arithmetic"),
        (". > 3", 1, ".", "current field"),
        ("count-selected(${q}) > 1", 1, "count-selected", "count-selected() is not supported"),
        ("regex(${q}, '[0-9]+')", 1, "regex", "regex() is not supported"),
        ("string-length(${q}) > 3", 1, "string-length", "not supported"),
        ("${q} = ${r}", 8, "${r}", "not with another field"),
        ("'a' = 'b'", 1, "'a'", "must be a field"),
        ("${q}", 5, "", "compared with a value"),
        ("${q} = 'x' and", 15, "", "ends too early"),
        ("${q} = 'x' ${r} = 'y'", 12, "${r}", "expected 'and', 'or'"),
        ("(${q} = 'x'", 12, "", "expected ')'"),
        ("${q} = 'x", 8, "'x", "no closing quote"),
        ("${q = 'x'", 1, "${q = 'x'", "${name}"),
        ("${} = 'x'", 1, "${}", "${name}"),
        ("${q} < 'abc'", 8, "'abc'", "compares numbers"),
        ("${q} = ''", 8, "''", "empty text"),
        ("${q} > 1e999", 9, "e999", "expected 'and', 'or'"),
        ("${q} > 1234567890123456", 8, "1234567890123456", "at most 15 digits"),
        ("selected(${q})", 14, ")", "expected ','"),
        ("selected(${q}, 3)", 16, "3", "in quotes"),
        ("selected('x', ${q})", 10, "'x'", "field like ${name} first"),
        ("${q} == 'x'", 7, "=", "expected a field"),
        ("${q} = 'x' && ${r} = 'y'", 12, "&", "not supported"),
        ("true()", 1, "true", "true() is not supported"),
        ("   ", 1, "", "empty"),
    ],
)
def test_refusals_name_the_position_and_token(text, position, token, words):
    with pytest.raises(ExpressionError) as caught:
        parse_relevant(text)
    assert caught.value.position == position
    assert caught.value.token == token
    assert words in caught.value.message
    assert f"position {position}" in str(caught.value)


def test_refuses_deep_nesting_and_long_text_without_recursion_errors():
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse_relevant("(" * 200 + "${q} = 'x'" + ")" * 200)
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse_relevant("not(" * 200 + "${q} = 'x'" + ")" * 200)
    with pytest.raises(ExpressionError, match="at most 2000"):
        parse_relevant("${q} = 'x' or " * 200 + "${q} = 'y'")


def test_tokens_carry_one_based_positions():
    tokens = tokenize("${a}  >= 3")
    assert [(t.kind, t.text, t.position) for t in tokens] == [
        ("field", "${a}", 1),
        ("op", ">=", 7),
        ("number", "3", 10),
        ("end", "", 11),
    ]


ROUND_TRIPS = [
    eq("q", "x"),
    eq("q", 3),
    eq("q", 2.5),
    eq("q", 0.00001),
    {"op": "not_equals", "question": "q", "value": "x"},
    {"op": "lt", "question": "n", "value": -4},
    {"op": "le", "question": "n", "value": 4},
    {"op": "gt", "question": "n", "value": 4.75},
    {"op": "ge", "question": "n", "value": 10},
    {"op": "selected", "question": "m", "value": "it's"},
    {"op": "not", "arg": eq("q", "x")},
    {"op": "and", "args": [eq("a", "x"), {"op": "or", "args": [eq("b", "y"), eq("c", "z")]}]},
    {"op": "or", "args": [{"op": "and", "args": [eq("a", "x"), eq("b", "y")]}, eq("c", "z")]},
    {"op": "and", "args": [{"op": "and", "args": [eq("a", "x"), eq("b", "y")]}, eq("c", "z")]},
    {"op": "or", "args": [{"op": "or", "args": [eq("a", "x"), eq("b", "y")]}, eq("c", "z"), eq("d", "w")]},
    {"op": "not", "arg": {"op": "and", "args": [eq("a", "x"), {"op": "not", "arg": eq("b", "y")}]}},
]


@pytest.mark.parametrize("condition", ROUND_TRIPS)
def test_to_relevant_round_trips(condition):
    assert parse_relevant(to_relevant(condition)) == condition


def test_to_relevant_writes_readable_xpath():
    condition = {
        "op": "and",
        "args": [{"op": "ge", "question": "age", "value": 9}, {"op": "selected", "question": "m", "value": "park"}],
    }
    assert to_relevant(condition) == "${age} >= 9 and selected(${m}, 'park')"
    assert to_relevant(eq("q", 0.00001)) == "${q} = 0.00001"


def test_one_of_comes_back_as_or_of_equals():
    text = to_relevant({"op": "one_of", "question": "q", "values": ["a", "b"]})
    assert text == "(${q} = 'a' or ${q} = 'b')"
    assert parse_relevant(text) == {"op": "or", "args": [eq("q", "a"), eq("q", "b")]}
    assert to_relevant({"op": "one_of", "question": "q", "values": ["a"]}) == "${q} = 'a'"


def test_a_value_with_both_quotes_cannot_be_written():
    with pytest.raises(ValueError, match="both kinds of quote"):
        to_relevant(eq("q", 'it\'s "x"'))
