"""The survey builder's question form, which works without JavaScript.

Options come as a fixed number of rows (the existing ones plus BLANK_OPTION_ROWS empty ones); the
show-if condition as up to CLAUSES rows "question, operator, value" joined by and/or. After the
field checks, `QuestionForm.definition` checks the whole question against the survey (keys,
options, settings, the condition against earlier questions only) and returns a
QuestionDefinition, or None with every problem attached to the form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, Form, FormField, RadioField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from forum.accounts.age_bands import label_of_key
from forum.consultations.forms import NOT_A_CHOICE, RefusingForm, band_field_name, initial, text_field
from forum.consultations.messages import JOIN_NAMES, OPERATOR_NAMES, QUESTION_TYPE_NAMES, condition_message
from forum.surveys import conditions
from forum.surveys.conditions import COMPARISONS, QuestionFacts
from forum.surveys.definition import (
    AUTHORED_OPTIONS,
    KEY_PATTERN,
    MAX_OPTIONS,
    MAX_TEXT_ANSWER,
    OptionDefinition,
    QuestionDefinition,
    QuestionType,
)
from forum.text_input import clean_text, printable

BLANK_OPTION_ROWS = 8
CLAUSES = 3
MAX_NUMBER = Decimal("1e12")
DEFAULT_STARS = 5
KEY_RULE = _l(
    "Keys use only letters without accents, digits, “_”, “.” or “-”, "
    "do not start with “.” or “-”, and have at most 64 characters."
)
NOT_A_NUMBER = _l("Enter a number, for example 5 or 2.5.")

TYPE_CHOICES = [SelectChoice(kind.value, QUESTION_TYPE_NAMES[kind.value]) for kind in QuestionType]
OPERATOR_CHOICES = [SelectChoice(op, name) for op, name in OPERATOR_NAMES.items()]
DECLINE_CHOICES = [
    SelectChoice("auto", _l("Offer it when the question is sensitive")),
    SelectChoice("yes", _l("Always offer it")),
    SelectChoice("no", _l("Never offer it")),
]
POINT_CHOICES = [SelectChoice("3", _l("3 faces")), SelectChoice("5", _l("5 faces"))]


def parse_number(text: str) -> int | float | None:
    """A finite number of sensible size from what was typed ("2,5" is 2.5), or None."""
    text = text.strip()
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not text or len(text) > 40:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) > MAX_NUMBER:
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def _blank(*values: str | None) -> bool:
    return not any((value or "").strip() for value in values)


class OptionRow(Form):
    key = StringField(
        _l("Key"),
        validators=[Optional(), Length(max=64, message=KEY_RULE)],
        filters=[clean_text],
        render_kw={"autocapitalize": "none", "spellcheck": "false"},
    )
    label_vi = text_field(_l("Label in Vietnamese"), lang="vi")
    label_en = text_field(_l("Label in English"), lang="en")


class ClauseRow(Form):
    # Any key is accepted here: conditions.check says whether it is an earlier question.
    question = SelectField(_l("Question"), validate_choice=False)
    op = SelectField(
        _l("Operator"),
        default="equals",
        choices=OPERATOR_CHOICES,
        invalid_choice_message=NOT_A_CHOICE,
        invalid_value_message=NOT_A_CHOICE,
    )
    value = StringField(
        _l("Value"), validators=[Optional(), Length(max=500, message=_l("Use at most 500 characters.")), printable()]
    )


class QuestionForm(RefusingForm):
    type = SelectField(
        _l("Type of question"),
        choices=TYPE_CHOICES,
        invalid_choice_message=NOT_A_CHOICE,
        invalid_value_message=NOT_A_CHOICE,
    )
    key = StringField(
        _l("Key"),
        validators=[
            DataRequired(_l("Please give the question a key, for example q1.")),
            Length(max=64, message=KEY_RULE),
        ],
        filters=[clean_text],
        render_kw={"autocapitalize": "none", "spellcheck": "false"},
    )
    text_vi = text_field(_l("Question in Vietnamese"), multiline=True, lang="vi")
    text_en = text_field(_l("Question in English"), multiline=True, lang="en")
    help_vi = text_field(_l("Help text in Vietnamese"), multiline=True, lang="vi")
    help_en = text_field(_l("Help text in English"), multiline=True, lang="en")
    required = BooleanField(_l("Required: children must answer it"))
    sensitive = BooleanField(_l("Sensitive: a personal or difficult question"))
    decline = RadioField(
        _l("“I'd rather not say”"),
        choices=DECLINE_CHOICES,
        default="auto",
        invalid_choice_message=NOT_A_CHOICE,
        validate_choice=True,
    )
    max_choices = StringField(_l("Multiple choice: at most this many choices"), render_kw={"inputmode": "numeric"})
    points = SelectField(
        _l("Smiley scale: number of faces"), choices=POINT_CHOICES, default="3", invalid_choice_message=NOT_A_CHOICE
    )
    stars = StringField(
        _l("Star rating: number of stars (3 to 10)"), default=str(DEFAULT_STARS), render_kw={"inputmode": "numeric"}
    )
    number_min = StringField(_l("Number: smallest allowed"), render_kw={"inputmode": "decimal"})
    number_max = StringField(_l("Number: largest allowed"), render_kw={"inputmode": "decimal"})
    integer = BooleanField(_l("Number: whole numbers only"))
    max_length = StringField(_l("Text: at most this many characters"), render_kw={"inputmode": "numeric"})
    max_ranked = StringField(_l("Ranking: rank at most this many items"), render_kw={"inputmode": "numeric"})
    join = RadioField(
        _l("Show the question when"),
        choices=[SelectChoice(join, name) for join, name in JOIN_NAMES.items()],
        default="and",
        invalid_choice_message=NOT_A_CHOICE,
    )
    replace_condition = BooleanField(_l("Replace the condition above with the clauses below"))
    clauses = FieldList(FormField(ClauseRow), min_entries=CLAUSES, max_entries=CLAUSES)

    bands: Sequence[str] = ()
    # Set by the view when the stored condition is more than the clause rows can show.
    kept_condition: dict[str, Any] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.option_errors: list[Any] = []
        self.condition_errors: list[Any] = []

    # What the template shows --------------------------------------------------------------

    def band_fields(self) -> list[tuple[str, Any, Any]]:
        return [
            (band, self[band_field_name("band", band, "vi")], self[band_field_name("band", band, "en")])
            for band in self.bands
        ]

    def offer_questions(self, earlier: Sequence[QuestionDefinition]) -> None:
        choices = [SelectChoice("", _l("(no condition)"))] + [SelectChoice(q.key, q.key) for q in earlier]
        for clause in self.clauses:
            clause.form.question.choices = choices

    def has_errors(self) -> bool:
        return bool(self.errors or self.option_errors or self.condition_errors)

    # Checking the whole question -----------------------------------------------------------

    def definition(
        self,
        earlier: Sequence[QuestionDefinition],
        later: Sequence[str],
        existing: QuestionDefinition | None,
    ) -> QuestionDefinition | None:
        """The question as typed, checked against the survey; None when anything is wrong."""
        kind = QuestionType(self.type.data)
        key = self.key.data or ""
        if key and not KEY_PATTERN.match(key):
            self.refuse("key", KEY_RULE)
        elif key in {q.key for q in earlier} or key in later:
            self.refuse("key", _l("Another question in this survey already has that key."))
        text = {lang: self[f"text_{lang}"].data for lang in ("vi", "en") if self[f"text_{lang}"].data}
        if not text:
            self.refuse("text_vi", _l("Please write the question, in Vietnamese and if you can in English."))
        options = self._options(existing) if kind in AUTHORED_OPTIONS else ()
        settings = self._settings(kind, len(options))
        condition = self._condition(earlier, [*later, key])
        if self.has_errors():
            return None
        sensitive = bool(self.sensitive.data)
        decline = {"yes": True, "no": False}.get(self.decline.data or "auto", sensitive)
        return QuestionDefinition(
            key=key,
            type=kind,
            text=text,
            band_text={band: texts for band, vi, en in self.band_fields() if (texts := _pair(vi.data, en.data))},
            help=_pair(self.help_vi.data, self.help_en.data),
            required=bool(self.required.data) and kind is not QuestionType.NOTE,
            allow_decline=decline and kind is not QuestionType.NOTE,
            sensitive=sensitive,
            settings=settings,
            condition=condition,
            options=options,
        )

    def _options(self, existing: QuestionDefinition | None) -> tuple[OptionDefinition, ...]:
        band_labels = {o.key: o.band_label for o in existing.options} if existing else {}
        rows = [
            row.form
            for row in self.options
            if not _blank(row.form.key.data, row.form.label_vi.data, row.form.label_en.data)
        ]
        typed = {row.key.data for row in rows if row.key.data}
        options: list[OptionDefinition] = []
        seen: set[str] = set()
        number = 0
        for row in rows:
            key = row.key.data or ""
            if not key:
                number += 1
                while f"o{number}" in typed or f"o{number}" in seen:
                    number += 1
                key = f"o{number}"
                row.key.data = key
            elif not KEY_PATTERN.match(key):
                row.key.errors = [*row.key.errors, KEY_RULE]
                self.option_errors.append(_l("Option “%(key)s”: %(rule)s", key=key, rule=KEY_RULE))
            if key in seen:
                self.option_errors.append(_l("Two options have the key “%(key)s”.", key=key))
            seen.add(key)
            if not row.label_vi.data:
                row.label_vi.errors = [*row.label_vi.errors, _l("Give this option a Vietnamese label.")]
                self.option_errors.append(_l("The option “%(key)s” has no Vietnamese label.", key=key))
            options.append(OptionDefinition(key, _pair(row.label_vi.data, row.label_en.data), band_labels.get(key, {})))
        if len(options) < 2:
            self.option_errors.append(_l("Give at least two options."))
        if len(options) > MAX_OPTIONS:
            self.option_errors.append(_l("Give at most %(max)d options.", max=MAX_OPTIONS))
        return tuple(options)

    def _whole(self, name: str, low: int, high: int) -> int | None:
        """A whole number between low and high from the field `name`, or None when it is empty."""
        raw = (self[name].data or "").strip()
        if not raw:
            return None
        number = parse_number(raw)
        if not isinstance(number, int) or not low <= number <= high:
            self.refuse(name, _l("Enter a whole number from %(low)d to %(high)d.", low=low, high=high))
            return None
        return number

    def _number(self, name: str) -> int | float | None:
        raw = (self[name].data or "").strip()
        if not raw:
            return None
        number = parse_number(raw)
        if number is None:
            self.refuse(name, NOT_A_NUMBER)
        return number

    def _settings(self, kind: QuestionType, option_count: int) -> dict[str, Any]:
        settings: dict[str, Any] = {}
        if kind is QuestionType.MULTIPLE_CHOICE:
            if (limit := self._whole("max_choices", 1, max(option_count, 1))) is not None:
                settings["max_choices"] = limit
        elif kind is QuestionType.RANKING:
            if (limit := self._whole("max_ranked", 1, max(option_count, 1))) is not None:
                settings["max_ranked"] = limit
        elif kind is QuestionType.SMILEY:
            settings["points"] = 5 if self.points.data == "5" else 3
        elif kind is QuestionType.RATING:
            stars = self._whole("stars", 3, 10)
            settings["stars"] = stars if stars is not None else DEFAULT_STARS
        elif kind is QuestionType.NUMBER:
            low, high = self._number("number_min"), self._number("number_max")
            if low is not None and high is not None and low > high:
                self.refuse("number_max", _l("The largest number must not be smaller than the smallest."))
            if self.integer.data:
                settings["integer"] = True
                for name, value in (("number_min", low), ("number_max", high)):
                    if value is not None and not isinstance(value, int):
                        self.refuse(name, _l("Whole numbers only were asked for: use a whole number here too."))
            settings.update({name: value for name, value in (("min", low), ("max", high)) if value is not None})
        elif kind.value in MAX_TEXT_ANSWER:
            if (limit := self._whole("max_length", 1, MAX_TEXT_ANSWER[kind.value])) is not None:
                settings["max_length"] = limit
        return settings

    def _condition(self, earlier: Sequence[QuestionDefinition], later: Sequence[str]) -> dict[str, Any] | None:
        facts: dict[str, QuestionFacts] = {q.key: q.facts() for q in earlier}
        clauses: list[dict[str, Any]] = []
        for row in self.clauses:
            clause = self._clause(row.form, facts)
            if clause is not None:
                clauses.append(clause)
        if self.condition_errors:
            return None
        condition: dict[str, Any] | None
        if not clauses:
            condition = None if self.replace_condition.data else self.kept_condition
        elif len(clauses) == 1:
            condition = clauses[0]
        else:
            condition = {"op": self.join.data or "and", "args": clauses}
        if condition is None:
            return None
        own = self.key.data or "?"
        for problem in conditions.check(condition, facts, later):
            self.condition_errors.append(condition_message(problem, own))
        return condition

    def _clause(self, row: ClauseRow, facts: Mapping[str, QuestionFacts]) -> dict[str, Any] | None:
        question, op, raw = row.question.data or "", row.op.data or "equals", (row.value.data or "").strip()
        if not question and not raw:
            return None
        if not question:
            row.question.errors = [*row.question.errors, _l("Choose the question this clause looks at.")]
            self.condition_errors.append(_l("A clause has a value but no question."))
            return None
        if not raw:
            row.value.errors = [*row.value.errors, _l("Give a value to compare with.")]
            self.condition_errors.append(_l("The clause on %(question)s has no value.", question=question))
            return None
        kind = facts[question].kind if question in facts else None
        if op in COMPARISONS or (op in ("equals", "not_equals") and kind == "number"):
            number = parse_number(raw)
            if number is None:
                row.value.errors = [*row.value.errors, NOT_A_NUMBER]
                self.condition_errors.append(_l("The clause on %(question)s needs a number.", question=question))
                return None
            return {"op": op, "question": question, "value": number}
        if op == "one_of":
            values = [value.strip() for value in raw.split(",") if value.strip()]
            return {"op": op, "question": question, "values": values}
        return {"op": op, "question": question, "value": raw}


def _pair(vi: str | None, en: str | None) -> dict[str, str]:
    return {lang: text for lang, text in (("vi", vi), ("en", en)) if text}


def question_form(
    bands: Sequence[str],
    option_rows: int,
    data: dict[str, Any] | None = None,
    kept_condition: dict[str, Any] | None = None,
) -> QuestionForm:
    """The form for the configured bands, with `option_rows` option rows (more if more were sent)."""
    fields: dict[str, Any] = {
        "bands": tuple(bands),
        "kept_condition": kept_condition,
        "options": FieldList(
            FormField(OptionRow), min_entries=option_rows, max_entries=MAX_OPTIONS + BLANK_OPTION_ROWS
        ),
    }
    for band in bands:
        label = label_of_key(band)
        fields[band_field_name("band", band, "vi")] = text_field(
            _l("Simpler wording for ages %(band)s, in Vietnamese", band=label), multiline=True, lang="vi"
        )
        fields[band_field_name("band", band, "en")] = text_field(
            _l("Simpler wording for ages %(band)s, in English", band=label), multiline=True, lang="en"
        )
    form_class = type("BandedQuestionForm", (QuestionForm,), fields)
    return form_class(data=initial(data))
