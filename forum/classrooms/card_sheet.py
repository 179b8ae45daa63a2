"""Access cards as they leave the server: a printable sheet or a CSV file.

The codes exist only while the issuing request runs (the database keeps a keyed hash), so
both are built from what `issue_cards` returned and are never stored.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from forum.accounts.age_bands import age_in_year, band_for_age, band_label
from forum.accounts.cards import format_code, qr_svg
from forum.accounts.models import User
from forum.schools.models import Classroom

CSV_COLUMNS = ("pseudonym", "classroom", "school", "age_band", "code")
UTF8_BOM = "\ufeff"
# Spreadsheet programs run cells starting with these as formulas.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_IN_FILENAME = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class PrintedCard:
    pseudonym: str
    classroom: str
    school: str
    age_band: str
    code: str  # formatted, "K7Q-PM3-XD9"
    url: str  # the sign-in page with the code in the fragment, which never reaches a server log
    qr: str  # inline SVG


def sign_in_url(base_url: str) -> str:
    """`PUBLIC_BASE_URL` may be configured with or without its trailing slash."""
    return base_url.rstrip("/") + "/accounts/card"


def short_sign_in_address(base_url: str) -> str:
    """The sign-in address as printed for typing by hand: no scheme."""
    parts = urlsplit(sign_in_url(base_url))
    return parts.netloc + parts.path


def build_cards(
    issued: Sequence[tuple[User, str]],
    classroom: Classroom,
    base_url: str,
    bands: Sequence[Sequence[int]],
    today: date,
) -> list[PrintedCard]:
    """One card per issued code, in the order issued (the class list's order)."""
    cards = []
    for child, code in issued:
        shown = format_code(code)
        url = f"{sign_in_url(base_url)}#code={shown}"
        age = age_in_year(child.birth_year or today.year, today)
        cards.append(
            PrintedCard(
                pseudonym=child.pseudonym or "",
                classroom=classroom.name,
                school=classroom.school.name,
                age_band=band_label(band_for_age(age, bands)),
                code=shown,
                url=url,
                qr=qr_svg(url),
            )
        )
    return cards


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def cards_csv(cards: Sequence[PrintedCard]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Vietnamese letters correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for card in cards:
        writer.writerow([_cell(v) for v in (card.pseudonym, card.classroom, card.school, card.age_band, card.code)])
    return (UTF8_BOM + buffer.getvalue()).encode("utf-8")


def csv_filename(classroom: Classroom) -> str:
    """`access-cards-5A-2026-2027.csv`; Vietnamese letters are kept (sent as RFC 5987)."""
    name = _UNSAFE_IN_FILENAME.sub("-", classroom.name).strip("-") or str(classroom.id)
    return f"access-cards-{name}-{classroom.school_year}.csv"
