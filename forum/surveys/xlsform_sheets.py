"""Reading an XLSForm workbook into sheets: the file checks (size, format, password, zip bombs),
case-insensitive sheet and column names, and `label::<language>`-style columns.

Kept apart from forum.surveys.xlsform, which turns these sheets into a survey.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from openpyxl import load_workbook

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 100
# A 5 MB zip can unpack to gigabytes; real forms unpack to well under a megabyte.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class XLSFormError(ValueError):
    """The workbook is not a survey we can import; `problems` lists every reason found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def open_workbook(data: bytes) -> dict[str, Sheet]:
    """The survey, choices and settings sheets as rows of text, refusing anything that is not a
    plain .xlsx before openpyxl sees it (encrypted files are OLE containers, not zips)."""
    if len(data) > MAX_BYTES:
        raise XLSFormError([f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB."])
    if data.startswith(CFB_MAGIC):
        raise XLSFormError(
            [
                "The file is password-protected (encrypted) or an old Excel 97-2003 .xls workbook: "
                "remove the password and save it as an Excel workbook (.xlsx)."
            ]
        )
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise XLSFormError(["The file is not an Excel workbook (.xlsx)."])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except Exception as error:  # BadZipFile, NotImplementedError (odd versions), OSError...
        raise XLSFormError(["The file is not an Excel workbook (.xlsx): the zip archive is damaged."]) from error
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/workbook") for name in names):
        raise XLSFormError(["The file is a zip archive but not an Excel workbook (.xlsx)."])
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise XLSFormError(["The workbook is password-protected: remove the password and save it again."])
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise XLSFormError(["The workbook is too large once unpacked."])
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds; all mean "unreadable"
        raise XLSFormError(["The workbook could not be read: it is damaged or not a real .xlsx file."]) from error
    try:
        sheets: dict[str, Sheet] = {}
        for worksheet in workbook.worksheets:
            name = worksheet.title.strip().lower()
            if name in ("survey", "choices", "settings") and name not in sheets:
                sheets[name] = _read_sheet(name, worksheet)
    except XLSFormError:
        raise
    except Exception as error:  # damaged sheet XML surfaces only while iterating
        raise XLSFormError(["The workbook could not be read: a sheet is damaged."]) from error
    finally:
        workbook.close()
    return sheets


# Sheets and columns ------------------------------------------------------------------------

LANGUAGE_NAMES = {
    "vi": "vi", "vie": "vi", "vn": "vi", "vietnamese": "vi", "tiếng việt": "vi", "tieng viet": "vi", "việt": "vi",
    "en": "en", "eng": "en", "english": "en", "tiếng anh": "en", "tieng anh": "en",
}  # fmt: skip
_TEXT_HEADER = re.compile(
    r"^(?P<kind>label|hint|form_title|guidance_hint|constraint_message|required_message|jr:constraintmsg|jr:requiredmsg"
    r"|media|image|big-image|audio|video)\s*(?:::?\s*(?P<spec>.*))?$"
)
_IGNORED_KINDS = {"guidance_hint", "constraint_message", "required_message", "jr:constraintmsg", "jr:requiredmsg"}
REFUSED_COLUMNS = {
    "media": "pictures, audio and video in the form are not supported",
    "choice_filter": "choice filters (cascading selects) are not supported",
    "calculation": "calculations are not supported",
    "default": "default answers are not supported",
    "repeat_count": "repeats are not supported",
    "read_only": "read-only questions are not supported",
    "trigger": "triggers are not supported",
}


def language_of(spec: str) -> str | None:
    """ "vi" or "en" for the language names real files use ("Vietnamese (vi)", "Tiếng Việt",
    "english", "en"), else None."""
    spec = unicodedata.normalize("NFC", spec).strip().lower()
    match = re.search(r"\(([^)]*)\)\s*$", spec)
    candidates = [match[1].strip(), spec[: match.start()].strip()] if match else [spec]
    return next((LANGUAGE_NAMES[c] for c in candidates if c in LANGUAGE_NAMES), None)


@dataclass(frozen=True)
class Column:
    index: int
    header: str  # as written, for messages
    key: str  # "label", "type", "list_name", "media", "ignored", ...
    language: str | None = None  # "vi", "en", "other" (a language we do not hold) or None (plain column)


def _column(index: int, header: str) -> Column:
    lowered = header.lower()
    match = _TEXT_HEADER.match(lowered)
    if match is None:
        key = re.sub(r"\s+", "_", lowered)
        return Column(index, header, "ignored" if key.startswith("$") else key)
    kind = match["kind"]
    if kind in _IGNORED_KINDS:
        return Column(index, header, "ignored")
    if kind not in ("label", "hint", "form_title"):
        return Column(index, header, "media")
    spec = match["spec"]
    return Column(index, header, kind, (language_of(spec) or "other") if spec else None)


@dataclass
class Sheet:
    """One sheet as text: header columns and the non-blank rows with their Excel row numbers."""

    name: str
    columns: list[Column]
    rows: list[tuple[int, dict[int, str]]]

    def column(self, key: str) -> Column | str:
        """The first column called `key`, or just the name when the sheet lacks it (for messages)."""
        return next((c for c in self.columns if c.key == key), key)

    def text(self, cells: dict[int, str], key: str) -> str:
        column = self.column(key)
        return cells.get(column.index, "") if isinstance(column, Column) else ""


def _cell_text(value: Any) -> str:
    """Cells as the text a person sees: whole numbers without ".0", NFC-normalised, trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value).replace("\r\n", "\n")).strip()


def _read_sheet(name: str, worksheet: Any) -> Sheet:
    columns: list[Column] = []
    rows: list[tuple[int, dict[int, str]]] = []
    values = worksheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    for number, row in enumerate(values, start=1):
        cells = {index: text for index, value in enumerate(row) if (text := _cell_text(value))}
        if number == 1:
            columns = [_column(index, header) for index, header in cells.items()]
        elif number > MAX_ROWS and cells:
            raise XLSFormError([f"{name} sheet: more than {MAX_ROWS} rows."])
        elif cells:
            rows.append((number, cells))
    return Sheet(name, columns, rows)


# The form ----------------------------------------------------------------------------------
