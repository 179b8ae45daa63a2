"""Survey definitions in and out of files: our JSON format and XLSForm workbooks.

One entry point per direction so the CLI and the builder's upload behave alike: `read_definition`
gives a whole SurveyDefinition or raises ImportProblem with every human-readable reason;
`export_json` and `export_xlsform` write files that `read_definition` reads back to the same survey.
"""

from __future__ import annotations

import io
import json
import math
import unicodedata
from collections.abc import Mapping
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from forum.surveys import conditions, definition
from forum.surveys.conditions import QuestionFacts
from forum.surveys.definition import DefinitionError, QuestionDefinition, QuestionType, SurveyDefinition
from forum.surveys.expressions import format_number, to_relevant
from forum.surveys.xlsform import XLSFormError, read_xlsform

MAX_BYTES = 5 * 1024 * 1024
# Beyond 15 digits a number is no longer exact as a float, and none of ours needs more.
MAX_INTEGER_DIGITS = 15
VI_COLUMN = "Vietnamese (vi)"
EN_COLUMN = "English (en)"


class ImportProblem(ValueError):
    """The file cannot be imported; `messages` says every reason, for a person to fix them."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


class _BadNumber(ValueError):
    pass


def read_definition(filename: str, data: bytes, notices: list[str] | None = None) -> SurveyDefinition:
    """The survey in an uploaded file, chosen by its extension (.json or .xlsx).

    `notices` collects what an XLSForm import accepted but changed (ignored columns, likert).
    """
    name = PureWindowsPath(PurePosixPath(filename).name).name
    suffix = PurePosixPath(name.lower()).suffix
    if len(data) > MAX_BYTES:
        raise ImportProblem([f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB."])
    if not data:
        raise ImportProblem(["The file is empty."])
    if suffix == ".json":
        return _read_json(data)
    if suffix == ".xlsx":
        try:
            return read_xlsform(data, fallback_title=PurePosixPath(name).stem, notices=notices)
        except XLSFormError as error:
            raise ImportProblem(error.problems) from error
    if suffix == ".xls":
        raise ImportProblem(["Old Excel .xls files cannot be read: save the workbook as .xlsx."])
    raise ImportProblem([f'"{name}": only .json and .xlsx (XLSForm) files can be imported.'])


def _read_json(data: bytes) -> SurveyDefinition:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportProblem([f"The file is not UTF-8 text (invalid byte at position {error.start + 1})."]) from error
    try:
        raw = _normalized(json.loads(text, parse_constant=_refuse_constant, parse_float=_float, parse_int=_int))
    except json.JSONDecodeError as error:
        raise ImportProblem(
            [f"The JSON is malformed at line {error.lineno}, column {error.colno}: {error.msg}."]
        ) from error
    except _BadNumber as error:
        raise ImportProblem([str(error)]) from error
    except RecursionError as error:
        raise ImportProblem(["The JSON is nested too deeply."]) from error
    try:
        survey = definition.from_json(raw)
    except DefinitionError as error:
        raise ImportProblem(error.problems) from error
    problems = condition_problems(survey)
    if problems:
        raise ImportProblem(problems)
    return survey


def _refuse_constant(name: str) -> Any:
    raise _BadNumber(f"{name} is not a number JSON allows; write a plain number.")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(f"The number {text[:40]} is too large.")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise _BadNumber(f"The number {text[:40]}{'...' if len(text) > 40 else ''} is too large.")
    return int(text)


def _normalized(value: Any) -> Any:
    """Every string NFC-normalised, as Vietnamese text is stored (keys too: they are compared)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_normalized(item) for item in value]
    if isinstance(value, dict):
        return {_normalized(key): _normalized(item) for key, item in value.items()}
    return value


def condition_problems(survey: SurveyDefinition) -> list[str]:
    """Conditions that look forward or at a missing question or option, refused at import rather
    than left for the publish check, so a file never brings in a survey that cannot work."""
    problems: list[str] = []
    keys = [q.key for q in survey.questions]
    earlier: dict[str, QuestionFacts] = {}
    for index, question in enumerate(survey.questions):
        if question.condition is not None:
            for found in conditions.check(question.condition, earlier, keys[index:]):
                detail = found.detail or ""
                what = {
                    "forward_reference": f'"{found.question}" comes later; a condition may only use earlier questions',
                    "unknown_question": f'there is no question "{found.question}"',
                    "unknown_option": f'"{detail}" is not an option of "{found.question}"',
                    "unknown_operator": f'"{detail}" is not a condition operator',
                }.get(
                    found.code,
                    f"{detail or 'malformed condition'}" + (f' ("{found.question}")' if found.question else ""),
                )
                problems.append(f"$.questions[{index}].condition: {what}")
        earlier[question.key] = question.facts()
    return problems


# Writing ----------------------------------------------------------------------------------


def export_json(survey: SurveyDefinition) -> bytes:
    """Our JSON format, readable by people (UTF-8, not escaped, indented)."""
    return (json.dumps(definition.to_json(survey), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


SURVEY_HEADERS = (
    "type",
    "name",
    f"label::{VI_COLUMN}",
    f"label::{EN_COLUMN}",
    f"hint::{VI_COLUMN}",
    f"hint::{EN_COLUMN}",
    "required",
    "relevant",
    "constraint",
    "appearance",
    "parameters",
    "allow_decline",
    "sensitive",
)
CHOICES_HEADERS = ("list_name", "name", f"label::{VI_COLUMN}", f"label::{EN_COLUMN}")
SETTINGS_HEADERS = ("form_title", f"form_title::{EN_COLUMN}", "form_id", "default_language")


def export_xlsform(survey: SurveyDefinition) -> bytes:
    """An XLSForm workbook that `read_definition` reads back to the same survey.

    Each choice question gets its own list named after it. Our scales are written as `select_one`
    with their options and the appearance `smiley`, `agree` or `yes_no` (other XLSForm tools show
    them as ordinary single choices; we read them back as the scale); a rating is a `range` with
    the appearance `rating` (without `stars` it comes back with the default, 5). A number with
    `"integer": false` comes back without the setting, which means the same. XLSForm cannot hold
    per-age-band wording, the intro, the target bands, a ranking's maximum, or "is one of"
    (written as an `or` of `=` and read back so): use JSON for a complete copy.
    """
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "survey"
    choices = workbook.create_sheet("choices")
    settings = workbook.create_sheet("settings")
    for target, headers in ((sheet, SURVEY_HEADERS), (choices, CHOICES_HEADERS), (settings, SETTINGS_HEADERS)):
        target.append(list(headers))
        for cell in target[1]:
            cell.font = Font(bold=True)
    for question in survey.questions:
        sheet.append(_survey_row(question))
        if question.type is not QuestionType.RATING:
            for option in question.options:
                choices.append([question.key, option.key, option.label.get("vi", ""), option.label.get("en", "")])
    vi_title, en_title = survey.title.get("vi", ""), survey.title.get("en", "")
    settings.append(
        [vi_title or en_title, en_title if vi_title else "", "survey", VI_COLUMN if vi_title else EN_COLUMN]
    )
    for target, widths in ((sheet, (18, 16, 50, 50)), (choices, (16, 16, 40, 40))):
        for letter, width in zip("ABCD", widths, strict=True):
            target.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _survey_row(question: QuestionDefinition) -> list[Any]:
    kind, constraint, appearance, parameters = _xlsform_type(question)
    return [
        kind,
        question.key,
        question.text.get("vi", ""),
        question.text.get("en", ""),
        question.help.get("vi", ""),
        question.help.get("en", ""),
        "yes" if question.required else "",
        to_relevant(question.condition) if question.condition else "",
        constraint,
        appearance,
        parameters,
        "yes" if question.allow_decline else "",
        "yes" if question.sensitive else "",
    ]


def _xlsform_type(question: QuestionDefinition) -> tuple[str, str, str, str]:
    """(type, constraint, appearance, parameters) for one question."""
    settings: Mapping[str, Any] = question.settings
    kind = question.type
    if kind is QuestionType.SINGLE_CHOICE:
        return f"select_one {question.key}", "", "", ""
    if kind is QuestionType.MULTIPLE_CHOICE:
        limit = settings.get("max_choices")
        return f"select_multiple {question.key}", f"count-selected(.) <= {limit}" if limit else "", "", ""
    if kind is QuestionType.RANKING:
        return f"rank {question.key}", "", "", ""
    if kind in (QuestionType.SMILEY, QuestionType.AGREE, QuestionType.YES_NO):
        return f"select_one {question.key}", "", kind.value, ""
    if kind is QuestionType.RATING:
        return "range", "", "rating", f"start=1 end={settings.get('stars', 5)} step=1"
    if kind is QuestionType.NUMBER:
        bounds = [
            f". {op} {format_number(settings[name])}" for name, op in (("min", ">="), ("max", "<=")) if name in settings
        ]
        return ("integer" if settings.get("integer") else "decimal"), " and ".join(bounds), "", ""
    if kind in definition.TEXT_TYPES:
        limit = settings.get("max_length")
        appearance = "multiline" if kind is QuestionType.LONG_TEXT else ""
        return "text", f"string-length(.) <= {limit}" if limit else "", appearance, ""
    return "note", "", "", ""
