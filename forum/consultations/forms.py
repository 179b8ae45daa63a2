"""Policy staff's forms: a consultation, a survey's title and bands, the status change, an upload.

Texts are typed in Vietnamese and English side by side; summaries per configured age band are
fields added to a subclass made for the configured bands (`consultation_form`). Every refusal is
our own English msgid, as WTForms ships no Vietnamese catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, Field, HiddenField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from forum.accounts.age_bands import label_of_key
from forum.consultations.messages import CONSULTATION_ERRORS
from forum.schools.models import Area
from forum.surveys.definition import MAX_TEXT
from forum.text_input import clean_paragraphs, clean_text, printable

NOT_A_CHOICE = _l("Choose from the list.")
NOT_A_DATE = _l("Enter a date as year-month-day, for example 2025-06-01.")
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2999, 12, 31)
MAX_TITLE = 200
# An upload larger than this is refused before it is read (the app's request limit is larger).
MAX_UPLOAD_BYTES = 1024 * 1024
UPLOAD_EXTENSIONS = ("json", "xlsx")


def text_field(
    label: Any, max_length: int = MAX_TEXT, required: Any = None, multiline: bool = False, lang: str | None = None
) -> Field:
    """A text in one language: required (with this message) or optional, trimmed and NFC-normalised."""
    validators = [DataRequired(required) if required else Optional()]
    validators += [
        Length(max=max_length, message=_l("Use at most %(max)d characters.", max=max_length)),
        printable(multiline=multiline),
    ]
    render_kw = {"lang": lang} if lang else {}
    if multiline:
        return TextAreaField(label, validators=validators, filters=[clean_paragraphs], render_kw=render_kw)
    return StringField(label, validators=validators, filters=[clean_text], render_kw=render_kw)


def texts_of(form: FlaskForm, prefix: str) -> dict[str, str]:
    """{"vi": ..., "en": ...} from the fields `<prefix>_vi` and `<prefix>_en`, leaving out empty ones."""
    texts = {lang: form[f"{prefix}_{lang}"].data or "" for lang in ("vi", "en")}
    return {lang: text for lang, text in texts.items() if text}


def texts_data(prefix: str, texts: Mapping[str, str] | None) -> dict[str, str]:
    return {f"{prefix}_{lang}": (texts or {}).get(lang, "") for lang in ("vi", "en")}


def band_field_name(prefix: str, band: str, lang: str) -> str:
    """ "6-8" becomes summary_6_8_vi: a name that is also a valid HTML id."""
    return f"{prefix}_{band.replace('-', '_')}_{lang}"


def initial(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """Stored values fill a form only when it is shown: a submitted form holds exactly what was sent."""
    return None if request.method == "POST" else data


def check_day(form: FlaskForm, field: Field) -> None:
    if field.data is not None and not EARLIEST_DAY <= field.data <= LATEST_DAY:
        raise ValidationError(_l("Choose a date between the years 2000 and 2999."))


def band_choices(bands: Iterable[str]) -> list[SelectChoice]:
    return [SelectChoice(band, label_of_key(band)) for band in bands]


def area_choices(areas: Iterable[Area], locale: str) -> list[SelectChoice]:
    return [SelectChoice(str(area.id), area.name(locale)) for area in areas]


def _checkboxes(label: Any, coerce: Callable[[Any], Any] = str) -> SelectMultipleField:
    return SelectMultipleField(
        label, coerce=coerce, invalid_value_message=NOT_A_CHOICE, invalid_choice_message=NOT_A_CHOICE
    )


class RefusingForm(FlaskForm):
    """A form whose last checks are made by a service: its refusals are shown beside a field."""

    def refuse(self, field_name: str | None, message: Any) -> None:
        field = self._fields.get(field_name) if field_name else None
        if field is not None:
            field.errors = [*field.errors, message]
        else:
            self.form_errors.append(message)


class ConsultationForm(RefusingForm):
    title_vi = text_field(
        _l("Title in Vietnamese"), MAX_TITLE, _l("Please give the consultation a title in Vietnamese."), lang="vi"
    )
    title_en = text_field(_l("Title in English"), MAX_TITLE, lang="en")
    question_vi = text_field(
        _l("The policy question in plain Vietnamese"),
        required=_l("Please write the policy question in Vietnamese."),
        multiline=True,
        lang="vi",
    )
    question_en = text_field(_l("The policy question in plain English"), multiline=True, lang="en")
    purpose_vi = text_field(_l("Purpose in Vietnamese"), multiline=True, lang="vi")
    purpose_en = text_field(_l("Purpose in English"), multiline=True, lang="en")
    audience_vi = text_field(_l("Who will read the views, in Vietnamese"), lang="vi")
    audience_en = text_field(_l("Who will read the views, in English"), lang="en")
    target_bands = _checkboxes(_l("Age bands"))
    areas = _checkboxes(_l("Areas"), coerce=int)
    opens_on = DateField(
        _l("Opens on"),
        validators=[InputRequired(_l("Please give the opening date.")), check_day],
        invalid_value_message=NOT_A_DATE,
    )
    closes_on = DateField(
        _l("Closes on"),
        validators=[InputRequired(_l("Please give the closing date.")), check_day],
        invalid_value_message=NOT_A_DATE,
    )
    feedback_by = DateField(
        _l("Feedback to children by"), validators=[Optional(), check_day], invalid_value_message=NOT_A_DATE
    )

    bands: Sequence[str] = ()

    def validate_closes_on(self, field: DateField) -> None:
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError(CONSULTATION_ERRORS["dates_out_of_order"])

    def validate_feedback_by(self, field: DateField) -> None:
        if self.closes_on.data and field.data and field.data < self.closes_on.data:
            raise ValidationError(CONSULTATION_ERRORS["feedback_before_close"])

    def summary_fields(self) -> list[tuple[str, Field, Field]]:
        """(band, Vietnamese field, English field) for each configured band."""
        return [
            (band, self[band_field_name("summary", band, "vi")], self[band_field_name("summary", band, "en")])
            for band in self.bands
        ]

    def summaries(self) -> dict[str, dict[str, str]]:
        return {
            band: {lang: field.data for lang, field in (("vi", vi), ("en", en)) if field.data}
            for band, vi, en in self.summary_fields()
        }


def consultation_form(
    bands: Sequence[str], areas: Sequence[Area], locale: str, data: dict[str, Any] | None = None
) -> ConsultationForm:
    """The form for the configured bands, offering `areas` (active ones, and any already chosen)."""
    fields: dict[str, Any] = {"bands": tuple(bands)}
    for band in bands:
        label = label_of_key(band)
        fields[band_field_name("summary", band, "vi")] = text_field(
            _l("For children aged %(band)s, in Vietnamese", band=label), multiline=True, lang="vi"
        )
        fields[band_field_name("summary", band, "en")] = text_field(
            _l("For children aged %(band)s, in English", band=label), multiline=True, lang="en"
        )
    form_class = type("BandedConsultationForm", (ConsultationForm,), fields)
    form: ConsultationForm = form_class(data=initial(data))
    form.target_bands.choices = band_choices(bands)
    form.areas.choices = area_choices(areas, locale)
    return form


class SurveyForm(RefusingForm):
    title_vi = text_field(
        _l("Title in Vietnamese"), MAX_TITLE, _l("Please give the survey a title in Vietnamese."), lang="vi"
    )
    title_en = text_field(_l("Title in English"), MAX_TITLE, lang="en")
    intro_vi = text_field(_l("Introduction in Vietnamese"), multiline=True, lang="vi")
    intro_en = text_field(_l("Introduction in English"), multiline=True, lang="en")
    target_bands = _checkboxes(_l("Age bands"))


def survey_form(bands: Sequence[str], data: dict[str, Any] | None = None) -> SurveyForm:
    form = SurveyForm(data=initial(data))
    form.target_bands.choices = band_choices(bands)
    return form


class StatusForm(FlaskForm):
    """The status a consultation moves to, from the confirmation page's hidden field."""

    to = HiddenField(validators=[DataRequired()])


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[DataRequired()])

    def validate_direction(self, field: HiddenField) -> None:
        if field.data not in ("up", "down"):
            raise ValidationError(NOT_A_CHOICE)

    @property
    def offset(self) -> int:
        return -1 if self.direction.data == "up" else 1


class ConfirmForm(FlaskForm):
    """A button that only needs the CSRF token."""


def _small_enough(form: FlaskForm, field: FileField) -> None:
    upload = field.data
    if upload is None:
        return
    upload.stream.seek(0, 2)
    size = upload.stream.tell()
    upload.stream.seek(0)
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(_l("The file is larger than %(size)d KB.", size=MAX_UPLOAD_BYTES // 1024))
    if size == 0:
        raise ValidationError(_l("The file is empty."))


class UploadForm(FlaskForm):
    file = FileField(
        _l("Survey file (.json or .xlsx)"),
        validators=[
            FileRequired(_l("Choose a file to upload.")),
            FileAllowed(UPLOAD_EXTENSIONS, _l("Upload a .json file exported from here or an XLSForm .xlsx file.")),
            _small_enough,
        ],
    )
