"""The XLSForm reader on real files from the XLSForm project, our own fixtures and small in-memory forms."""

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from forum.surveys import xlsform_sheets
from forum.surveys.definition import QuestionType
from forum.surveys.xlsform import XLSFormError, language_of, read_xlsform

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "xlsform"


def problems_of(data, **kwargs):
    with pytest.raises(XLSFormError) as caught:
        read_xlsform(data, **kwargs)
    return caught.value.problems


def form(survey, choices=None, settings=(("form_title",), ("Khảo sát",))):
    book = Workbook()
    book.remove(book.active)
    for title, rows in (("survey", survey), ("choices", choices), ("settings", settings)):
        if rows is not None:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEAD = ("type", "name", "label::Vietnamese (vi)", "label::English (en)", "relevant", "constraint", "appearance")
YES_NO = (("list_name", "name", "label"), ("yn", "yes", "Có"), ("yn", "no", "Không"))


def questions(data, **kwargs):
    return {q.key: q for q in read_xlsform(data, **kwargs).questions}


# Real files (BSD, the XLSForm project: see fixtures/xlsform/LICENSE) ----------------------


def test_real_text_and_integer_form_with_old_label_english_column():
    survey = read_xlsform((REAL / "text_and_integer.xlsx").read_bytes(), fallback_title="text_and_integer")
    assert survey.title == {"vi": "text_and_integer"}
    assert [(q.key, q.type, q.text, q.settings) for q in survey.questions] == [
        ("your_name", QuestionType.SHORT_TEXT, {"en": "What is your name?"}, {}),
        ("your_age", QuestionType.NUMBER, {"en": "How many years old are you?"}, {"integer": True}),
    ]


def test_real_group_form_refuses_the_phone_number_row():
    assert problems_of((REAL / "group.xlsx").read_bytes(), fallback_title="group") == [
        'survey sheet, row 4, column "type": "phone number" is not supported'
    ]


def test_real_or_other_form_names_both_unsupported_features():
    assert problems_of((REAL / "or_other.xlsx").read_bytes(), fallback_title="or_other") == [
        'survey sheet, row 2, column "type": "or_other" (a free-text "other" choice) is not supported',
        'survey sheet, row 3, column "choice_filter": choice filters (cascading selects) are not supported',
    ]


def test_real_choice_filter_form_refuses_the_filter_and_the_duplicate_choice():
    assert problems_of((REAL / "choice_filter_test.xlsx").read_bytes()) == [
        'survey sheet, row 3, column "choice_filter": choice filters (cascading selects) are not supported',
        'choices sheet, row 6, column "name": "king" is already a choice in "counties"',
    ]


# Our fixtures -------------------------------------------------------------------------


def test_every_supported_type_with_vietnamese_and_english():
    notices = []
    survey = read_xlsform((FIXTURES / "vi_en_all_types.xlsx").read_bytes(), notices=notices)
    assert survey.title == {"vi": "Đường đến trường an toàn"}
    by_key = {q.key: q for q in survey.questions}
    assert [(q.key, q.type.value) for q in survey.questions] == [
        ("welcome", "note"),
        ("travel", "single_choice"),
        ("safe", "single_choice"),
        ("dangers", "multiple_choice"),
        ("danger_other", "short_text"),
        ("places", "ranking"),
        ("minutes", "number"),
        ("distance", "number"),
        ("happiness", "number"),
        ("stars", "rating"),
        ("ideas", "long_text"),
        ("travel_back", "single_choice"),
    ]
    travel = by_key["travel"]
    assert travel.text == {"vi": "Em đến trường bằng cách nào?", "en": "How do you get to school?"}
    assert travel.help == {"vi": "Chọn một", "en": "Pick one"}
    assert travel.required and by_key["safe"].required and by_key["dangers"].required and by_key["places"].required
    assert not by_key["minutes"].required
    assert [(o.key, o.label) for o in travel.options][1] == ("bike", {"vi": "Xe đạp", "en": "Bicycle"})
    assert by_key["dangers"].settings == {"max_choices": 2}
    assert by_key["danger_other"].settings == {"max_length": 150}
    assert by_key["minutes"].settings == {"integer": True, "min": 0, "max": 180}
    assert by_key["distance"].settings == {"min": 0, "max": 50.5}
    assert by_key["happiness"].settings == {"min": 1, "max": 5, "integer": True}
    assert by_key["stars"].settings == {"stars": 5}
    # A group's relevant is ANDed into each question inside; the question keeps its own.
    unsafe = {"op": "equals", "question": "safe", "value": "no"}
    assert by_key["dangers"].condition == unsafe
    assert by_key["danger_other"].condition == {
        "op": "and",
        "args": [unsafe, {"op": "selected", "question": "dangers", "value": "other"}],
    }
    assert by_key["distance"].condition == {"op": "gt", "question": "minutes", "value": 10}
    outer = {
        "op": "and",
        "args": [
            {"op": "not_equals", "question": "travel", "value": "car"},
            {"op": "not", "arg": {"op": "lt", "question": "minutes", "value": 5}},
        ],
    }
    inner = {
        "op": "or",
        "args": [{"op": "ge", "question": "minutes", "value": 5}, {"op": "equals", "question": "safe", "value": "yes"}],
    }
    assert by_key["happiness"].condition == by_key["stars"].condition == {"op": "and", "args": [outer, inner]}
    assert by_key["ideas"].condition is None and by_key["travel_back"].condition is None
    assert notices == [
        'survey sheet, row 4, column "Appearance": likert is shown as an ordinary single choice',
        'survey sheet, row 12, column "Constraint": a strict bound on a decimal was kept as inclusive',
    ]


def test_old_style_headers_and_a_plain_label_in_vietnamese():
    survey = read_xlsform((FIXTURES / "old_style_labels.xlsx").read_bytes(), fallback_title="Sân chơi")
    assert survey.title == {"vi": "Sân chơi"}
    first = survey.questions[0]
    assert first.text == {"vi": "Gần nhà em có sân chơi không?", "en": "Is there a playground near home?"}
    assert first.help == {"en": "Near home"}
    assert [(o.key, o.label) for o in first.options] == [
        ("yes", {"vi": "Có", "en": "Yes"}),
        ("no", {"vi": "Không", "en": "No"}),
    ]


def test_english_default_language_and_other_languages_ignored_with_a_notice():
    notices = []
    survey = read_xlsform((FIXTURES / "english_default.xlsx").read_bytes(), notices=notices)
    assert survey.title == {"en": "My class"}
    assert survey.questions[0].text == {"en": "Which class are you in?", "vi": "Em học lớp nào?"}
    assert notices == ['survey sheet, column "label::Français": this column was ignored']


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "duplicate_names.xlsx",
            [
                'survey sheet, row 3, column "name": "colour" is already the name of a question',
                'choices sheet, row 4, column "name": "red" is already a choice in "colour"',
                'choices sheet, row 5, column "name": the choice has no name',
            ],
        ),
        (
            "relevant_unknown.xlsx",
            ['survey sheet, row 2, column "relevant": there is no question named "missing_question"'],
        ),
        (
            "relevant_forward.xlsx",
            [
                'survey sheet, row 2, column "relevant": "later" comes later in the form; '
                "a question can only depend on earlier ones"
            ],
        ),
        (
            "unsupported_types.xlsx",
            [
                'survey sheet, row 2, column "type": "start" is not supported '
                "(device information is never collected; remove the row)",
                'survey sheet, row 3, column "type": "gps" is not supported '
                "(children's locations are never collected)",
                'survey sheet, row 4, column "type": "image" is not supported '
                "(photos, sound, video and files are never collected)",
                'survey sheet, row 5, column "type": "begin repeat" is not supported (questions cannot be repeated)',
                'survey sheet, row 7, column "type": "end repeat" is not supported (questions cannot be repeated)',
                'survey sheet, row 8, column "calculation": calculations are not supported',
                'survey sheet, row 8, column "type": "calculate" is not supported '
                "(nothing is calculated in our surveys)",
                'survey sheet, row 9, column "type": "date" is not supported (ask for a number or a choice instead)',
            ],
        ),
        ("missing_list.xlsx", ['survey sheet, row 2, column "type": the choice list "nowhere" does not exist']),
        (
            "bad_expressions.xlsx",
            [
                'survey sheet, row 2, column "constraint": "regex(., \'^[0-9]+$\')" is not supported '
                '(write bounds like ". >= 1 and . <= 10")',
                "survey sheet, row 3, column \"relevant\": position 8, at '+': arithmetic is not supported",
                'survey sheet, row 4, column "required": "maybe" is not understood (use yes or no)',
                "survey sheet, row 4, column \"relevant\": position 1, at 'count-selected': "
                "the function count-selected() is not supported (only selected() and not())",
                'survey sheet, row 5, column "relevant": the value must be a number ("age")',
            ],
        ),
        ("empty_workbook.xlsx", ['The workbook has no sheet named "survey".']),
        ("empty_survey.xlsx", ["The survey sheet is empty."]),
        ("corrupt.xlsx", ["The file is not an Excel workbook (.xlsx)."]),
        ("not_xlsx.xlsx", ["The file is a zip archive but not an Excel workbook (.xlsx)."]),
        (
            "password_protected.xlsx",
            [
                "The file is password-protected (encrypted) or an old Excel 97-2003 .xls workbook: "
                "remove the password and save it as an Excel workbook (.xlsx)."
            ],
        ),
    ],
)
def test_invalid_fixtures_are_refused_with_every_problem_named(name, expected):
    assert problems_of((FIXTURES / name).read_bytes()) == expected


# Small forms, one rule each -----------------------------------------------------------


def test_number_constraints_become_inclusive_bounds():
    data = form(
        [
            ("type", "name", "label", "constraint"),
            ("integer", "a", "A", ". > 5 and . < 10"),
            ("integer", "b", "B", "${b} >= 1.5"),
            ("decimal", "c", "C", ".<=2.25"),
            ("integer", "d", "D", ". >= -3"),
        ]
    )
    found = questions(data)
    assert found["a"].settings == {"integer": True, "min": 6, "max": 9}
    assert found["b"].settings == {"integer": True, "min": 2}
    assert found["c"].settings == {"max": 2.25}
    assert found["d"].settings == {"integer": True, "min": -3}


@pytest.mark.parametrize(
    ("kind", "constraint", "message"),
    [
        ("integer", ". >= 1 or . <= 10", "is not supported"),
        ("integer", ". >= 1 and . >= 2", "sets the lowest value twice"),
        ("integer", ". >= 10 and . <= 1", "no number fits these bounds"),
        ("integer", ". >= 1e999", "is not supported"),
        ("integer", "${other} >= 1", "is not supported"),
        ("text", ". != 'x'", "is not supported"),
        ("select_one yn", ". = 'yes'", "is not supported"),
    ],
)
def test_other_constraints_are_refused(kind, constraint, message):
    data = form([("type", "name", "label", "constraint"), (kind, "q", "Q", constraint)], YES_NO)
    (problem,) = problems_of(data)
    assert problem.startswith('survey sheet, row 2, column "constraint": ')
    assert message in problem


def test_ranges_become_numbers_or_star_ratings():
    data = form(
        [
            ("type", "name", "label", "parameters", "appearance"),
            ("range", "a", "A", "start=1 end=5 step=1"),
            ("range", "b", "B", "start=0;end=2.5;step=0.5"),
            ("range", "c", "C", ""),
            ("range", "d", "D", "start=1 end=7", "rating"),
            ("range", "e", "E", "start=10 end=0 step=1"),
            ("range", "f", "F", "start=0 end=10 step=2", "rating"),
        ]
    )
    found = questions(data)
    assert found["a"].type is QuestionType.NUMBER and found["a"].settings == {"min": 1, "max": 5, "integer": True}
    assert found["b"].settings == {"min": 0.0, "max": 2.5}
    assert found["c"].settings == {"min": 1, "max": 10, "integer": True}
    assert found["d"].type is QuestionType.RATING and found["d"].settings == {"stars": 7}
    assert found["e"].settings == {"min": 0, "max": 10, "integer": True}
    assert found["f"].type is QuestionType.NUMBER


@pytest.mark.parametrize("parameters", ["start=a", "begin=1", "step=0", "end=1e999"])
def test_bad_range_parameters_are_refused(parameters):
    data = form([("type", "name", "label", "parameters"), ("range", "q", "Q", parameters)])
    (problem,) = problems_of(data)
    assert problem.startswith('survey sheet, row 2, column "parameters": ')


def test_scale_appearances_read_back_our_fixed_scales():
    choices = [
        ("list_name", "name", "label"),
        *[("s3", str(n), f"S{n}") for n in (1, 2, 3)],
        *[("a5", str(n), f"A{n}") for n in range(1, 6)],
        ("yn", "yes", "Có"),
        ("yn", "no", "Không"),
        ("yn", "not_sure", "Chưa chắc"),
    ]
    data = form(
        [
            ("type", "name", "label", "appearance"),
            ("select_one s3", "s", "S", "smiley"),
            ("select_one a5", "a", "A", "agree"),
            ("select_one yn", "y", "Y", "yes_no"),
        ],
        choices,
    )
    found = questions(data)
    assert found["s"].type is QuestionType.SMILEY and found["s"].settings == {"points": 3}
    assert found["s"].options[0].label == {"vi": "Bình thường", "en": "It's okay"}
    assert found["a"].type is QuestionType.AGREE
    assert found["y"].type is QuestionType.YES_NO


def test_a_scale_appearance_with_other_choices_is_refused():
    data = form([("type", "name", "label", "appearance"), ("select_one yn", "q", "Q", "smiley")], YES_NO)
    assert problems_of(data) == [
        'survey sheet, row 2, column "appearance": smiley needs the choices 1, 2, 3 or 1 to 5 in "yn"'
    ]


def test_numeric_choice_names_are_accepted():
    data = form(
        [("type", "name", "label"), ("select_one n", "q", "Q")],
        [("list_name", "name", "label"), ("n", 1, "Một"), ("n", 2, "Hai")],
    )
    assert [o.key for o in read_xlsform(data).questions[0].options] == ["1", "2"]


def test_xlsform_habits_in_relevant_are_adapted():
    data = form(
        [
            ("type", "name", "label", "relevant"),
            ("select_one yn", "one", "One"),
            ("integer", "age", "Age"),
            ("text", "a", "A", "selected(${one}, 'yes')"),
            ("text", "b", "B", "${age} = '10'"),
        ],
        YES_NO,
    )
    found = questions(data)
    assert found["a"].condition == {"op": "equals", "question": "one", "value": "yes"}
    assert found["b"].condition == {"op": "equals", "question": "age", "value": 10}


def test_relevant_problems_name_the_row():
    data = form(
        [
            HEAD,
            ("select_one yn", "one", "Một", "One"),
            ("select_multiple yn", "many", "Nhiều", "Many"),
            ("text", "a", "A", "A", "${one} = 'maybe'"),
            ("text", "b", "B", "B", "${one} > 3"),
            ("text", "c", "C", "C", "${many} = 'yes'"),
            ("text", "d", "D", "D", "${a} = 'x'"),
            ("text", "e", "E", "E", "${e} = 'x'"),
        ],
        YES_NO,
    )
    assert problems_of(data) == [
        'survey sheet, row 4, column "relevant": "maybe" is not a choice of "one"',
        'survey sheet, row 5, column "relevant": a number comparison needs a number question ("one")',
        'survey sheet, row 6, column "relevant": only choice and number questions can be compared ("many")',
        'survey sheet, row 7, column "relevant": only choice and number questions can be compared ("a")',
        'survey sheet, row 8, column "relevant": "e" comes later in the form; '
        "a question can only depend on earlier ones",
    ]


def test_a_refused_question_is_reported_once_not_again_in_conditions_on_it():
    data = form(
        [
            ("type", "name", "label", "relevant", "constraint"),
            ("geopoint", "where", "Ở đâu?"),
            ("begin group", "grp", "Nhóm"),
            ("end group",),
            ("text", "a", "A", "${where} = 'x'"),
            ("text", "b", "B", "${grp} = 'x'"),
            ("range", "c", "C", None, ". <= 3"),
        ]
    )
    assert problems_of(data) == [
        'survey sheet, row 2, column "type": "geopoint" is not supported (children\'s locations are never collected)',
        'survey sheet, row 6, column "relevant": there is no question named "grp"',
        'survey sheet, row 7, column "constraint": a range is bounded by its parameters (start=1 end=5 step=1)',
    ]


def test_group_relevant_problems_name_the_group_row_and_groups_must_balance():
    data = form(
        [
            ("type", "name", "label", "relevant"),
            ("begin group", "g", "G", "${nothing} = 'x'"),
            ("text", "a", "A"),
            ("end group",),
            ("end group",),
            ("begin_group", "h", "H"),
            ("text", "b", "B"),
        ]
    )
    assert problems_of(data) == [
        'survey sheet, row 2, column "relevant": there is no question named "nothing"',
        'survey sheet, row 5, column "type": this end group has no begin group',
        'survey sheet, row 6, column "type": this begin group has no end group',
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("yes", True), ("YES", True), ("true", True), ("TRUE()", True), ("true()", True), ("1", True), (1, True)]
    + [(True, True), ("no", False), ("", False), (None, False), ("FALSE()", False), (0, False), (False, False)],
)
def test_required_spellings(value, expected):
    data = form([("type", "name", "label", "required"), ("text", "q", "Q", value)])
    assert questions(data)["q"].required is expected


def test_notes_and_labels():
    data = form(
        [
            ("type", "name", "label", "hint"),
            ("note", "n", None),
            ("text", "q", None, "Gợi ý"),
        ]
    )
    assert problems_of(data) == ['survey sheet, row 3, column "label": the question has no label']


def test_names_are_checked():
    data = form([("type", "name", "label"), ("text", None, "Không tên"), ("text", "1abc", "Sai"), ("text", "a b", "X")])
    assert problems_of(data) == [
        'survey sheet, row 2, column "name": the question has no name',
        'survey sheet, row 3, column "name": "1abc" is not a valid name '
        "(use letters, digits, _ . - and start with a letter or _)",
        'survey sheet, row 4, column "name": "a b" is not a valid name '
        "(use letters, digits, _ . - and start with a letter or _)",
    ]


def test_types_that_need_one_list():
    data = form(
        [("type", "name", "label"), ("select_one", "a", "A"), ("select_one x y", "b", "B"), ("", "c", "C")], YES_NO
    )
    assert problems_of(data) == [
        'survey sheet, row 2, column "type": "select_one" is not supported',
        'survey sheet, row 3, column "type": "select_one x y" needs exactly one list name',
        'survey sheet, row 4, column "type": the type is empty',
    ]


def test_columns_we_cannot_honour_are_refused_and_harmless_ones_noted():
    data = form(
        [
            ("type", "name", "label", "default", "media::image", "constraint_message", "$kuid", "my_notes"),
            ("text", "q", "Q", "x", "a.png", "Sai rồi", "abc", "ghi chú"),
        ],
        [("list_name", "name", "label", "image", "filter"), ("yn", "yes", "Có", None, "x")],
    )
    assert problems_of(data) == [
        'survey sheet, row 2, column "default": default answers are not supported',
        'survey sheet, row 2, column "media::image": pictures, audio and video in the form are not supported',
        'survey sheet, row 2, column "my_notes": this column is not supported',
    ]
    notices = []
    read_xlsform(
        form([("type", "name", "label", "constraint_message", "$kuid"), ("text", "q", "Q", "Sai", "abc")],
             [("list_name", "name", "label", "filter"), ("yn", "yes", "Có", "x")]),
        notices=notices,
    )  # fmt: skip
    assert notices == [
        'choices sheet, column "filter": this column was ignored',
        'survey sheet, column "constraint_message": this column was ignored',
        'survey sheet, column "$kuid": this column was ignored',
    ]


def test_two_columns_for_one_language_are_refused():
    data = form([("type", "name", "label::vi", "label::Tiếng Việt"), ("text", "q", "A", "B")])
    assert problems_of(data) == [
        'survey sheet, row 1, column "label::Tiếng Việt": the column "label::vi" already holds this'
    ]


def test_settings_title_language_and_missing_title():
    data = form(
        [("type", "name", "label"), ("text", "q", "Hello")],
        settings=[("form_title", "form_title::Vietnamese (vi)", "default_language"), ("Title", "Tiêu đề", "english")],
    )
    survey = read_xlsform(data)
    assert survey.title == {"en": "Title", "vi": "Tiêu đề"}
    assert survey.questions[0].text == {"en": "Hello"}
    assert problems_of(form([("type", "name", "label"), ("text", "q", "Q")], settings=None)) == [
        'The settings sheet has no "form_title": give the survey a title.'
    ]
    klingon = form([("type", "name", "label"), ("text", "q", "Q")], settings=[("default_language",), ("Klingon",)])
    assert problems_of(klingon, fallback_title="x") == [
        'settings sheet, row 2, column "default_language": "Klingon": only Vietnamese and English are supported'
    ]


def test_control_characters_in_labels_are_refused():
    data = form([("type", "name", "label"), ("text", "q", "Xin\x7f chào\x85")])
    assert problems_of(data) == ['survey sheet, row 2, column "label": the text contains invisible control characters']


def test_labels_are_nfc_normalised():
    decomposed = "Vie\u0302\u0323t"  # "Việt" typed as base letters and combining marks
    data = form([("type", "name", "label"), ("text", "q", decomposed)])
    assert questions(data)["q"].text == {"vi": "Vi\u1ec7t"}


def test_the_definition_check_still_applies_and_names_the_row():
    data = form([("type", "name", "label"), ("text", "q", "x" * 2001)])
    assert problems_of(data) == ["survey sheet, row 2: at most 2000 characters (text)"]


def test_a_survey_of_only_groups_has_no_questions():
    data = form([("type", "name", "label"), ("begin group", "g", "G"), ("end group",)])
    assert problems_of(data) == ["survey sheet: a survey needs a list of questions"]


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(xlsform_sheets, "MAX_ROWS", 5)
    data = form([("type", "name", "label")] + [("text", f"q{i}", "Q") for i in range(6)])
    assert problems_of(data) == ["survey sheet: more than 5 rows."]


def test_files_over_five_megabytes_are_refused_before_parsing():
    assert problems_of(b"PK" + bytes(5 * 1024 * 1024)) == ["The file is larger than 5 MB."]


def test_a_zip_bomb_is_refused_before_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"\0" * (60 * 1024 * 1024))
    assert problems_of(buffer.getvalue()) == ["The workbook is too large once unpacked."]


def test_a_damaged_workbook_is_an_error_not_a_crash():
    data = bytearray(form([("type", "name", "label"), ("text", "q", "Q")]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = content[: len(content) // 2]
            target.writestr(item, content)
    (problem,) = problems_of(buffer.getvalue())
    assert problem.startswith("The workbook could not be read")


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        ("Vietnamese (vi)", "vi"),
        ("vi", "vi"),
        ("Tiếng Việt", "vi"),
        ("TIẾNG VIỆT", "vi"),
        ("English (en)", "en"),
        ("english", "en"),
        ("EN", "en"),
        ("Anglais (en)", "en"),
        ("French (fr)", None),
        ("", None),
    ],
)
def test_language_names(spec, code):
    assert language_of(spec) == code
