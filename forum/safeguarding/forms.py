"""Safeguarding leads' forms: the list's filter, a status change, a note, an assignment; and the
moderator's "open a case" button on a queue item.

WTForms ships no Vietnamese catalogue, so every refusal is our own English msgid.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from forum.accounts.models import User
from forum.safeguarding.labels import STATUS_NAMES
from forum.safeguarding.models import CaseStatus
from forum.safeguarding.services import MAX_NOTE_LENGTH
from forum.text_input import clean_paragraphs, printable

NOT_A_CHOICE = _l("Choose one of the options in the list.")
NOBODY = 0
TOO_LONG = _l("Use at most %(max)d characters.", max=MAX_NOTE_LENGTH)


def _choice(label: Any, choices: Iterable[SelectChoice] | None = None, **kwargs: Any) -> SelectField:
    return SelectField(
        label,
        choices=list(choices) if choices is not None else None,
        invalid_value_message=NOT_A_CHOICE,
        invalid_choice_message=NOT_A_CHOICE,
        **kwargs,
    )


def _note(label: Any, required: Any = None) -> TextAreaField:
    validators = [DataRequired(required) if required else Optional()]
    return TextAreaField(
        label,
        validators=[*validators, Length(max=MAX_NOTE_LENGTH, message=TOO_LONG), printable(multiline=True)],
        filters=[clean_paragraphs],
        render_kw={"rows": 4},
    )


def status_choices(statuses: Iterable[CaseStatus]) -> list[SelectChoice]:
    return [SelectChoice(status.value, STATUS_NAMES[status.value]) for status in statuses]


def lead_choices(leads: Iterable[User]) -> list[SelectChoice]:
    return [SelectChoice(str(NOBODY), _l("Nobody yet"))] + [
        SelectChoice(str(lead.id), lead.label or str(lead.id)) for lead in leads
    ]


class CaseFilterForm(FlaskForm):
    """The case list's filter, read from the query string."""

    class Meta:
        csrf = False

    status = _choice(
        _l("Show"),
        [
            SelectChoice("open", _l("Open cases")),
            SelectChoice("all", _l("All cases")),
            *status_choices(CaseStatus),
        ],
        default="open",
    )


class StatusForm(FlaskForm):
    """`expected` is the status the page showed: if it moved meanwhile, the change is refused."""

    status = _choice(_l("New status"))
    expected = HiddenField()
    note = _note(_l("Note (optional): what was done, who was told"))

    def validate_expected(self, field: HiddenField) -> None:
        if field.data not in {status.value for status in CaseStatus}:
            raise ValidationError(_l("This page is out of date. Please reload it and try again."))


class NoteForm(FlaskForm):
    body = _note(_l("Add a note"), _l("Please write the note."))


class AssignForm(FlaskForm):
    assignee = _choice(_l("Assigned to"), coerce=int)


class OpenCaseForm(FlaskForm):
    """From a moderation queue item; the note is optional."""

    note = _note(_l("Why you are worried (optional)"))
