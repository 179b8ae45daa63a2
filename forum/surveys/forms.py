"""Forms around taking a survey. The answers themselves are read by `answers.read_answer`, because
the fields depend on the survey; these forms carry the choices the pages add around them."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField
from wtforms.fields import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from forum.surveys.answers import DECLINE_VALUE, FormValues, field_name
from forum.surveys.definition import QuestionDefinition, QuestionType, SurveyDefinition
from forum.surveys.models import Response

STEPS = "steps"
PAGE = "page"
LAYOUTS = (STEPS, PAGE)


class StartForm(FlaskForm):
    """Start or continue; older children also choose how the questions are shown."""

    layout = RadioField(
        _l("How do you want to answer?"),
        choices=[
            SelectChoice(STEPS, _l("One question at a time")),
            SelectChoice(PAGE, _l("All questions on one page")),
        ],
        default=STEPS,
        validators=[Optional()],
        validate_choice=True,
    )


class LayoutForm(FlaskForm):
    layout = HiddenField(validators=[DataRequired(), AnyOf(LAYOUTS)])


class SubmitForm(FlaskForm):
    """Carries the one-time key of the answers the child has just checked (see views.submission_key)."""

    submission_key = HiddenField(validators=[DataRequired(), Length(max=64)])


def submission_key(response: Response, secret: str) -> str:
    """One key per version of the draft: a review page shown before the answers changed (in another
    tab) cannot send them unseen, and once the response is submitted the key is spent."""
    stamp = response.updated_at.isoformat() if response.updated_at else ""
    message = f"submit:{response.id}:{stamp}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:40]


def draft_fields(definition: SurveyDefinition, draft: Mapping[str, Any]) -> dict[str, list[str]]:
    """The draft as the form fields that would have sent it, to fill the inputs in again."""
    values: dict[str, list[str]] = {}
    for question in definition.questions:
        value = draft.get(question.key)
        if value is None:
            continue
        if isinstance(value, dict):
            values[field_name(question)] = [DECLINE_VALUE]
        elif question.type is QuestionType.RANKING and isinstance(value, list):
            for rank, key in enumerate(value, start=1):
                values[field_name(question, key)] = [str(rank)]
        elif isinstance(value, list):
            values[field_name(question)] = [str(v) for v in value]
        else:
            values[field_name(question)] = [str(value)]
    return values


def posted_fields(questions: Sequence[QuestionDefinition], form: FormValues) -> dict[str, list[str]]:
    """What the child sent for these questions, exactly as typed (to show it again)."""
    names = {field_name(q) for q in questions} | {field_name(q, o.key) for q in questions for o in q.options}
    return {name: values for name in sorted(names) if (values := form.getlist(name))}


def has_typed(question: QuestionDefinition, values: Mapping[str, list[str]]) -> bool:
    names = [field_name(question), *(field_name(question, o.key) for o in question.options)]
    return any(value.strip() for name in names for value in values.get(name, []))
