"""The results pages' forms: the filters over a survey and the breakdown chooser, both read from the
query string (GET, so no CSRF token). A value that is not offered is a 400 with the field's message.

The choices are the ones a result set can be narrowed by: the survey's age bands, the genders we
record, the consultation's target areas (every area when it has none) and the school levels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import SelectField
from wtforms.fields import SelectChoice
from wtforms.validators import ValidationError

from forum.accounts.age_bands import label_of_key
from forum.labels import GENDER_NAMES, LEVEL_NAMES
from forum.results.filters import DIMENSIONS, Dimension
from forum.schools.models import Area

NOT_A_CHOICE = _l("Choose one of the options in the list.")
AREA_NOT_IN_TARGET = _l("Choose one of the areas in the list: this consultation asked children in those only.")
NOT_A_DIMENSION = _l("Results can be broken down by age band, gender, area or school level only.")
SAME_DIMENSION = _l("Choose two different characteristics, or only one.")
CHOOSE_DIMENSION = _l("Choose what to break the results down by.")
DIMENSION_NAMES = {
    Dimension.AGE_BAND: _l("Age band"),
    Dimension.GENDER: _l("Gender"),
    Dimension.AREA: _l("Area"),
    Dimension.SCHOOL_LEVEL: _l("School level"),
}
# What a breakdown is "by", inside a sentence: "… by age band and gender".
DIMENSION_PHRASES = {
    Dimension.AGE_BAND: _l("age band"),
    Dimension.GENDER: _l("gender"),
    Dimension.AREA: _l("area"),
    Dimension.SCHOOL_LEVEL: _l("school level"),
}
# The query-string names of the breakdown chooser; `q` is the question it is open on.
BREAKDOWN_PARAMETERS = ("q", "by", "and_by")


def _choice(label: Any, message: Any = NOT_A_CHOICE) -> SelectField:
    return SelectField(label, choices=[], default="", invalid_value_message=message, invalid_choice_message=message)


class QueryForm(FlaskForm):
    """A form read from the query string: no CSRF token (it changes nothing)."""

    class Meta:
        csrf = False

    def refuse(self, field_name: str, message: Any) -> None:
        """Show a refusal found after validation (by `parse_filters`) beside its field."""
        field = self._fields.get(field_name)
        if field is None:
            self.form_errors.append(message)
        else:
            field.errors = [*field.errors, message]


class FilterForm(QueryForm):
    age_band = _choice(_l("Age band"))
    gender = _choice(_l("Gender"))
    area = _choice(_l("Area"), AREA_NOT_IN_TARGET)
    school_level = _choice(_l("School level"))


def filter_form(
    formdata: MultiDict[str, str] | None, bands: Sequence[str], areas: Iterable[Area], locale: str
) -> FilterForm:
    """The filters with their choices; "" (everyone) first in each list."""
    form = FilterForm(formdata=formdata)
    form.age_band.choices = [SelectChoice("", _l("All ages"))] + [
        SelectChoice(band, label_of_key(band)) for band in bands
    ]
    form.gender.choices = [SelectChoice("", _l("All genders"))] + [
        SelectChoice(value, label) for value, label in GENDER_NAMES.items()
    ]
    form.area.choices = [SelectChoice("", _l("All areas"))] + [
        SelectChoice(str(area.id), area.name(locale)) for area in areas
    ]
    form.school_level.choices = [SelectChoice("", _l("All school levels"))] + [
        SelectChoice(value, label) for value, label in LEVEL_NAMES.items()
    ]
    return form


def dimension_choices(empty: Any) -> list[SelectChoice]:
    return [SelectChoice("", empty)] + [SelectChoice(d.value, DIMENSION_NAMES[d]) for d in DIMENSIONS]


class BreakdownForm(QueryForm):
    """One or two characteristics to split one question by."""

    by = _choice(_l("Break down by"), NOT_A_DIMENSION)
    and_by = _choice(_l("and then by (optional)"), NOT_A_DIMENSION)

    def validate_by(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError(CHOOSE_DIMENSION)

    def validate_and_by(self, field: SelectField) -> None:
        if field.data and field.data == self.by.data:
            raise ValidationError(SAME_DIMENSION)

    def dimensions(self) -> tuple[Dimension, ...]:
        """The chosen characteristics (valid after `validate`)."""
        return tuple(Dimension(value) for value in (self.by.data, self.and_by.data) if value)

    def query(self) -> dict[str, str]:
        """The chosen characteristics as query-string parameters (valid after `validate`)."""
        return {name: value for name, value in (("by", self.by.data), ("and_by", self.and_by.data)) if value}


def breakdown_form(formdata: Mapping[str, str] | None) -> BreakdownForm:
    form = BreakdownForm(formdata=MultiDict(formdata) if formdata is not None else None)
    form.by.choices = dimension_choices(_l("Choose…"))
    form.and_by.choices = dimension_choices(_l("Nothing more"))
    return form
