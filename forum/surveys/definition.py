"""A survey as plain data: what the builder edits, the importers produce and export writes.

Pure: no Flask, no database. `from_json`/`to_json` are our own interchange format (documented in
README.md); `publish_problems` is the check a survey must pass before children can see it.
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from forum.surveys import conditions
from forum.surveys.conditions import QuestionFacts

FORMAT = "tieng-noi-tre-em/survey"
VERSION = 1
LANGUAGES = ("vi", "en")
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")
# Numbers beyond this are typing mistakes or attacks, never answers or settings.
MAX_MAGNITUDE = 10**15
MAX_QUESTIONS = 200
MAX_OPTIONS = 60
MAX_TEXT = 2000
MAX_TEXT_ANSWER = {"short_text": 200, "long_text": 2000}


class QuestionType(str, enum.Enum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SMILEY = "smiley"
    AGREE = "agree"
    YES_NO = "yes_no"
    RATING = "rating"
    NUMBER = "number"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    RANKING = "ranking"
    NOTE = "note"


# Types whose options the author writes; the scales get fixed options (see SCALES).
AUTHORED_OPTIONS = {QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING}
TEXT_TYPES = {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT}
NUMBER_TYPES = {QuestionType.NUMBER, QuestionType.RATING}


def _label(vi: str, en: str) -> dict[str, str]:
    return {"vi": vi, "en": en}


# Positive scales only: the youngest children never see a sad face.
SMILEY_3 = (
    ("1", _label("Bình thường", "It's okay")),
    ("2", _label("Vui", "Happy")),
    ("3", _label("Rất vui", "Very happy")),
)
SMILEY_5 = (
    ("1", _label("Chưa vui lắm", "Not so happy")),
    ("2", _label("Bình thường", "It's okay")),
    ("3", _label("Khá vui", "Quite happy")),
    ("4", _label("Vui", "Happy")),
    ("5", _label("Rất vui", "Very happy")),
)
AGREE_5 = (
    ("1", _label("Rất không đồng ý", "Strongly disagree")),
    ("2", _label("Không đồng ý", "Disagree")),
    ("3", _label("Phân vân", "Not sure")),
    ("4", _label("Đồng ý", "Agree")),
    ("5", _label("Rất đồng ý", "Strongly agree")),
)
YES_NO = (
    ("yes", _label("Có", "Yes")),
    ("no", _label("Không", "No")),
    ("not_sure", _label("Chưa chắc", "Not sure")),
)


def scale_options(kind: QuestionType, settings: Mapping[str, Any]) -> tuple[OptionDefinition, ...] | None:
    """The fixed options of a scale question, or None for types whose options are authored."""
    if kind is QuestionType.SMILEY:
        points = SMILEY_5 if settings.get("points") == 5 else SMILEY_3
    elif kind is QuestionType.AGREE:
        points = AGREE_5
    elif kind is QuestionType.YES_NO:
        points = YES_NO
    else:
        return None
    return tuple(OptionDefinition(key, dict(label)) for key, label in points)


@dataclass(frozen=True)
class OptionDefinition:
    key: str
    label: dict[str, str]
    band_label: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class QuestionDefinition:
    key: str
    type: QuestionType
    text: dict[str, str]
    band_text: dict[str, dict[str, str]] = field(default_factory=dict)
    help: dict[str, str] = field(default_factory=dict)
    required: bool = False
    allow_decline: bool = False
    sensitive: bool = False
    settings: dict[str, Any] = field(default_factory=dict)
    condition: dict[str, Any] | None = None
    options: tuple[OptionDefinition, ...] = ()

    def facts(self) -> QuestionFacts:
        """What later conditions can ask of this question."""
        keys = frozenset(option.key for option in self.options)
        if self.type in (QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING):
            return QuestionFacts("choices", keys)
        if self.type in NUMBER_TYPES:
            return QuestionFacts("number")
        if self.type in TEXT_TYPES:
            return QuestionFacts("text")
        if self.type is QuestionType.NOTE:
            return QuestionFacts("none")
        return QuestionFacts("choice", keys)


@dataclass(frozen=True)
class SurveyDefinition:
    title: dict[str, str]
    questions: tuple[QuestionDefinition, ...]
    intro: dict[str, str] = field(default_factory=dict)
    target_bands: tuple[str, ...] = ()


class DefinitionError(ValueError):
    """The data is not a survey; `problems` name where (a JSON path) and what."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


# Reading ----------------------------------------------------------------------------------


def from_json(data: Any) -> SurveyDefinition:
    """Parse our JSON format, raising DefinitionError listing every problem found."""
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise DefinitionError(["$: a survey must be a JSON object"])
    if data.get("format", FORMAT) != FORMAT:
        problems.append(f"$.format: expected {FORMAT!r}")
    if data.get("version", VERSION) != VERSION:
        problems.append(f"$.version: only version {VERSION} is understood")
    title = _texts(data.get("title"), "$.title", problems, required=True)
    intro = _texts(data.get("intro", {}), "$.intro", problems)
    bands = data.get("target_bands", [])
    if not isinstance(bands, list) or not all(isinstance(b, str) and re.fullmatch(r"\d+-\d+", b) for b in bands):
        problems.append('$.target_bands: a list of age bands like "6-8"')
        bands = []
    raw_questions = data.get("questions")
    questions: list[QuestionDefinition] = []
    if not isinstance(raw_questions, list) or not raw_questions:
        problems.append("$.questions: a survey needs a list of questions")
    elif len(raw_questions) > MAX_QUESTIONS:
        problems.append(f"$.questions: at most {MAX_QUESTIONS} questions")
    else:
        for index, raw in enumerate(raw_questions):
            question = _question(raw, f"$.questions[{index}]", problems)
            if question is not None:
                questions.append(question)
    keys = [q.key for q in questions]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(f"$.questions: the key {key!r} is used twice")
    if problems:
        raise DefinitionError(problems)
    return SurveyDefinition(title=title, intro=intro, target_bands=tuple(bands), questions=tuple(questions))


def _texts(value: Any, path: str, problems: list[str], required: bool = False) -> dict[str, str]:
    if value is None and not required:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        problems.append(f'{path}: texts by language, like {{"vi": "...", "en": "..."}}')
        return {}
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        problems.append(f"{path}: unknown language {sorted(unknown)[0]!r} (use vi, en)")
    texts = {
        lang: unicodedata.normalize("NFC", value[lang].strip()) for lang in LANGUAGES if value.get(lang, "").strip()
    }
    if any(len(text) > MAX_TEXT for text in texts.values()):
        problems.append(f"{path}: at most {MAX_TEXT} characters")
    if required and not texts:
        problems.append(f"{path}: missing")
    return texts


def _band_texts(value: Any, path: str, problems: list[str]) -> dict[str, dict[str, str]]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        problems.append(f'{path}: wording by age band, like {{"6-8": {{"vi": "..."}}}}')
        return {}
    result = {}
    for band, texts in value.items():
        if not isinstance(band, str) or not re.fullmatch(r"\d+-\d+", band):
            problems.append(f"{path}: {band!r} is not an age band like 6-8")
            continue
        parsed = _texts(texts, f"{path}.{band}", problems)
        if parsed:
            result[band] = parsed
    return result


def _question(raw: Any, path: str, problems: list[str]) -> QuestionDefinition | None:
    if not isinstance(raw, Mapping):
        problems.append(f"{path}: a question must be an object")
        return None
    key = raw.get("key")
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        problems.append(f"{path}.key: letters, digits, '_', '.', '-' (not starting with '.' or '-'), at most 64")
        key = f"#{path}"
    try:
        kind = QuestionType(raw.get("type"))
    except ValueError:
        problems.append(f"{path}.type: one of {', '.join(t.value for t in QuestionType)}")
        return None
    settings = raw.get("settings", {})
    if not isinstance(settings, Mapping):
        problems.append(f"{path}.settings: an object")
        settings = {}
    settings = _settings(kind, dict(settings), f"{path}.settings", problems)
    fixed = scale_options(kind, settings)
    options: tuple[OptionDefinition, ...] = ()
    raw_options = raw.get("options", [])
    if fixed is not None:
        options = fixed
    elif kind in AUTHORED_OPTIONS:
        if not isinstance(raw_options, list) or not raw_options:
            problems.append(f"{path}.options: this type needs options")
        elif len(raw_options) > MAX_OPTIONS:
            problems.append(f"{path}.options: at most {MAX_OPTIONS}")
        else:
            options = tuple(
                o for i, r in enumerate(raw_options) if (o := _option(r, f"{path}.options[{i}]", problems)) is not None
            )
            option_keys = [o.key for o in options]
            for dup in sorted({k for k in option_keys if option_keys.count(k) > 1}):
                problems.append(f"{path}.options: the key {dup!r} is used twice")
    condition = raw.get("condition")
    if condition is not None and not isinstance(condition, Mapping):
        problems.append(f"{path}.condition: an object or null")
        condition = None
    flags = {name: raw.get(name, False) for name in ("required", "allow_decline", "sensitive")}
    for name, value in flags.items():
        if not isinstance(value, bool):
            problems.append(f"{path}.{name}: true or false")
    return QuestionDefinition(
        key=key,
        type=kind,
        text=_texts(raw.get("text"), f"{path}.text", problems, required=kind is not QuestionType.NOTE),
        band_text=_band_texts(raw.get("band_text"), f"{path}.band_text", problems),
        help=_texts(raw.get("help"), f"{path}.help", problems),
        required=flags["required"] is True and kind is not QuestionType.NOTE,
        allow_decline=flags["allow_decline"] is True,
        sensitive=flags["sensitive"] is True,
        settings=settings,
        condition=dict(condition) if condition else None,
        options=options,
    )


def _option(raw: Any, path: str, problems: list[str]) -> OptionDefinition | None:
    if not isinstance(raw, Mapping):
        problems.append(f"{path}: an option must be an object")
        return None
    key = raw.get("key")
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        problems.append(f"{path}.key: letters, digits, '_', '.', '-' (not starting with '.' or '-'), at most 64")
        return None
    return OptionDefinition(
        key=key,
        label=_texts(raw.get("label"), f"{path}.label", problems),
        band_label=_band_texts(raw.get("band_label"), f"{path}.band_label", problems),
    )


def _number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return (
        abs(value) <= MAX_MAGNITUDE if isinstance(value, int) else math.isfinite(value) and abs(value) <= MAX_MAGNITUDE
    )


def _settings(kind: QuestionType, settings: dict[str, Any], path: str, problems: list[str]) -> dict[str, Any]:
    """Only the settings a type understands, each checked."""
    allowed: dict[QuestionType, set[str]] = {
        QuestionType.MULTIPLE_CHOICE: {"max_choices"},
        QuestionType.SMILEY: {"points"},
        QuestionType.RATING: {"stars"},
        QuestionType.NUMBER: {"min", "max", "integer"},
        QuestionType.SHORT_TEXT: {"max_length"},
        QuestionType.LONG_TEXT: {"max_length"},
        QuestionType.RANKING: {"max_ranked"},
    }
    unknown = set(settings) - allowed.get(kind, set())
    for name in sorted(unknown):
        problems.append(f"{path}.{name}: not a setting of {kind.value}")
    result = {name: settings[name] for name in settings if name not in unknown}
    for name in ("max_choices", "max_ranked", "max_length", "stars"):
        if name in result and (not isinstance(result[name], int) or isinstance(result[name], bool) or result[name] < 1):
            problems.append(f"{path}.{name}: a whole number of at least 1")
    if "points" in result and result["points"] not in (3, 5):
        problems.append(f"{path}.points: 3 or 5")
    if "stars" in result and isinstance(result["stars"], int) and not 3 <= result["stars"] <= 10:
        problems.append(f"{path}.stars: from 3 to 10")
    for name in ("min", "max"):
        if name in result and not _number(result[name]):
            problems.append(f"{path}.{name}: a number")
    if _number(result.get("min")) and _number(result.get("max")) and result["min"] > result["max"]:
        problems.append(f"{path}: min is larger than max")
    if "integer" in result and not isinstance(result["integer"], bool):
        problems.append(f"{path}.integer: true or false")
    if kind in TEXT_TYPES and isinstance(result.get("max_length"), int):
        result["max_length"] = min(result["max_length"], MAX_TEXT_ANSWER[kind.value])
    return result


# Writing ----------------------------------------------------------------------------------


def to_json(survey: SurveyDefinition) -> dict[str, Any]:
    """Our JSON format; `from_json(to_json(s)) == s`."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": survey.title,
        "intro": survey.intro,
        "target_bands": list(survey.target_bands),
        "questions": [_question_json(q) for q in survey.questions],
    }


def _question_json(question: QuestionDefinition) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": question.key,
        "type": question.type.value,
        "text": question.text,
        "band_text": question.band_text,
        "help": question.help,
        "required": question.required,
        "allow_decline": question.allow_decline,
        "sensitive": question.sensitive,
        "settings": question.settings,
        "condition": question.condition,
    }
    if question.type in AUTHORED_OPTIONS:
        data["options"] = [{"key": o.key, "label": o.label, "band_label": o.band_label} for o in question.options]
    return data


# Publishing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Why a survey cannot be published yet. `code` picks the translated message."""

    code: str
    question: str | None = None
    detail: str = ""


def publish_problems(survey: SurveyDefinition, bands: Sequence[str]) -> list[Problem]:
    """Everything that stops publishing: no questions, unlabelled options, conditions that look
    forward or at a missing question, and any target age band left without Vietnamese wording."""
    problems: list[Problem] = []
    if not survey.title.get("vi"):
        problems.append(Problem("title_missing"))
    answerable = [q for q in survey.questions if q.type is not QuestionType.NOTE]
    if not answerable:
        problems.append(Problem("no_questions"))
    keys = [q.key for q in survey.questions]
    earlier: dict[str, QuestionFacts] = {}
    for index, question in enumerate(survey.questions):
        for band in bands:
            if not question.band_text.get(band, {}).get("vi") and not question.text.get("vi"):
                problems.append(Problem("band_without_wording", question.key, band))
        for option in question.options:
            if not option.label.get("vi"):
                problems.append(Problem("option_unlabelled", question.key, option.key))
        if question.type in AUTHORED_OPTIONS and len(question.options) < 2:
            problems.append(Problem("too_few_options", question.key))
        if question.condition:
            for found in conditions.check(question.condition, earlier, keys[index:]):
                problems.append(Problem(f"condition_{found.code}", question.key, found.question or found.detail))
        earlier[question.key] = question.facts()
    return problems
