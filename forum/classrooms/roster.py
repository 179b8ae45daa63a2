"""Reading the list of children a teacher pastes in: one child a line, "birth year[, gender]".

Pure functions, no database: the view saves nothing unless every line is readable.
Gender words are accepted in English and Vietnamese, any case, with or without diacritics.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field

from forum.accounts.models import Gender
from forum.accounts.services import NewChild

MAX_CHILDREN = 60
# The birth year, then an optional separator (comma, semicolon, tab or spaces), then the gender.
_LINE = re.compile(r"^(?P<year>[^\s,;]+)(?:\s*[,;]\s*|\s+)?(?P<gender>.*)$")
_SPACES = re.compile(r"\s+")
GENDER_WORDS: dict[str, Gender] = {
    **dict.fromkeys(("girl", "g", "nu", "gai"), Gender.GIRL),
    **dict.fromkeys(("boy", "b", "nam", "trai"), Gender.BOY),
    **dict.fromkeys(("another", "other", "khac"), Gender.ANOTHER),
    **dict.fromkeys(("prefer not to say", "khong noi", "khong muon noi", "-"), Gender.UNSAID),
}


class Problem(enum.Enum):
    """Why a line, or the whole list, cannot be used."""

    EMPTY = "empty"
    TOO_MANY = "too_many"
    YEAR_NOT_A_NUMBER = "year_not_a_number"
    YEAR_OUT_OF_RANGE = "year_out_of_range"
    GENDER_UNKNOWN = "gender_unknown"


@dataclass(frozen=True)
class LineProblem:
    line: int  # 1-based, counting blank lines too, so the teacher can find it
    text: str
    problem: Problem


@dataclass
class Roster:
    children: list[NewChild] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    # A problem with the list as a whole (empty, too long); per-line problems are in `problems`.
    overall: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.overall is None and not self.problems


def fold(text: str) -> str:
    """Lower case without diacritics ("Nữ" → "nu", "KHÔNG nói" → "khong noi"), spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip().casefold()


def parse_gender(word: str) -> Gender | None:
    """The gender a word names; None for a blank. Raises KeyError for a word we do not know."""
    folded = fold(word)
    if not folded:
        return None
    return GENDER_WORDS[folded]


def parse_line(text: str, allowed_years: range) -> NewChild | Problem:
    """One non-blank line: a child, or the reason it cannot be read."""
    match = _LINE.match(text.strip())
    if match is None or not match["year"].isascii() or not match["year"].isdigit():
        return Problem.YEAR_NOT_A_NUMBER
    year = match["year"]
    if len(year) != 4 or int(year) not in allowed_years:
        return Problem.YEAR_OUT_OF_RANGE
    try:
        gender = parse_gender(match["gender"].strip(" \t,;"))
    except KeyError:
        return Problem.GENDER_UNKNOWN
    return NewChild(birth_year=int(year), gender=gender)


def parse_roster(text: str, allowed_years: range) -> Roster:
    """Every line read; blank lines are skipped. Check `Roster.ok` before saving anything."""
    roster = Roster()
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        roster.overall = Problem.EMPTY
        return roster
    if len(lines) > MAX_CHILDREN:
        roster.overall = Problem.TOO_MANY
        return roster
    for number, line in lines:
        result = parse_line(line, allowed_years)
        if isinstance(result, Problem):
            roster.problems.append(LineProblem(number, line.strip(), result))
        else:
            roster.children.append(result)
    return roster
