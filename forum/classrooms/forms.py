"""The teacher's forms. Every refusal has its own translated message (WTForms ships no Vietnamese)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    Field,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from forum.accounts.models import ConsentMethod, User
from forum.classrooms.messages import CLASS_EMPTY, NO_CHILD_SELECTED, NOT_IN_CLASS, SCHOOL_ERRORS
from forum.classrooms.roster import MAX_CHILDREN
from forum.labels import CONSENT_METHOD_NAMES
from forum.schools.services import SchoolError, check_school_year
from forum.text_input import clean_text, printable

GRADES = range(1, 13)
MAX_CLASS_NAME = 32
# Generous for 60 lines like "2016, prefer not to say"; longer text is refused before parsing.
MAX_ROSTER_TEXT = MAX_CHILDREN * 60


def _whole_number(value: Any) -> int | None:
    """Coercion for choice fields: anything that is not a number becomes None and is refused as a choice."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ClassroomForm(FlaskForm):
    name = StringField(
        _l("Class name"),
        filters=[clean_text],
        validators=[
            DataRequired(_l("Give the class a name, like 5A.")),
            Length(
                max=MAX_CLASS_NAME,
                message=_l("The class name can be at most %(max)d characters.", max=MAX_CLASS_NAME),
            ),
            printable(_l("The class name contains characters that cannot be shown.")),
        ],
        render_kw={"autocomplete": "off", "maxlength": MAX_CLASS_NAME},
    )
    grade = SelectField(
        _l("Grade"),
        coerce=_whole_number,
        choices=[SelectChoice(str(grade)) for grade in GRADES],
        invalid_choice_message=_l("Choose a grade from 1 to 12."),
    )
    school_year = StringField(
        _l("School year"),
        filters=[clean_text],
        validators=[
            DataRequired(SCHOOL_ERRORS["school_year_invalid"]),
            Length(max=9, message=SCHOOL_ERRORS["school_year_invalid"]),
        ],
        render_kw={"autocomplete": "off", "maxlength": 9, "inputmode": "numeric"},
    )

    def __init__(self, school_years: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.school_years = school_years

    def validate_school_year(self, field: Field) -> None:
        try:
            check_school_year(field.data)
        except SchoolError as error:
            raise ValidationError(SCHOOL_ERRORS[error.code]) from error
        if field.data not in self.school_years:
            raise ValidationError(
                _l("Classes can be created for these school years: %(years)s.", years=", ".join(self.school_years))
            )


class AddChildrenForm(FlaskForm):
    rows = TextAreaField(
        _l("Children, one per line"),
        validators=[
            DataRequired(_l("Write one child per line, starting with the birth year.")),
            Length(
                max=MAX_ROSTER_TEXT,
                message=_l("The list is too long. You can add up to %(count)d children at once.", count=MAX_CHILDREN),
            ),
        ],
        render_kw={"rows": 12, "spellcheck": "false", "autocomplete": "off"},
    )


def child_choices(children: Iterable[User]) -> list[SelectChoice]:
    return [SelectChoice(str(child.id), child.pseudonym or "") for child in children]


def _child_field() -> SelectMultipleField:
    """Ticked children; the view sets the choices to the class's own (`child_choices`)."""
    return SelectMultipleField(
        _l("Children"),
        coerce=_whole_number,
        choices=[],
        invalid_choice_message=NOT_IN_CLASS,
    )


class CardsForm(FlaskForm):
    children = _child_field()
    output = RadioField(
        _l("Print or download"),
        choices=[
            SelectChoice("print", _l("A page to print (A4, 10 cards a page)")),
            SelectChoice("csv", _l("A CSV file for a spreadsheet")),
        ],
        default="print",
        invalid_choice_message=_l("Choose a page to print or a CSV file."),
    )
    confirm_reissue = BooleanField(_l("I understand that the old cards of these children will stop working."))
    selected = SubmitField(_l("Issue cards for the ticked children"))
    whole_class = SubmitField(_l("Issue cards for the whole class"))

    def validate_children(self, field: Field) -> None:
        if self.whole_class.data and not field.choices:
            raise ValidationError(CLASS_EMPTY)
        if not self.whole_class.data and not field.data:
            raise ValidationError(NO_CHILD_SELECTED)

    def chosen_ids(self) -> set[int]:
        """The whole class when that button was pressed, otherwise the ticked children."""
        if self.whole_class.data:
            return {int(choice.value) for choice in self.children.choices}
        return set(self.children.data or [])


class ConsentForm(FlaskForm):
    given_on = DateField(
        _l("Date the parent or carer gave consent"),
        validators=[DataRequired(_l("Enter the date the consent was given, like 2026-05-31."))],
    )
    method = SelectField(
        _l("How it was given"),
        choices=[SelectChoice(method.value, CONSENT_METHOD_NAMES[method.value]) for method in ConsentMethod],
        default=ConsentMethod.PAPER.value,
        invalid_choice_message=_l("Choose how the consent was given."),
    )

    @property
    def consent_method(self) -> ConsentMethod:
        return ConsentMethod(self.method.data)


class BulkConsentForm(ConsentForm):
    children = _child_field()
    record = SubmitField(_l("Record consent for the ticked children"))

    def validate_children(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(NO_CHILD_SELECTED)


class WithdrawForm(FlaskForm):
    confirm = BooleanField(
        _l("I understand that this child's data will be erased for good and their card will stop working."),
        validators=[DataRequired(_l("Tick the box to confirm the withdrawal."))],
    )
