"""Moderators' forms: the queue's and the log's filters, decisions, bulk approve, suspensions.

WTForms ships no Vietnamese catalogue, so every refusal a person can see is our own English msgid.
Choices that a child will read are labelled with the very words the child sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from forum.review.decisions import NOTE_MAX_LENGTH, REDACTED_MAX_LENGTH
from forum.review.messages import ACTION_NAMES, HELD_REASON_NAMES, SUSPENSION_LENGTHS
from forum.review.queue import QUEUE_REASONS
from forum.review.reasons import REJECTION_REASONS, SUSPENSION_REASONS
from forum.text_input import clean_paragraphs, clean_text, printable

NOT_A_CHOICE = _l("Choose one of the options in the list.")
NOT_A_DATE = _l("Enter a date as year-month-day, for example 2025-06-01.")
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2999, 12, 31)
# Far beyond any real id, small enough for a SQL integer.
MAX_ID = 2**31 - 1


def _choice(label: Any, choices: Iterable[SelectChoice] | None = None, **kwargs: Any) -> SelectField:
    return SelectField(
        label,
        choices=list(choices) if choices is not None else None,
        invalid_value_message=NOT_A_CHOICE,
        invalid_choice_message=NOT_A_CHOICE,
        **kwargs,
    )


def _note() -> TextAreaField:
    return TextAreaField(
        _l("Note for other moderators (optional, never shown to the child)"),
        validators=[
            Optional(),
            Length(max=NOTE_MAX_LENGTH, message=_l("Use at most %(max)d characters.", max=NOTE_MAX_LENGTH)),
            printable(multiline=True),
        ],
        filters=[clean_paragraphs],
        render_kw={"rows": 2},
    )


def child_facing_reason(reasons: Mapping[str, Any]) -> RadioField:
    """The reason a child will read, offered in the very words they will read (radio buttons,
    so long sentences are shown whole). Missing or unknown: one message."""
    message = _l("Choose the reason the child will read.")
    return RadioField(
        _l("Reason the child will read"),
        choices=[SelectChoice(key, text) for key, text in reasons.items()],
        invalid_choice_message=message,
        invalid_value_message=message,
    )


def _optional_id(label: Any) -> IntegerField:
    return IntegerField(
        label,
        validators=[Optional(), NumberRange(min=1, max=MAX_ID, message=_l("Enter a whole number, like 12."))],
        invalid_value_message=_l("Enter a whole number, like 12."),
        render_kw={"inputmode": "numeric"},
    )


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


# Filters ----------------------------------------------------------------------------------


class QueueFilterForm(FlaskForm):
    """The queue's filters, read from the query string. Choices are the ones with items waiting."""

    class Meta:
        csrf = False

    consultation = _choice(_l("Consultation"), coerce=str, default="")
    topic = _choice(_l("Topic"), coerce=str, default="")
    reason = _choice(
        _l("Why it is held"),
        [SelectChoice("", _l("Any reason"))] + [SelectChoice(code, HELD_REASON_NAMES[code]) for code in QUEUE_REASONS],
        default="",
    )

    def selected_id(self, field: SelectField) -> int | None:
        return int(field.data) if field.data and str(field.data).isdigit() else None


def _check_day(form: FlaskForm, field: Any) -> None:
    if field.data is not None and not EARLIEST_DAY <= field.data <= LATEST_DAY:
        raise ValidationError(_l("Choose a date between the years 2000 and 2999."))


class LogFilterForm(FlaskForm):
    class Meta:
        csrf = False

    action = _choice(
        _l("Decision"),
        [SelectChoice("", _l("Every decision"))] + [SelectChoice(code, name) for code, name in ACTION_NAMES.items()],
        default="",
    )
    moderator = StringField(
        _l("Moderator's username"),
        validators=[Optional(), Length(max=64, message=_l("Use at most %(max)d characters.", max=64)), printable()],
        filters=[clean_text],
    )
    item = _optional_id(_l("Queue item number"))
    since = DateField(_l("From"), validators=[Optional(), _check_day], invalid_value_message=NOT_A_DATE)
    until = DateField(_l("To"), validators=[Optional(), _check_day], invalid_value_message=NOT_A_DATE)

    def validate_until(self, field: DateField) -> None:
        if self.since.data and field.data and self.since.data > field.data:
            raise ValidationError(_l("The “to” date must not be before the “from” date."))


# Decisions --------------------------------------------------------------------------------


class ClaimForm(FlaskForm):
    take_over = BooleanField(_l("Take it over"))


class ApproveForm(FlaskForm):
    note = _note()


class RejectForm(FlaskForm):
    reason = child_facing_reason(REJECTION_REASONS)
    note = _note()


class RedactForm(FlaskForm):
    text = TextAreaField(
        _l("Text others will see"),
        validators=[
            DataRequired(_l("The redacted text cannot be empty. Reject the item instead.")),
            Length(
                max=REDACTED_MAX_LENGTH,
                message=_l("Use at most %(max)d characters.", max=REDACTED_MAX_LENGTH),
            ),
        ],
        render_kw={"rows": 6},
    )
    spans = CheckboxList(
        _l("Hide these highlighted words"), coerce=int, validate_choice=False, invalid_value_message=NOT_A_CHOICE
    )
    note = _note()


class BulkApproveForm(FlaskForm):
    item = SelectMultipleField(_l("Items"), coerce=int, validate_choice=False, invalid_value_message=NOT_A_CHOICE)

    def validate_item(self, field: SelectMultipleField) -> None:
        if not field.data:
            raise ValidationError(_l("Tick at least one item to approve."))
        if any(not 1 <= value <= MAX_ID for value in field.data):
            raise ValidationError(NOT_A_CHOICE)


class SuspendForm(FlaskForm):
    """From an item (`child_id` is known) or from the suspensions page (a child's pseudonym)."""

    pseudonym = StringField(
        _l("The child's pseudonym, exactly as shown on their post"),
        validators=[Optional(), Length(max=64, message=_l("Use at most %(max)d characters.", max=64)), printable()],
        filters=[clean_text],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    child_id = HiddenField()
    item_id = HiddenField()
    days = _choice(
        _l("How long"),
        [SelectChoice(str(days), label) for days, label in SUSPENSION_LENGTHS.items()],
        coerce=int,
        default=1,
    )
    reason = child_facing_reason(SUSPENSION_REASONS)
    note = _note()


class LiftForm(FlaskForm):
    pass
