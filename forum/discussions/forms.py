"""Forms of the discussions: a topic (staff), a post or reply and its check step, a report, agreeing.

A post's text arrives in a textarea the first time and in a hidden field at the check step: both
are the same field, read, normalised and checked the same way every time (never trusted).
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, SelectMultipleField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, NumberRange, Optional, ValidationError

from forum.consultations.forms import (
    NOT_A_CHOICE,
    RefusingForm,
    area_choices,
    band_choices,
    initial,
    text_field,
)
from forum.discussions.models import BODY_MAX_LENGTH, ModerationMode, ReportReason
from forum.discussions.services import MAX_SLOW_MODE_SECONDS
from forum.discussions.text import has_refused_characters, normalize_body
from forum.review.reasons import REPORT_REASONS
from forum.schools.models import Area

MAX_TOPIC_TITLE = 200
MAX_PROMPT = 2000
# What the child chose at the personal-information check step.
REMOVE, EDIT, KEEP = "remove", "edit", "keep"


def _body_filter(value: Any) -> Any:
    return normalize_body(value) if isinstance(value, str) else value


def _body_length(form: FlaskForm, field: TextAreaField) -> None:
    if isinstance(field.data, str) and len(field.data) > BODY_MAX_LENGTH:
        raise ValidationError(
            _l(
                "Your post is %(count)d characters long. Please make it at most %(max)d characters.",
                count=len(field.data),
                max=BODY_MAX_LENGTH,
            )
        )


def _body_characters(form: FlaskForm, field: TextAreaField) -> None:
    if isinstance(field.data, str) and has_refused_characters(field.data):
        raise ValidationError(_l("Your post has special control characters in it. Please type it again."))


class PostForm(FlaskForm):
    body = TextAreaField(
        _l("Your idea"),
        filters=[_body_filter],
        validators=[DataRequired(_l("Please write something before sending.")), _body_length, _body_characters],
        render_kw={"maxlength": BODY_MAX_LENGTH, "rows": 5},
    )
    parent_id = HiddenField()
    choice = HiddenField(validators=[Optional(), AnyOf(["", REMOVE, EDIT, KEEP])])


class AgreeForm(FlaskForm):
    """The "I agree" button: only the CSRF token."""


class ReportForm(FlaskForm):
    reason = RadioField(
        _l("What worries you about this post?"),
        choices=[SelectChoice(reason.value, REPORT_REASONS[reason.value]) for reason in ReportReason],
        validators=[InputRequired(_l("Please choose what worries you."))],
        validate_choice=True,
    )

    def validate_reason(self, field: RadioField) -> None:
        if field.data not in {reason.value for reason in ReportReason}:
            raise ValidationError(NOT_A_CHOICE)


MODE_CHOICES = [
    SelectChoice(ModerationMode.PRE.value, _l("Pre-moderation: a moderator reads every post before others see it")),
    SelectChoice(
        ModerationMode.POST.value,
        _l("Post-moderation: posts appear at once unless the rules hold them for a moderator"),
    ),
]


class TopicForm(RefusingForm):
    title_vi = text_field(
        _l("Title in Vietnamese"), MAX_TOPIC_TITLE, _l("Please give the topic a title in Vietnamese."), lang="vi"
    )
    title_en = text_field(_l("Title in English"), MAX_TOPIC_TITLE, lang="en")
    prompt_vi = text_field(_l("Question for children, in Vietnamese"), MAX_PROMPT, multiline=True, lang="vi")
    prompt_en = text_field(_l("Question for children, in English"), MAX_PROMPT, multiline=True, lang="en")
    target_bands = SelectMultipleField(
        _l("Age bands"), invalid_value_message=NOT_A_CHOICE, invalid_choice_message=NOT_A_CHOICE
    )
    areas = SelectMultipleField(
        _l("Areas"), coerce=int, invalid_value_message=NOT_A_CHOICE, invalid_choice_message=NOT_A_CHOICE
    )
    mode = RadioField(
        _l("Moderation"),
        choices=MODE_CHOICES,
        default=ModerationMode.PRE.value,
        validators=[InputRequired(NOT_A_CHOICE)],
    )
    is_open = BooleanField(_l("Open: children can post"), default=True)
    slow_mode_seconds = IntegerField(
        _l("Slow mode: seconds a child waits between two posts in this topic"),
        default=0,
        invalid_value_message=_l("Enter a whole number of seconds, for example 30."),
        validators=[
            Optional(),
            NumberRange(
                0,
                MAX_SLOW_MODE_SECONDS,
                message=_l("Enter a number of seconds from 0 to %(max)d.", max=MAX_SLOW_MODE_SECONDS),
            ),
        ],
        render_kw={"inputmode": "numeric", "min": 0, "max": MAX_SLOW_MODE_SECONDS},
    )


def topic_form(bands: list[str], areas: list[Area], locale: str, data: dict[str, Any] | None = None) -> TopicForm:
    """The form offering the consultation's bands and areas."""
    form = TopicForm(data=initial(data))
    form.target_bands.choices = band_choices(bands)
    form.areas.choices = area_choices(areas, locale)
    return form
