"""Which children a result set covers: the filters policy staff pick, parsed and checked.

Query-string names: `age_band` ("6-8"), `gender` (girl, boy, another, unsaid), `area` (an area id)
and `school_level` (primary, lower_secondary, upper_secondary). An empty value means "all".
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import Gender
from forum.extensions import db
from forum.schools.models import Area, SchoolLevel

# Ids beyond a 32-bit integer cannot exist and would make PostgreSQL raise instead of finding nothing.
MAX_ID = 2**31 - 1


class Dimension(str, enum.Enum):
    """What results are broken down and filtered by: the response snapshot's columns."""

    AGE_BAND = "age_band"
    GENDER = "gender"
    AREA = "area"
    SCHOOL_LEVEL = "school_level"


# The order dimensions are always listed in (filters, breakdown groups, exports).
DIMENSIONS = (Dimension.AGE_BAND, Dimension.GENDER, Dimension.AREA, Dimension.SCHOOL_LEVEL)
PARAMETERS = {
    Dimension.AGE_BAND: "age_band",
    Dimension.GENDER: "gender",
    Dimension.AREA: "area",
    Dimension.SCHOOL_LEVEL: "school_level",
}


@dataclass(frozen=True)
class Filters:
    age_band: str | None = None
    gender: str | None = None
    area_id: int | None = None
    school_level: str | None = None

    def active(self) -> dict[Dimension, str]:
        """The narrowings in force, as stored snapshot values (area ids as text), in dimension order."""
        values = {
            Dimension.AGE_BAND: self.age_band,
            Dimension.GENDER: self.gender,
            Dimension.AREA: None if self.area_id is None else str(self.area_id),
            Dimension.SCHOOL_LEVEL: self.school_level,
        }
        return {dimension: value for dimension, value in values.items() if value is not None}

    def to_query(self) -> dict[str, str]:
        """The query-string form, the inverse of `parse_filters`."""
        return {PARAMETERS[dimension]: value for dimension, value in self.active().items()}

    @property
    def is_empty(self) -> bool:
        return not self.active()


NO_FILTERS = Filters()


def filters_from(values: Mapping[Dimension, str]) -> Filters:
    """Filters from snapshot values by dimension (the inverse of `Filters.active`)."""
    area = values.get(Dimension.AREA)
    return Filters(
        age_band=values.get(Dimension.AGE_BAND),
        gender=values.get(Dimension.GENDER),
        area_id=int(area) if area is not None else None,
        school_level=values.get(Dimension.SCHOOL_LEVEL),
    )


class FilterError(ValueError):
    """A filter value that is not one of ours; `parameter` names it, the message is translated.
    Callers answer 400 (web, API) or a usage error (CLI)."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def parse_filters(query: Mapping[str, str], bands: Sequence[str]) -> Filters:
    """Filters from a query-string mapping; `bands` are the configured band keys ("6-8").
    Raises FilterError for an unknown band, gender or school level, or an id that is not an area."""
    values = {name: (query.get(name) or "").strip() for name in PARAMETERS.values()}
    band = values["age_band"] or None
    if band is not None and band not in bands:
        raise FilterError("age_band", _("There is no age band “%(value)s”.", value=band[:20]))
    gender = values["gender"] or None
    if gender is not None and gender not in {g.value for g in Gender}:
        raise FilterError("gender", _("“%(value)s” is not a gender we record.", value=gender[:20]))
    level = values["school_level"] or None
    if level is not None and level not in {s.value for s in SchoolLevel}:
        raise FilterError("school_level", _("There is no school level “%(value)s”.", value=level[:20]))
    area_id = None
    if values["area"]:
        raw = values["area"]
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
            raise FilterError("area", _("“%(value)s” is not an area.", value=raw[:20]))
        area_id = int(raw)
        if db.session.execute(sa.select(Area.id).where(Area.id == area_id)).first() is None:
            raise FilterError("area", _("“%(value)s” is not an area.", value=raw[:20]))
    return Filters(age_band=band, gender=gender, area_id=area_id, school_level=level)
