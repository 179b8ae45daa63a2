"""CSV, XLSX and JSON built from the suppressed tables, and nothing else (DESIGN §4a rule 6).

The builders return bytes (or JSON-ready data) for the web downloads, the API and the
`export-results` command alike. A withheld number is written as the word "withheld", never as a
number; individual responses cannot be exported because they never reach these tables.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import re
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from forum.extensions import db
from forum.language.texts import in_language
from forum.results.filters import Filters
from forum.results.services import value_label
from forum.results.tables import Cell, QuestionResult, ResultStatus, SurveyResults
from forum.schools.models import Area
from forum.surveys.definition import NUMBER_TYPES, TEXT_TYPES, QuestionType

BOM = "\ufeff"
HEADER = ("question", "answer", "children", "share", "mean_rank")
SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def _locale() -> str:
    return str(get_locale() or "vi")


def withheld_word() -> str:
    return _("withheld")


def withheld_note(k: int) -> str:
    return _(
        "“withheld”: fewer than %(k)d children, or withheld so that a smaller group cannot be worked out "
        "from the other numbers.",
        k=k,
    )


def status_message(status: ResultStatus, k: int) -> str:
    if status is ResultStatus.ISOLATING:
        return _("This combination would single out a few children, so it is not shown.")
    return _("Fewer than %(k)d children answered with these filters, so nothing is shown.", k=k)


def describe_filters(filters: Filters) -> str:
    """The filters in words ("9–11, Girl, Ngô Quyền"), or "all children"."""
    active = filters.active()
    areas: dict[str, str] = {}
    if filters.area_id is not None:
        area = db.session.execute(sa.select(Area).where(Area.id == filters.area_id)).scalar_one_or_none()
        if area is not None:
            areas[str(area.id)] = area.name(_locale())
    words = [value_label(dimension, value, areas) for dimension, value in active.items()]
    return ", ".join(words) if words else _("All children")


def _count(cell: Cell) -> str:
    return withheld_word() if cell.count is None else str(cell.count)


def _share(cell: Cell) -> str:
    return "" if cell.share is None else f"{cell.share * 100:.1f}%"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def _bin_label(low: float, high: float, kind: QuestionType) -> str:
    if kind is QuestionType.RATING:
        return _("%(stars)s stars", stars=_number(low))
    return f"{_number(low)}–{_number(high)}"


def question_rows(result: QuestionResult, k: int) -> list[tuple[str, str, str, str, str]]:
    """One question as rows of (question, answer, children, share, mean rank), in display text."""
    locale = _locale()
    title = f"{result.position + 1}. {in_language(result.text, locale)}"
    if result.withheld:
        return [(title, _("Fewer than %(k)d children answered this question.", k=k), withheld_word(), "", "")]
    rows = [(title, _("Children who answered"), _count(result.answered), "", "")]
    if result.declined.count:
        rows.append((title, _("I'd rather not say"), _count(result.declined), _share(result.declined), ""))
    if result.type in TEXT_TYPES:
        rows.append((title, _("Written answers"), _count(result.given), _share(result.given), ""))
        rows.extend((title, _("Quote"), quote, "", "") for quote in result.quotes)
        return rows
    if result.type in NUMBER_TYPES and result.numbers is not None:
        for item in result.numbers.bins:
            rows.append((title, _bin_label(item.low, item.high, result.type), _count(item.cell), _share(item.cell), ""))
        rows.append((title, _("Mean"), _number(result.numbers.mean) or withheld_word(), "", ""))
        rows.append((title, _("Median"), _number(result.numbers.median) or withheld_word(), "", ""))
        return rows
    for option in result.options:
        rank = _number(option.mean_rank) if result.type is QuestionType.RANKING else ""
        rows.append((title, in_language(option.label, locale), _count(option.cell), _share(option.cell), rank))
    return rows


def _preamble(results: SurveyResults) -> list[tuple[str, str]]:
    k = results.min_group_size
    lines = [
        (_("Survey"), in_language(results.title, _locale())),
        (_("Children"), describe_filters(results.filters)),
    ]
    if results.status is ResultStatus.SHOWN:
        lines.append((_("Children who answered"), str(results.respondents)))
        lines.append((_("Note"), withheld_note(k)))
    else:
        lines.append((_("Note"), status_message(results.status, k)))
    return lines


def _headings() -> tuple[str, ...]:
    return (_("Question"), _("Answer"), _("Children"), _("Share"), _("Average rank"))


def csv_text(results: SurveyResults) -> str:
    """The tables as CSV text (no BOM: `csv_bytes` adds it for files)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for label, value in _preamble(results):
        writer.writerow([label, value])
    if results.status is ResultStatus.SHOWN:
        writer.writerow([])
        writer.writerow(_headings())
        for result in results.questions:
            writer.writerows(question_rows(result, results.min_group_size))
    return buffer.getvalue()


def csv_bytes(results: SurveyResults) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Vietnamese letters correctly."""
    return (BOM + csv_text(results)).encode("utf-8")


def xlsx_bytes(results: SurveyResults) -> bytes:
    """A summary sheet, then one sheet per question."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = _sheet_title(_("Summary"), set())
    for label, value in _preamble(results):
        summary.append([label, value])
        summary.cell(summary.max_row, 1).font = Font(bold=True)
    summary.column_dimensions["A"].width = 24
    summary.column_dimensions["B"].width = 90
    used = {summary.title}
    if results.status is ResultStatus.SHOWN:
        for result in results.questions:
            sheet = workbook.create_sheet(_sheet_title(f"{result.position + 1} {result.key}", used))
            used.add(sheet.title)
            rows = question_rows(result, results.min_group_size)
            sheet.append([rows[0][0]])
            sheet.append(list(_headings())[1:])
            for row in sheet.iter_rows(min_row=1, max_row=2):
                for cell in row:
                    cell.font = Font(bold=True)
            for _question, answer, count, share, rank in rows:
                sheet.append([answer, _typed(count), _typed_share(share), _typed(rank)])
                if share:
                    sheet.cell(sheet.max_row, 3).number_format = "0.0%"
            sheet.column_dimensions["A"].width = 60
            for column in "BCD":
                sheet.column_dimensions[column].width = 14
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _typed(text: str) -> int | float | str:
    """Numbers as numbers (so a spreadsheet can sum them), words as words."""
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return text


def _typed_share(text: str) -> float | str:
    return float(text.rstrip("%")) / 100 if text.endswith("%") else text


def _sheet_title(text: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = SHEET_NAME.sub(" ", text).strip()[:31] or "Sheet"
    title, n = base, 2
    while title in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    return title


def to_data(value: Any) -> Any:
    """Any table as JSON-ready data: dataclasses as objects, enums as their values, dates as ISO
    text; a Cell also says whether it is withheld."""
    if isinstance(value, Cell):
        return {"count": value.count, "share": value.share, "withheld": value.withheld}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): to_data(item) for key, item in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [to_data(item) for item in value]
    return value


def json_data(results: SurveyResults) -> dict[str, Any]:
    data: dict[str, Any] = to_data(results)
    data["filters"] = results.filters.to_query()
    data["note"] = (
        withheld_note(results.min_group_size)
        if results.status is ResultStatus.SHOWN
        else status_message(results.status, results.min_group_size)
    )
    return data


def json_bytes(results: SurveyResults) -> bytes:
    return json.dumps(json_data(results), ensure_ascii=False, indent=2).encode("utf-8")
