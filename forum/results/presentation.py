"""How the results pages write numbers: the charts' own formats (so a table beside a chart reads
the same) as template filters, and the word for a withheld number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from forum.results.chart_style import format_count, format_number, format_share
from forum.results.filters import Dimension
from forum.results.forms import DIMENSION_NAMES, DIMENSION_PHRASES

# The word every output uses for a withheld number (the charts write the same msgid).
WITHHELD_WORD = _l("withheld")


def _locale() -> str:
    return str(get_locale() or "vi")


def result_count(value: int | None) -> str:
    return "" if value is None else format_count(value, _locale())


def result_share(value: float | None) -> str:
    return "" if value is None else format_share(value, _locale())


def result_number(value: float | None) -> str:
    return "" if value is None else format_number(value, _locale())


def dimension_phrase(dimension: Dimension) -> str:
    return str(DIMENSION_PHRASES[Dimension(dimension)])


TEMPLATE_FILTERS: dict[str, Callable[..., Any]] = {
    "dimension_phrase": dimension_phrase,
    "result_count": result_count,
    "result_share": result_share,
    "result_number": result_number,
}
TEMPLATE_GLOBALS: dict[str, Any] = {"dimension_names": DIMENSION_NAMES, "withheld_word": WITHHELD_WORD}
