"""Read an XLSForm workbook (the ODK / KoboToolbox standard) into a SurveyDefinition.

Authors already write surveys in Excel for KoboToolbox; this lets them bring those in. We accept
the part of XLSForm our survey model can hold and refuse the rest by name (sheet, row as Excel
numbers it, column), because a silently dropped question or condition would change what children
are asked. Every problem found is reported together, and the result is a whole survey or nothing.

Beyond the standard, so that our own export (forum.surveys.importing.export_xlsform) round-trips,
we read three `appearance` values on `select_one` (`smiley`, `agree`, `yes_no`) as our fixed
scales, `range` with `appearance` `rating` as a star rating (as ODK Collect shows it), the survey
columns `allow_decline` and `sensitive` (yes/no), and `form_title::<language>` in settings.

Semantics differ in one place: in ODK `${q} != 'x'` is true while q is unanswered; our
conditions are false for any unanswered or declined question.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from forum.surveys import conditions, definition
from forum.surveys.conditions import QuestionFacts
from forum.surveys.definition import KEY_PATTERN, DefinitionError, QuestionType, SurveyDefinition
from forum.surveys.expressions import ExpressionError, parse_relevant
from forum.surveys.xlsform_sheets import REFUSED_COLUMNS, Column, Sheet, XLSFormError, language_of, open_workbook

YES = {"yes", "true", "1", "true()"}
NO = {"", "no", "false", "0", "false()"}
SCALE_APPEARANCES = {"smiley": QuestionType.SMILEY, "agree": QuestionType.AGREE, "yes_no": QuestionType.YES_NO}
# Presentation hints with no effect on what is asked: accepted and ignored.
IGNORED_APPEARANCES = {
    "minimal", "field-list", "horizontal", "horizontal-compact", "compact", "quick", "columns", "columns-pack",
    "columns-flex", "no-buttons", "label", "list-nolabel", "list", "autocomplete", "vertical", "numbers",
    "thousands-sep", "table-list",
}  # fmt: skip
_UNSUPPORTED_KINDS = {
    "questions cannot be repeated": "begin repeat, begin_repeat, end repeat, end_repeat",
    "nothing is calculated in our surveys": "calculate",
    "a hidden field holds no answer from a child": "hidden",
    "ask for a number or a choice instead": "date, time, datetime",
    "device information is never collected; remove the row": "start, end, today, deviceid, subscriberid, simserial, "
    "phonenumber, username, email, audit, start-geopoint",
    "children's locations are never collected": "gps, geopoint, geotrace, geoshape",
    "photos, sound, video and files are never collected": "image, audio, video, file, barcode, background-audio",
}
UNSUPPORTED_TYPE_MESSAGES = {
    kind: message for message, kinds in _UNSUPPORTED_KINDS.items() for kind in kinds.split(", ")
}
SIMPLE_TYPES = {
    "integer": QuestionType.NUMBER,
    "int": QuestionType.NUMBER,
    "decimal": QuestionType.NUMBER,
    "text": QuestionType.SHORT_TEXT,
    "string": QuestionType.SHORT_TEXT,
    "range": QuestionType.NUMBER,
    "note": QuestionType.NOTE,
}
CHOICE_TYPES = {
    "select_one": QuestionType.SINGLE_CHOICE,
    "select one": QuestionType.SINGLE_CHOICE,
    "select_multiple": QuestionType.MULTIPLE_CHOICE,
    "select multiple": QuestionType.MULTIPLE_CHOICE,
    "select all that apply": QuestionType.MULTIPLE_CHOICE,
    "rank": QuestionType.RANKING,
}
_BOUND = re.compile(r"^\s*(?:\.|\$\{\s*(?P<field>[^}]*)\})\s*(?P<op>>=|<=|>|<)\s*(?P<value>-?\s*\d+(?:\.\d+)?)\s*$")
_COUNT = re.compile(r"^\s*(?P<fn>count-selected|string-length)\s*\(\s*\.\s*\)\s*(?P<op><=|<)\s*(?P<value>\d+)\s*$")


def read_xlsform(
    data: bytes, *, fallback_title: str | None = None, notices: list[str] | None = None
) -> SurveyDefinition:
    """The survey in an XLSForm workbook, or XLSFormError listing every problem.

    `fallback_title` names the survey when the settings sheet has no form_title (XLSForm tools use
    the file name); `notices` collects what was accepted but changed, for the person importing.
    """
    sheets = open_workbook(data)
    reader = _FormReader(sheets, fallback_title)
    result = reader.read()
    if reader.problems:
        raise XLSFormError(sorted(reader.problems, key=_reading_order))
    assert result is not None
    if notices is not None:
        notices.extend(reader.notices)
    return result


@dataclass
class _Group:
    row: int
    condition: dict[str, Any] | None


@dataclass
class _Choice:
    row: int
    key: str
    label: dict[str, str]


@dataclass
class _Question:
    """A question as our JSON shape plus the row it came from, for error messages."""

    row: int
    data: dict[str, Any]
    facts: QuestionFacts = field(default_factory=lambda: QuestionFacts("none"))


class _FormReader:
    def __init__(self, sheets: dict[str, Sheet], fallback_title: str | None) -> None:
        self.sheets = sheets
        self.fallback_title = fallback_title
        self.problems: list[str] = []
        self.notices: list[str] = []
        self.language = "vi"
        self.bad_choice_rows: set[int] = set()
        # Questions refused for another reason: conditions on them are not reported a second time.
        self.refused: set[str] = set()

    def problem(self, sheet: Sheet | None, row: int | None, column: Column | str | None, message: str) -> None:
        self.problems.append(_where(sheet, row, column) + message)

    def read(self) -> SurveyDefinition | None:
        survey = self.sheets.get("survey")
        if survey is None:
            self.problems.append('The workbook has no sheet named "survey".')
            return None
        if not survey.rows:
            self.problems.append("The survey sheet is empty.")
            return None
        title = self.read_settings()
        lists = self.read_choices()
        questions = self.read_survey(survey, lists)
        if self.problems:
            return None
        data = {"title": title, "questions": [q.data for q in questions]}
        try:
            return definition.from_json(data)
        except DefinitionError as error:
            for message in error.problems:
                self.problems.append(_located(message, survey, [q.row for q in questions]))
            return None

    # Settings and choices -----------------------------------------------------------------

    def read_settings(self) -> dict[str, str]:
        """The title, and the default language that plain `label` columns are written in."""
        settings = self.sheets.get("settings")
        if settings is None or not settings.rows:
            title = (self.fallback_title or "").strip()
            return {self.language: title} if title else self.no_title()
        row_number, cells = settings.rows[0]
        text = settings.text(cells, "default_language")
        language = language_of(text) if text else None
        if text and language is None:
            column = settings.column("default_language")
            self.problem(settings, row_number, column, f'"{text}": only Vietnamese and English are supported')
        self.language = language or self.language
        title = self.texts(settings, row_number, cells, "form_title")
        if not title and self.fallback_title and self.fallback_title.strip():
            title = {self.language: self.fallback_title.strip()}
        return title or self.no_title()

    def no_title(self) -> dict[str, str]:
        self.problems.append('The settings sheet has no "form_title": give the survey a title.')
        return {}

    def read_choices(self) -> dict[str, list[_Choice]]:
        sheet = self.sheets.get("choices")
        lists: dict[str, list[_Choice]] = {}
        if sheet is None:
            return lists
        self.refuse_columns(sheet, {"list_name", "name", "label"}, lenient=True)
        for row_number, cells in sheet.rows:
            list_name = sheet.text(cells, "list_name")
            key = sheet.text(cells, "name")
            label = self.texts(sheet, row_number, cells, "label")
            if not list_name:
                if key or label:
                    self.problem(sheet, row_number, sheet.column("list_name"), "the list name is empty")
                continue
            if not key:
                self.problem(sheet, row_number, sheet.column("name"), "the choice has no name")
                continue
            choices = lists.setdefault(list_name, [])
            if any(choice.key == key for choice in choices):
                self.problem(sheet, row_number, sheet.column("name"), f'"{key}" is already a choice in "{list_name}"')
                continue
            choices.append(_Choice(row_number, key, label))
        return lists

    def texts(self, sheet: Sheet, row: int, cells: dict[int, str], kind: str) -> dict[str, str]:
        """Texts by language from `kind` columns; a plain column is in the form's default language."""
        texts: dict[str, str] = {}
        for column in sheet.columns:
            if column.key != kind or column.language == "other":
                continue
            text = cells.get(column.index, "")
            if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text):
                self.problem(sheet, row, column, "the text contains invisible control characters")
            language = column.language or self.language
            if text and (column.language or language not in texts):
                texts[language] = text
        return texts

    def refuse_columns(self, sheet: Sheet, allowed: set[str], lenient: bool) -> None:
        """A column we cannot honour must not be dropped silently when it holds a value: refused,
        or (for harmless ones, and any extra column of the choices sheet) reported as ignored."""
        seen: dict[tuple[str, str | None], Column] = {}
        for column in sheet.columns:
            if column.key in allowed and column.language != "other":
                signature = (column.key, column.language)
                if signature in seen:
                    self.problem(sheet, 1, column, f'the column "{seen[signature].header}" already holds this')
                seen.setdefault(signature, column)
                continue
            used = next((row for row, cells in sheet.rows if cells.get(column.index)), None)
            if used is None:
                continue
            if column.key in REFUSED_COLUMNS or not (lenient or column.key in ("ignored", "label", "hint")):
                self.problem(sheet, used, column, REFUSED_COLUMNS.get(column.key, "this column is not supported"))
            else:
                self.notices.append(_where(sheet, None, column) + "this column was ignored")

    # The survey ---------------------------------------------------------------------------

    def read_survey(self, sheet: Sheet, lists: dict[str, list[_Choice]]) -> list[_Question]:
        allowed = {"type", "name", "label", "hint", "required", "relevant", "constraint", "appearance", "parameters"}
        allowed |= {"allow_decline", "sensitive"}
        self.refuse_columns(sheet, allowed, lenient=False)
        all_names = {
            sheet.text(cells, "name")
            for _, cells in sheet.rows
            if " ".join(sheet.text(cells, "type").lower().replace("_", " ").split()) not in ("begin group", "end group")
        }
        questions: list[_Question] = []
        groups: list[_Group] = []
        earlier: dict[str, QuestionFacts] = {}
        for row_number, cells in sheet.rows:
            kind = " ".join(sheet.text(cells, "type").split())
            lowered = kind.lower()
            type_column = sheet.column("type")
            if not kind:
                if any(cells.values()):
                    self.problem(sheet, row_number, type_column, "the type is empty")
                continue
            if lowered in ("begin group", "begin_group"):
                condition = self.condition(sheet, row_number, cells, earlier, all_names)
                groups.append(_Group(row_number, condition))
                continue
            if lowered in ("end group", "end_group"):
                if not groups:
                    self.problem(sheet, row_number, type_column, "this end group has no begin group")
                else:
                    groups.pop()
                continue
            question = self.question(sheet, row_number, cells, kind, lists)
            if question is None:
                self.refused.add(sheet.text(cells, "name"))
                continue
            own = self.condition(sheet, row_number, cells, earlier, all_names)
            parts = [g.condition for g in groups if g.condition] + ([own] if own else [])
            if parts:
                question.data["condition"] = parts[0] if len(parts) == 1 else {"op": "and", "args": parts}
            key = question.data["key"]
            if key in earlier:
                self.problem(sheet, row_number, sheet.column("name"), f'"{key}" is already the name of a question')
            earlier.setdefault(key, question.facts)
            questions.append(question)
        for group in groups:
            self.problem(sheet, group.row, type_column, "this begin group has no end group")
        return questions

    def question(
        self, sheet: Sheet, row: int, cells: dict[int, str], kind: str, lists: dict[str, list[_Choice]]
    ) -> _Question | None:
        type_column = sheet.column("type")
        words = kind.split(" ")
        lowered = kind.lower()
        head = next((name for name in CHOICE_TYPES if lowered.startswith(name + " ")), None)
        if head is None and lowered not in SIMPLE_TYPES:
            reason = UNSUPPORTED_TYPE_MESSAGES.get(lowered)
            message = f'"{kind}" is not supported' + (f" ({reason})" if reason else "")
            self.problem(sheet, row, type_column, message)
            return None
        key = sheet.text(cells, "name")
        if not key:
            self.problem(sheet, row, sheet.column("name"), "the question has no name")
            return None
        if not QUESTION_NAME.match(key):
            self.problem(sheet, row, sheet.column("name"), f'"{key}" is not a valid name{_NAME_RULE}')
            return None
        appearances = sheet.text(cells, "appearance").split()
        data: dict[str, Any] = {
            "key": key,
            "text": self.texts(sheet, row, cells, "label"),
            "help": self.texts(sheet, row, cells, "hint"),
            "required": self.flag(sheet, row, cells, "required"),
            "allow_decline": self.flag(sheet, row, cells, "allow_decline"),
            "sensitive": self.flag(sheet, row, cells, "sensitive"),
            "settings": {},
        }
        question = _Question(row, data)
        if head is not None:
            list_words = words[len(head.split(" ")) :]
            if list_words and list_words[-1].lower() == "or_other":
                self.problem(sheet, row, type_column, '"or_other" (a free-text "other" choice) is not supported')
                return None
            if len(list_words) != 1:
                self.problem(sheet, row, type_column, f'"{kind}" needs exactly one list name')
                return None
            if not self.choice_question(question, CHOICE_TYPES[head], list_words[0], lists, appearances, sheet):
                return None
        else:
            data["type"] = SIMPLE_TYPES[lowered].value
            if lowered == "range":
                self.range_settings(question, sheet, cells, appearances)
            elif lowered in ("integer", "int", "decimal"):
                data["settings"] = {"integer": True} if lowered != "decimal" else {}
            elif lowered in ("text", "string") and "multiline" in appearances:
                data["type"] = QuestionType.LONG_TEXT.value
        self.appearance_notices(sheet, row, appearances)
        self.constraint(sheet, row, cells, question, lowered)
        if not data["text"] and data["type"] != QuestionType.NOTE.value:
            self.problem(sheet, row, sheet.column("label"), "the question has no label")
        question.facts = _facts(data)
        return question

    def choice_question(
        self,
        question: _Question,
        kind: QuestionType,
        list_name: str,
        lists: dict[str, list[_Choice]],
        appearances: list[str],
        sheet: Sheet,
    ) -> bool:
        choices = lists.get(list_name)
        if choices is None:
            self.problem(sheet, question.row, sheet.column("type"), f'the choice list "{list_name}" does not exist')
            return False
        scale = next((SCALE_APPEARANCES[a] for a in appearances if a in SCALE_APPEARANCES), None)
        if scale is not None and kind is QuestionType.SINGLE_CHOICE:
            return self.scale_question(question, scale, list_name, choices, sheet)
        question.data["type"] = kind.value
        question.data["options"] = [{"key": c.key, "label": c.label} for c in choices]
        choices_sheet = self.sheets["choices"]
        for choice in choices:
            if not KEY_PATTERN.match(choice.key) and choice.row not in self.bad_choice_rows:
                self.bad_choice_rows.add(choice.row)
                self.problem(
                    choices_sheet,
                    choice.row,
                    choices_sheet.column("name"),
                    f'"{choice.key}" is not a valid name{_CHOICE_NAME_RULE}',
                )
        return True

    def scale_question(
        self, question: _Question, scale: QuestionType, list_name: str, choices: list[_Choice], sheet: Sheet
    ) -> bool:
        keys = [choice.key for choice in choices]
        settings = {"points": len(keys)} if scale is QuestionType.SMILEY else {}
        fixed = definition.scale_options(scale, settings) or ()
        if keys != [option.key for option in fixed] or (scale is QuestionType.SMILEY and len(keys) not in (3, 5)):
            expected = "1, 2, 3 or 1 to 5" if scale is QuestionType.SMILEY else ", ".join(o.key for o in fixed)
            self.problem(
                sheet,
                question.row,
                sheet.column("appearance"),
                f'{scale.value} needs the choices {expected} in "{list_name}"',
            )
            return False
        question.data["type"] = scale.value
        question.data["settings"] = settings
        return True

    def range_settings(self, question: _Question, sheet: Sheet, cells: dict[int, str], appearances: list[str]) -> None:
        """`start=1 end=5 step=1` (ODK's defaults are 1, 10, 1); appearance `rating` makes stars."""
        values = {"start": 1.0, "end": 10.0, "step": 1.0}
        column = sheet.column("parameters")
        for part in re.split(r"[\s,;]+", sheet.text(cells, "parameters").strip()):
            if not part:
                continue
            name, _, raw = part.partition("=")
            name = name.strip().lower()
            try:
                number = float(raw)
            except ValueError:
                number = math.nan
            if name not in values or not math.isfinite(number) or abs(number) > 1e12:
                self.problem(sheet, question.row, column, f'"{part}" is not understood (use start=1 end=5 step=1)')
                return
            values[name] = number
        start, end, step = values["start"], values["end"], values["step"]
        if step <= 0:
            self.problem(sheet, question.row, column, "step must be more than 0")
            return
        whole = all(v.is_integer() for v in values.values())
        low, high = (int(start), int(end)) if whole else (start, end)
        if "rating" in appearances and whole and start == 1 and step == 1 and 3 <= end <= 10:
            question.data["type"] = QuestionType.RATING.value
            question.data["settings"] = {"stars": int(end)}
            return
        question.data["settings"] = {
            "min": min(low, high),
            "max": max(low, high),
            **({"integer": True} if whole else {}),
        }
        if step != 1:
            self.notices.append(
                _where(sheet, question.row, column) + "the step was ignored; any number in range is accepted"
            )

    def constraint(self, sheet: Sheet, row: int, cells: dict[int, str], question: _Question, lowered: str) -> None:
        """Number bounds, the most choices and the longest text: the constraints we can keep."""
        text = sheet.text(cells, "constraint").strip()
        if not text:
            return
        column = sheet.column("constraint")
        settings = question.data["settings"]
        kind = question.data["type"]
        if lowered == "range":
            self.problem(sheet, row, column, "a range is bounded by its parameters (start=1 end=5 step=1)")
            return
        if kind == QuestionType.NUMBER.value:
            bounds = _bounds(text, question.data["key"], integer=settings.get("integer") is True)
            if isinstance(bounds, str):
                self.problem(sheet, row, column, bounds)
                return
            settings.update(bounds)
            if not settings.get("integer") and re.search(r"[<>](?!=)", text):
                self.notices.append(_where(sheet, row, column) + "a strict bound on a decimal was kept as inclusive")
            return
        match = _COUNT.match(text)
        wanted = {QuestionType.MULTIPLE_CHOICE.value: "count-selected", QuestionType.SHORT_TEXT.value: "string-length"}
        wanted[QuestionType.LONG_TEXT.value] = "string-length"
        if match and wanted.get(kind) == match["fn"]:
            limit = int(match["value"]) - (1 if match["op"] == "<" else 0)
            settings["max_choices" if match["fn"] == "count-selected" else "max_length"] = limit
            return
        self.problem(
            sheet,
            row,
            column,
            f'"{text}" is not supported (only ". >= N and . <= N" on numbers, "count-selected(.) <= N" '
            'on select_multiple and "string-length(.) <= N" on text)',
        )

    def appearance_notices(self, sheet: Sheet, row: int, appearances: list[str]) -> None:
        column = sheet.column("appearance")
        for appearance in appearances:
            if appearance.startswith("search("):
                self.problem(sheet, row, column, "choices from a search() file are not supported")
            elif appearance == "likert":
                self.notices.append(_where(sheet, row, column) + "likert is shown as an ordinary single choice")
            elif appearance not in IGNORED_APPEARANCES | {"multiline", "rating"} | set(SCALE_APPEARANCES):
                self.notices.append(_where(sheet, row, column) + f'"{appearance}" was ignored')

    def flag(self, sheet: Sheet, row: int, cells: dict[int, str], name: str) -> bool:
        text = sheet.text(cells, name).strip().lower()
        if text in YES:
            return True
        if text not in NO:
            self.problem(sheet, row, sheet.column(name), f'"{text}" is not understood (use yes or no)')
        return False

    def condition(
        self, sheet: Sheet, row: int, cells: dict[int, str], earlier: dict[str, QuestionFacts], names: set[str]
    ) -> dict[str, Any] | None:
        """The row's `relevant` as a checked condition on the questions before it, or None."""
        text = sheet.text(cells, "relevant")
        if not text.strip():
            return None
        column = sheet.column("relevant")
        try:
            condition = _adapt(parse_relevant(text), earlier)
        except ExpressionError as error:
            self.problem(sheet, row, column, str(error))
            return None
        found = conditions.check(condition, earlier, sorted(names - set(earlier)))
        for problem in found:
            if problem.question not in self.refused:
                self.problem(sheet, row, column, _condition_message(problem))
        return None if found else condition


# Pure pieces -------------------------------------------------------------------------------

_NAME_RULE = " (use letters, digits, _ . - and start with a letter or _)"
_CHOICE_NAME_RULE = " (use letters, digits, _ . -, at most 64)"
# XForm question names are XML element names: they cannot start with a digit (choice names can).
QUESTION_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")


def _where(sheet: Sheet | None, row: int | None, column: Column | str | None) -> str:
    parts = [f"{sheet.name} sheet"] if sheet is not None else []
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f'column "{column.header if isinstance(column, Column) else column}"')
    return ", ".join(parts) + ": " if parts else ""


def _reading_order(message: str) -> tuple[int, int]:
    """Problems sorted as a person fixes them: sheet by sheet, top to bottom."""
    match = re.match(r"^(survey|choices|settings) sheet(?:, row (\d+))?", message)
    if match is None:
        return (-1, 0)
    return (("survey", "choices", "settings").index(match[1]), int(match[2] or 0))


def _located(message: str, survey: Sheet, rows: list[int]) -> str:
    """Turn definition.from_json's JSON paths back into survey rows."""
    match = re.match(r"^\$\.questions\[(\d+)\]\.?([^:]*): (.*)$", message)
    if match and int(match[1]) < len(rows):
        detail = f" ({match[2]})" if match[2] else ""
        return f"{_where(survey, rows[int(match[1])], None)}{match[3]}{detail}"
    return f"{survey.name} sheet: {message.partition(': ')[2] or message}"


def _facts(data: dict[str, Any]) -> QuestionFacts:
    kind = QuestionType(data["type"])
    fixed = definition.scale_options(kind, data["settings"])
    keys = [o.key for o in fixed] if fixed is not None else [o["key"] for o in data.get("options", [])]
    probe = definition.QuestionDefinition(
        key=data["key"],
        type=kind,
        text={},
        options=tuple(definition.OptionDefinition(k, {}) for k in keys),
    )
    return probe.facts()


def _adapt(condition: dict[str, Any], earlier: dict[str, QuestionFacts]) -> dict[str, Any]:
    """XLSForm habits our operators spell differently: `selected()` on a single choice is
    `equals`, and `${age} = '10'` on a number question compares the number 10."""
    if condition["op"] in ("and", "or"):
        return {**condition, "args": [_adapt(arg, earlier) for arg in condition["args"]]}
    if condition["op"] == "not":
        return {**condition, "arg": _adapt(condition["arg"], earlier)}
    facts = earlier.get(condition.get("question", ""))
    if facts is None:
        return condition
    if condition["op"] == "selected" and facts.kind == "choice":
        return {**condition, "op": "equals"}
    value = condition.get("value")
    if facts.kind == "number" and isinstance(value, str) and re.fullmatch(r"-?\d{1,15}(\.\d{1,15})?", value.strip()):
        number = float(value) if "." in value else int(value)
        return {**condition, "value": number}
    return condition


def _bounds(text: str, key: str, integer: bool) -> dict[str, int | float] | str:
    """`. >= 1 and . <= 10` as inclusive min/max; strict bounds on integers shift by one."""
    bounds: dict[str, int | float] = {}
    for part in re.split(r"\band\b", text):
        match = _BOUND.match(part)
        if not match or (match["field"] is not None and match["field"].strip() != key):
            return f'"{text}" is not supported (write bounds like ". >= 1 and . <= 10")'
        value = float(match["value"].replace(" ", ""))
        if abs(value) > 1e12:
            return f'"{text}": the bound is too large'
        op = match["op"]
        name = "min" if op in (">", ">=") else "max"
        if name in bounds:
            return f'"{text}" sets the {"lowest" if name == "min" else "highest"} value twice'
        if integer:
            shifted = {">": math.floor(value) + 1, ">=": math.ceil(value), "<": math.ceil(value) - 1}
            bounds[name] = shifted.get(op, math.floor(value))
        else:
            bounds[name] = int(value) if value.is_integer() else value
    if "min" in bounds and "max" in bounds and bounds["min"] > bounds["max"]:
        return f'"{text}": no number fits these bounds'
    return bounds


def _condition_message(problem: conditions.ConditionProblem) -> str:
    name = problem.question or ""
    messages: dict[str, Callable[[], str]] = {
        "forward_reference": lambda: f'"{name}" comes later in the form; a question can only depend on earlier ones',
        "unknown_question": lambda: f'there is no question named "{name}"',
        "unknown_option": lambda: f'"{problem.detail}" is not a choice of "{name}"',
    }
    if problem.code in messages:
        return messages[problem.code]()
    detail = problem.detail or "this condition is not understood"
    return f'{detail} ("{name}")' if name else detail
