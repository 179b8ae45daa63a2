"""Administrators' forms: areas, schools, staff accounts, and the audit log's filters.

WTForms ships no Vietnamese catalogue, so every refusal a person can see is given here as our own
English msgid. Lengths match the columns in the models, so nothing is cut off silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, PasswordField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from forum.accounts.messages import ACCOUNT_ERRORS
from forum.accounts.models import STAFF_ROLES, Role
from forum.accounts.services import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, USERNAME_PATTERN, normalise_username
from forum.admin.labels import AUDIT_ACTION_NAMES
from forum.admin.messages import SCHOOL_ERRORS
from forum.labels import LEVEL_NAMES, ROLE_NAMES
from forum.schools.models import Area, School, SchoolLevel
from forum.schools.services import AREA_CODE_PATTERN
from forum.text_input import clean_text, printable

NOT_A_CHOICE = _l("Choose one of the options in the list.")
NOT_A_DATE = _l("Enter a date as year-month-day, for example 2025-06-01.")
# The audit log's dates are used in date arithmetic: keep them well inside what it can represent.
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2999, 12, 31)
NO_SCHOOL = 0


def valid_username(form: FlaskForm, field: Any) -> None:
    """The services' own rules, checked here too so every mistake in a form is shown at once."""
    if field.data and not USERNAME_PATTERN.match(normalise_username(field.data)):
        raise ValidationError(ACCOUNT_ERRORS["username_invalid"])


def valid_area_code(form: FlaskForm, field: Any) -> None:
    if field.data and not AREA_CODE_PATTERN.match(field.data.upper()):
        raise ValidationError(SCHOOL_ERRORS["area_code_invalid"])


def _text(
    label: Any, max_length: int, required: Any = None, extra: Sequence[Callable[..., None]] = (), **kwargs: Any
) -> StringField:
    """A one-line text field: required (with this message) or optional, at most `max_length` characters."""
    validators = [DataRequired(required) if required else Optional()]
    validators += [
        Length(max=max_length, message=_l("Use at most %(max)d characters.", max=max_length)),
        printable(),
        *extra,
    ]
    return StringField(label, validators=validators, filters=[clean_text], **kwargs)


def _choice(label: Any, choices: Iterable[SelectChoice] | None = None, **kwargs: Any) -> SelectField:
    return SelectField(
        label,
        choices=list(choices) if choices is not None else None,
        invalid_value_message=NOT_A_CHOICE,
        invalid_choice_message=NOT_A_CHOICE,
        **kwargs,
    )


def _new_password(label: Any) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired(_l("Please type a password.")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=MAX_PASSWORD_LENGTH,
                message=_l(
                    "The password must be %(min)d to %(max)d characters long.",
                    min=MIN_PASSWORD_LENGTH,
                    max=MAX_PASSWORD_LENGTH,
                ),
            ),
        ],
        render_kw={"autocomplete": "new-password"},
    )


def _password_again() -> PasswordField:
    return PasswordField(
        _l("Password again"),
        validators=[
            DataRequired(_l("Please type the password again.")),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


ROLE_CHOICES = [SelectChoice(role.value, ROLE_NAMES[role.value]) for role in STAFF_ROLES]
LEVEL_CHOICES = [SelectChoice(level.value, LEVEL_NAMES[level.value]) for level in SchoolLevel]
ACTION_CHOICES = [SelectChoice(value, label) for value, label in AUDIT_ACTION_NAMES.items()]


def area_choices(areas: Iterable[Area], locale: str) -> list[SelectChoice]:
    return [SelectChoice(str(area.id), f"{area.name(locale)} ({area.code})") for area in areas]


def school_choices(schools: Iterable[School], locale: str) -> list[SelectChoice]:
    """Schools with their area: two schools in different areas may share a name."""
    return [SelectChoice(str(NO_SCHOOL), _l("No school"))] + [
        SelectChoice(str(school.id), f"{school.name} – {school.area.name(locale)}") for school in schools
    ]


class AdminForm(FlaskForm):
    """A form whose last checks are made by a service (duplicates, a teacher's school, your own role)."""

    def refuse(self, field_name: str | None, message: Any) -> None:
        """Show a service's refusal beside the field it concerns (or above the form)."""
        field = self._fields.get(field_name) if field_name else None
        if field is not None:
            field.errors.append(message)
        else:
            self.form_errors.append(message)


class AreaForm(AdminForm):
    code = _text(
        _l("Code"),
        16,
        _l("Please give the area a short code."),
        extra=[valid_area_code],
        render_kw={"autocapitalize": "characters", "spellcheck": "false"},
    )
    name_vi = _text(_l("Name in Vietnamese"), 120, _l("Please give the Vietnamese name."), render_kw={"lang": "vi"})
    name_en = _text(_l("Name in English"), 120, _l("Please give the English name."), render_kw={"lang": "en"})
    kind = _text(_l("Kind"), 32)
    active = BooleanField(_l("Active: schools can be added in this area"), default=True)


class SchoolForm(AdminForm):
    name = _text(_l("Name"), 200, _l("Please give the school's name."))
    level = _choice(_l("Level"), LEVEL_CHOICES, coerce=SchoolLevel)
    area = _choice(_l("Area"), coerce=int)
    active = BooleanField(_l("Active: teachers can be added to this school"), default=True)


class StaffForm(AdminForm):
    """What an administrator may change on a staff account."""

    display_name = _text(_l("Display name"), 120)
    role = _choice(_l("Role"), ROLE_CHOICES, coerce=Role)
    school = _choice(_l("School"), coerce=int, default=NO_SCHOOL)
    is_safeguarding_lead = BooleanField(_l("Safeguarding lead (moderators only)"))


class StaffEditForm(StaffForm):
    active = BooleanField(_l("Active: the account can sign in"))


class StaffCreateForm(StaffForm):
    username = _text(
        _l("Username"),
        64,
        _l("Please choose a username."),
        extra=[valid_username],
        render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"},
    )
    password = _new_password(_l("Password"))
    confirm_password = _password_again()


class PasswordResetForm(AdminForm):
    password = _new_password(_l("New password"))
    confirm_password = _password_again()


def _check_day(day: date | None) -> None:
    if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValidationError(_l("Choose a date between the years 2000 and 2999."))


class StaffFilterForm(FlaskForm):
    """The staff list's filters, read from the query string."""

    class Meta:
        csrf = False

    role = _choice(_l("Role"), [SelectChoice("", _l("All roles"))] + ROLE_CHOICES, default="")
    q = _text(_l("Search by username or name"), 64, render_kw={"type": "search"})


class AuditFilterForm(FlaskForm):
    """The audit log's filters, read from the query string; dates are whole days."""

    class Meta:
        csrf = False

    action = _choice(_l("Action"), [SelectChoice("", _l("All actions"))] + ACTION_CHOICES, default="")
    actor = _text(_l("Done by (username)"), 64, render_kw={"autocapitalize": "none", "spellcheck": "false"})
    since = DateField(_l("From"), validators=[Optional()], invalid_value_message=NOT_A_DATE)
    until = DateField(_l("To"), validators=[Optional()], invalid_value_message=NOT_A_DATE)

    def validate_since(self, field: DateField) -> None:
        _check_day(field.data)

    def validate_until(self, field: DateField) -> None:
        _check_day(field.data)
        if self.since.data and field.data and self.since.data > field.data:
            raise ValidationError(_l("The “to” date must not be before the “from” date."))
