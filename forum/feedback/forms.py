"""Policy staff's feedback forms: the summaries (overall, and one per target age band) and one point.

Texts may hold paragraphs (line breaks are kept, as "\\n"); any other invisible character is
refused. Vietnamese and English are typed side by side; English alone is refused, as children read
Vietnamese first. Every refusal is our own English msgid.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import Field, RadioField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from forum.accounts.age_bands import label_of_key
from forum.consultations.forms import RefusingForm, band_field_name, initial
from forum.feedback.messages import FEEDBACK_ERRORS, NEEDS_VIETNAMESE, OUTCOME_NAMES
from forum.feedback.models import Outcome
from forum.feedback.services import (
    MAX_EXPLANATION,
    MAX_RAISED,
    MAX_SUMMARY,
    NEEDS_REASON,
    PointInput,
    SummariesInput,
)
from forum.text_input import clean_paragraphs, printable

NOT_A_CHOICE = _l("Choose from the list.")


def paragraphs_field(label: Any, max_length: int, lang: str, required: Any = None) -> TextAreaField:
    validators = [DataRequired(required) if required else Optional()]
    validators += [Length(max=max_length, message=_l("Use at most %(max)d characters.", max=max_length))]
    validators.append(printable(multiline=True))
    return TextAreaField(label, validators=validators, filters=[clean_paragraphs], render_kw={"lang": lang, "rows": 4})


def _needs_vietnamese(vi: Field, en: Field) -> None:
    """English without Vietnamese: the refusal goes on the Vietnamese field."""
    if en.data and not vi.data and not vi.errors:
        vi.errors = [*vi.errors, NEEDS_VIETNAMESE]


class SummariesForm(RefusingForm):
    summary_vi = paragraphs_field(_l("Overall summary in Vietnamese"), MAX_SUMMARY, "vi")
    summary_en = paragraphs_field(_l("Overall summary in English"), MAX_SUMMARY, "en")

    bands: Sequence[str] = ()

    def band_fields(self) -> list[tuple[str, Field, Field]]:
        """(band, Vietnamese field, English field) for each band that needs a summary."""
        return [
            (band, self[band_field_name("band", band, "vi")], self[band_field_name("band", band, "en")])
            for band in self.bands
        ]

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        pairs = [(self.summary_vi, self.summary_en)] + [(vi, en) for _, vi, en in self.band_fields()]
        for vi, en in pairs:
            _needs_vietnamese(vi, en)
        return valid and not any(vi.errors for vi, _ in pairs)

    def summaries(self) -> SummariesInput:
        def texts(vi: Field, en: Field) -> dict[str, str]:
            return {lang: f.data for lang, f in (("vi", vi), ("en", en)) if f.data}

        return SummariesInput(
            summary=texts(self.summary_vi, self.summary_en),
            band_summaries={band: texts(vi, en) for band, vi, en in self.band_fields()},
        )


def summaries_form(bands: Sequence[str], data: dict[str, Any] | None = None) -> SummariesForm:
    """The form for these bands; `data` fills it when it is shown, never when it was sent."""
    fields: dict[str, Any] = {"bands": tuple(bands)}
    for band in bands:
        label = label_of_key(band)
        fields[band_field_name("band", band, "vi")] = paragraphs_field(
            _l("For children aged %(band)s, in Vietnamese", band=label), MAX_SUMMARY, "vi"
        )
        fields[band_field_name("band", band, "en")] = paragraphs_field(
            _l("For children aged %(band)s, in English", band=label), MAX_SUMMARY, "en"
        )
    form_class = type("BandedSummariesForm", (SummariesForm,), fields)
    form: SummariesForm = form_class(data=initial(data))
    return form


def summaries_data(summary: dict[str, str], band_summaries: dict[str, Any], bands: Sequence[str]) -> dict[str, Any]:
    data = {f"summary_{lang}": summary.get(lang, "") for lang in ("vi", "en")}
    for band in bands:
        for lang in ("vi", "en"):
            data[band_field_name("band", band, lang)] = (band_summaries.get(band) or {}).get(lang, "")
    return data


class PointForm(RefusingForm):
    raised_vi = paragraphs_field(
        _l("What children said, in Vietnamese"), MAX_RAISED, "vi", required=FEEDBACK_ERRORS["raised_missing"]
    )
    raised_en = paragraphs_field(_l("What children said, in English"), MAX_RAISED, "en")
    outcome = RadioField(
        _l("What became of it"),
        choices=[SelectChoice(outcome.value, OUTCOME_NAMES[outcome.value]) for outcome in Outcome],
        validators=[InputRequired(_l("Choose what became of it."))],
        validate_choice=False,  # checked below, with our own words
    )
    explanation_vi = paragraphs_field(_l("What was done, or why not, in Vietnamese"), MAX_EXPLANATION, "vi")
    explanation_en = paragraphs_field(_l("What was done, or why not, in English"), MAX_EXPLANATION, "en")

    def validate_outcome(self, field: RadioField) -> None:
        if field.data not in {outcome.value for outcome in Outcome}:
            raise ValidationError(NOT_A_CHOICE)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        _needs_vietnamese(self.raised_vi, self.raised_en)
        _needs_vietnamese(self.explanation_vi, self.explanation_en)
        if self.chosen_outcome() in NEEDS_REASON and not self.explanation_vi.data and not self.explanation_vi.errors:
            self.explanation_vi.errors = [*self.explanation_vi.errors, FEEDBACK_ERRORS["explanation_missing"]]
        return valid and not (self.raised_vi.errors or self.explanation_vi.errors)

    def chosen_outcome(self) -> Outcome | None:
        try:
            return Outcome(self.outcome.data)
        except ValueError:
            return None

    def point(self) -> PointInput:
        outcome = self.chosen_outcome()
        assert outcome is not None  # noqa: S101 (only called after validation)
        return PointInput(
            raised={lang: f.data for lang, f in (("vi", self.raised_vi), ("en", self.raised_en)) if f.data},
            outcome=outcome,
            explanation={
                lang: f.data for lang, f in (("vi", self.explanation_vi), ("en", self.explanation_en)) if f.data
            },
        )


def point_form(data: dict[str, Any] | None = None) -> PointForm:
    return PointForm(data=initial(data))


def point_data(raised: dict[str, str], outcome: Outcome, explanation: dict[str, str]) -> dict[str, Any]:
    return {
        "raised_vi": raised.get("vi", ""),
        "raised_en": raised.get("en", ""),
        "outcome": outcome.value,
        "explanation_vi": explanation.get("vi", ""),
        "explanation_en": explanation.get("en", ""),
    }
