"""Reading survey files (JSON and XLSForm) and writing them back so both formats round-trip."""

import io
import json

import pytest
from openpyxl import load_workbook

from forum.surveys import conditions, definition
from forum.surveys.importing import ImportProblem, export_json, export_xlsform, read_definition


def problems_of(filename, data):
    with pytest.raises(ImportProblem) as caught:
        read_definition(filename, data)
    return caught.value.messages


def option(key, vi, en=None):
    return {"key": key, "label": {"vi": vi, **({"en": en} if en else {})}}


EVERY_TYPE = {
    "title": {"vi": "Sân chơi và an toàn trên đường đến trường", "en": "Playgrounds and the way to school"},
    "questions": [
        {
            "key": "welcome",
            "type": "note",
            "text": {"vi": "Chào em! Cảm ơn em đã tham gia.", "en": "Hello! Thank you."},
        },
        {
            "key": "travel",
            "type": "single_choice",
            "text": {"vi": "Em đến trường bằng cách nào?", "en": "How do you get to school?"},
            "help": {"vi": "Chọn một cách", "en": "Pick one"},
            "required": True,
            "options": [option("walk", "Đi bộ", "Walking"), option("bike", "Xe đạp", "Bicycle"), option("car", "Ô tô")],
        },
        {
            "key": "dangers",
            "type": "multiple_choice",
            "text": {"vi": "Điều gì làm em lo lắng?", "en": "What worries you?"},
            "settings": {"max_choices": 2},
            "sensitive": True,
            "allow_decline": True,
            "options": [option("traffic", "Xe cộ đông đúc", "Traffic"), option("strangers", "Người lạ", "Strangers")],
            "condition": {"op": "not_equals", "question": "travel", "value": "car"},
        },
        {"key": "feeling", "type": "smiley", "text": {"vi": "Em thấy thế nào?"}, "settings": {"points": 5}},
        {"key": "small_smiley", "type": "smiley", "text": {"vi": "Còn bây giờ?"}, "settings": {"points": 3}},
        {"key": "agree", "type": "agree", "text": {"vi": "Đường đến trường an toàn.", "en": "The way is safe."}},
        {
            "key": "lights",
            "type": "yes_no",
            "text": {"vi": "Có đèn giao thông không?"},
            "condition": {"op": "selected", "question": "dangers", "value": "traffic"},
        },
        {"key": "stars", "type": "rating", "text": {"vi": "Chấm điểm sân chơi"}, "settings": {"stars": 7}},
        {
            "key": "minutes",
            "type": "number",
            "text": {"vi": "Em đi mất bao nhiêu phút?"},
            "settings": {"integer": True, "min": 0, "max": 180},
            "required": True,
        },
        {
            "key": "distance",
            "type": "number",
            "text": {"vi": "Bao xa (km)?"},
            "settings": {"min": 0.5, "max": 12.25},
            "condition": {
                "op": "and",
                "args": [
                    {"op": "ge", "question": "minutes", "value": 10},
                    {
                        "op": "or",
                        "args": [
                            {"op": "equals", "question": "feeling", "value": "1"},
                            {"op": "not", "arg": {"op": "lt", "question": "stars", "value": 2.5}},
                        ],
                    },
                ],
            },
        },
        {"key": "class_name", "type": "short_text", "text": {"vi": "Lớp của em"}, "settings": {"max_length": 50}},
        {"key": "ideas", "type": "long_text", "text": {"vi": "Ý kiến của em", "en": "Your ideas"}},
        {
            "key": "places",
            "type": "ranking",
            "text": {"vi": "Xếp hạng nơi em thích chơi"},
            "options": [option("park", "Công viên"), option("yard", "Sân trường"), option("alley", "Ngõ")],
        },
    ],
}


@pytest.fixture
def every_type():
    return definition.from_json(EVERY_TYPE)


# JSON ---------------------------------------------------------------------------------


def test_json_round_trip(every_type):
    data = export_json(every_type)
    assert "Sân chơi" in data.decode("utf-8")  # not escaped
    assert read_definition("survey.json", data) == every_type
    assert read_definition("C:\\Users\\cô giáo\\SURVEY.JSON", b"\xef\xbb\xbf" + data) == every_type


def test_json_strings_are_nfc_normalised():
    data = json.dumps({"title": {"vi": "Vie\u0302\u0323t"}, "questions": [EVERY_TYPE["questions"][0]]}).encode()
    assert read_definition("s.json", data).title == {"vi": "Vi\u1ec7t"}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"title": ', "The JSON is malformed at line 1, column 11: Expecting value."),
        (b'{"title": {"vi": "x"},\n "questions": [,]}', "The JSON is malformed at line 2, column 16: Expecting value."),
        (b"\xff\xfe{}", "The file is not UTF-8 text (invalid byte at position 1)."),
        (b'{"a": NaN}', "NaN is not a number JSON allows; write a plain number."),
        (b'{"a": -Infinity}', "-Infinity is not a number JSON allows; write a plain number."),
        (b'{"a": 1e999}', "The number 1e999 is too large."),
        (b'{"a": 1' + b"0" * 5000 + b"}", "The number 1" + "0" * 39 + "... is too large."),
        (b"[" * 100_000 + b"]" * 100_000, "The JSON is nested too deeply."),
        (b"", "The file is empty."),
    ],
)
def test_bad_json_gets_one_clear_message(data, expected):
    assert problems_of("s.json", data) == [expected]


def test_wrong_shapes_are_reported_with_paths():
    assert problems_of("s.json", b"[]") == ["$: a survey must be a JSON object"]
    shaped = {
        "title": "not texts",
        "questions": [
            {"key": "-bad", "type": "single_choice", "text": {"vi": "A"}, "options": []},
            {"key": "n", "type": "number", "text": {"fr": "B"}, "settings": {"min": 10**14, "max": 1}},
            {"key": "t", "type": "teleport", "text": {"vi": "C"}},
        ],
    }
    assert problems_of("s.json", json.dumps(shaped).encode()) == [
        '$.title: texts by language, like {"vi": "...", "en": "..."}',
        "$.questions[0].key: letters, digits, '_', '.', '-' (not starting with '.' or '-'), at most 64",
        "$.questions[0].options: this type needs options",
        "$.questions[1].settings: min is larger than max",
        "$.questions[1].text: unknown language 'fr' (use vi, en)",
        "$.questions[1].text: missing",
        "$.questions[2].type: one of " + ", ".join(t.value for t in definition.QuestionType),
    ]


def test_conditions_are_checked_on_import():
    survey = {
        "title": {"vi": "T"},
        "questions": [
            {"key": "a", "type": "short_text", "text": {"vi": "A"}, "condition": {"op": "equals", "question": "b"}},
            {"key": "b", "type": "yes_no", "text": {"vi": "B"}},
            {"key": "c", "type": "short_text", "text": {"vi": "C"}, "condition": {"op": "gt", "question": "zz"}},
            {
                "key": "d",
                "type": "short_text",
                "text": {"vi": "D"},
                "condition": {"op": "equals", "question": "b", "value": "x"},
            },
            {"key": "e", "type": "short_text", "text": {"vi": "E"}, "condition": {"op": "eval", "code": "1"}},
            {
                "key": "f",
                "type": "short_text",
                "text": {"vi": "F"},
                "condition": {"op": "gt", "question": "b", "value": 1},
            },
        ],
    }
    assert problems_of("s.json", json.dumps(survey).encode()) == [
        '$.questions[0].condition: "b" comes later; a condition may only use earlier questions',
        '$.questions[2].condition: there is no question "zz"',
        '$.questions[3].condition: "x" is not an option of "b"',
        '$.questions[4].condition: "eval" is not a condition operator',
        '$.questions[5].condition: a number comparison needs a number question ("b")',
    ]


# Size, names ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["big.json", "big.xlsx", "big.csv"])
def test_files_over_five_megabytes_are_refused(name):
    assert problems_of(name, b" " * (5 * 1024 * 1024 + 1)) == ["The file is larger than 5 MB."]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("survey.csv", '"survey.csv": only .json and .xlsx (XLSForm) files can be imported.'),
        ("survey", '"survey": only .json and .xlsx (XLSForm) files can be imported.'),
        ("uploads/a.xlsm", '"a.xlsm": only .json and .xlsx (XLSForm) files can be imported.'),
        ("old.XLS", "Old Excel .xls files cannot be read: save the workbook as .xlsx."),
    ],
)
def test_unknown_extensions_are_refused(name, expected):
    assert problems_of(name, b"{}") == [expected]


def test_xlsform_problems_come_through_as_import_problems():
    assert problems_of("s.xlsx", b"not a workbook") == ["The file is not an Excel workbook (.xlsx)."]


# XLSForm export ------------------------------------------------------------------------


def test_xlsform_round_trip_for_every_type(every_type):
    notices = []
    assert read_definition("export.xlsx", export_xlsform(every_type), notices) == every_type
    assert notices == []


def test_exported_workbook_uses_the_standard_sheets_and_language_columns(every_type):
    book = load_workbook(io.BytesIO(export_xlsform(every_type)), read_only=True)
    assert book.sheetnames == ["survey", "choices", "settings"]
    survey = list(book["survey"].iter_rows(values_only=True))
    assert survey[0][:4] == ("type", "name", "label::Vietnamese (vi)", "label::English (en)")
    rows = {row[1]: row for row in survey[1:]}
    assert rows["travel"][0] == "select_one travel"
    assert rows["feeling"][0] == "select_one feeling" and rows["feeling"][9] == "smiley"
    assert rows["stars"][0] == "range" and rows["stars"][10] == "start=1 end=7 step=1"
    assert rows["distance"][7] == "${minutes} >= 10 and (${feeling} = '1' or not(${stars} < 2.5))"
    assert rows["distance"][8] == ". >= 0.5 and . <= 12.25"
    assert rows["dangers"][8] == "count-selected(.) <= 2"
    settings = list(book["settings"].iter_rows(values_only=True))
    assert settings[1][0] == "Sân chơi và an toàn trên đường đến trường"
    assert settings[1][3] == "Vietnamese (vi)"


def test_an_english_only_title_round_trips():
    survey = definition.from_json({"title": {"en": "Only English"}, "questions": [EVERY_TYPE["questions"][0]]})
    assert read_definition("e.xlsx", export_xlsform(survey)) == survey


def test_what_xlsform_cannot_hold_is_documented_loss():
    """Band wording, intro and target bands need JSON; "is one of" comes back as an `or` of equals."""
    questions = [
        EVERY_TYPE["questions"][1],
        {
            "key": "q",
            "type": "short_text",
            "text": {"vi": "Q"},
            "band_text": {"6-8": {"vi": "Câu dễ hơn"}},
            "condition": {"op": "one_of", "question": "travel", "values": ["walk", "bike"]},
        },
    ]
    survey = definition.from_json(
        {"title": {"vi": "T"}, "intro": {"vi": "Chào"}, "target_bands": ["6-8"], "questions": questions}
    )
    back = read_definition("x.xlsx", export_xlsform(survey))
    assert back.intro == {} and back.target_bands == () and back.questions[1].band_text == {}
    assert back.questions[1].condition == {
        "op": "or",
        "args": [
            {"op": "equals", "question": "travel", "value": "walk"},
            {"op": "equals", "question": "travel", "value": "bike"},
        ],
    }
    for answer in ("walk", "bike", "car", None):
        answers = {"travel": answer} if answer else {}
        assert conditions.evaluate(back.questions[1].condition, answers) == conditions.evaluate(
            survey.questions[1].condition, answers
        )
