"""What the results pages and downloads share for one request: the survey or consultation (or a
404), the filters read from the query string and checked (or the form with its errors), the words
that say whom a result set covers, and refusals that show no number.

Nothing here counts: numbers come from `services` (already suppressed) and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from flask import abort, current_app, render_template
from flask_babel import get_locale, get_timezone
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from forum.accounts.age_bands import band_keys, label_of_key
from forum.consultations.models import Consultation
from forum.consultations.services import get_consultation
from forum.labels import GENDER_NAMES, LEVEL_NAMES
from forum.results.filters import FilterError, Filters, parse_filters
from forum.results.forms import BREAKDOWN_PARAMETERS, FilterForm, filter_form
from forum.results.tables import ResultStatus
from forum.schools.models import Area
from forum.schools.services import list_areas
from forum.surveys.models import Question, Survey
from forum.surveys.services import get_survey, survey_bands


def min_group_size() -> int:
    return int(current_app.config["MIN_GROUP_SIZE"])


def age_band_ranges() -> list[list[int]]:
    return list(current_app.config["AGE_BANDS"])


def configured_bands() -> list[str]:
    return band_keys(age_band_ranges())


def reader_locale() -> str:
    return str(get_locale() or "vi")


def local_timezone() -> tzinfo:
    return get_timezone()  # type: ignore[return-value]


def local_today() -> date:
    return datetime.now(local_timezone()).date()


def survey_or_404(survey_id: int) -> Survey:
    return get_survey(survey_id) or abort(404)


def consultation_or_404(consultation_id: int) -> Consultation:
    return get_consultation(consultation_id) or abort(404)


def question_or_404(survey: Survey, question_id: int) -> Question:
    """A question of this survey: another survey's question is not found here."""
    for question in survey.questions:
        if question.id == question_id:
            return question
    abort(404)


def target_areas(consultation: Consultation) -> list[Area]:
    """The areas results can be filtered by: the consultation's target, or every area when it has none."""
    return list(consultation.areas) or list_areas()


@dataclass
class FilterChoice:
    """The filter form as read from the query string, and the filters when they are all valid."""

    form: FilterForm
    filters: Filters | None
    areas: list[Area]

    @property
    def valid(self) -> bool:
        return self.filters is not None

    def first_error(self) -> str:
        for field in self.form:
            if field.errors:
                return f"{field.label.text}: {field.errors[0]}"
        return str(self.form.form_errors[0]) if self.form.form_errors else _("These filters cannot be used.")


def read_filters(survey: Survey, query: Mapping[str, str]) -> FilterChoice:
    """The filters in `query`, checked against what this survey can be filtered by (its bands, the
    consultation's areas); other parameters (the breakdown's) are ignored here."""
    bands = survey_bands(survey, configured_bands())
    areas = target_areas(survey.consultation)
    data = MultiDict({name: value for name, value in query.items() if name not in BREAKDOWN_PARAMETERS})
    form = filter_form(data, bands, areas, reader_locale())
    if not form.validate():
        return FilterChoice(form, None, areas)
    try:
        filters = parse_filters(data, bands)
    except FilterError as error:
        form.refuse(error.parameter, error.message)
        return FilterChoice(form, None, areas)
    return FilterChoice(form, filters, areas)


def shown_for(filters: Filters, areas: Sequence[Area]) -> list[str]:
    """Whom a result set covers, in words, one item per filter ("Ages 9–11", "Girl", "Lê Chân");
    empty for everyone."""
    names = {area.id: area.name(reader_locale()) for area in areas}
    words = []
    if filters.age_band is not None:
        words.append(_("Ages %(band)s", band=label_of_key(filters.age_band)))
    if filters.gender is not None:
        words.append(str(GENDER_NAMES.get(filters.gender, filters.gender)))
    if filters.area_id is not None:
        words.append(names.get(filters.area_id, str(filters.area_id)))
    if filters.school_level is not None:
        words.append(str(LEVEL_NAMES.get(filters.school_level, filters.school_level)))
    return words


def filters_detail(filters: Filters) -> str:
    """The filters as the audit log records them: "age_band=9-11, area=3", or "no filters"."""
    query = filters.to_query()
    return ", ".join(f"{name}={value}" for name, value in query.items()) or "no filters"


def refusal_message(status: ResultStatus, k: int) -> str:
    """Why a result set is not shown, with no number but k."""
    if status is ResultStatus.ISOLATING:
        return _("This combination would single out a few children, so it is not shown.")
    return _("Fewer than %(k)d children answered with these filters, so nothing is shown.", k=k)


def refuse(status: int, title: str, message: str) -> tuple[str, int]:
    """A download or page that shows nothing, and says why."""
    return render_template("errors/error.html", status=status, title=title, message=message), status


def refuse_filters(choice: FilterChoice) -> tuple[str, int]:
    return refuse(400, _("These filters cannot be used"), choice.first_error())


def refuse_result_set(status: ResultStatus) -> tuple[str, int]:
    """Downloads of a set that is not shown: 409 (the request is fine, the data may not leave)."""
    return refuse(409, _("These results are not shown"), refusal_message(status, min_group_size()))
