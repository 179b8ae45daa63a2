"""The pasted list of children: birth years, gender words in two languages, bad lines."""

from __future__ import annotations

import pytest

from forum.accounts.models import Gender
from forum.accounts.services import NewChild
from forum.classrooms.roster import MAX_CHILDREN, Problem, fold, parse_gender, parse_line, parse_roster

YEARS = range(2008, 2022)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2016, girl", NewChild(2016, Gender.GIRL)),
        ("2015 nam", NewChild(2015, Gender.BOY)),
        ("2016", NewChild(2016, None)),
        ("  2016  ", NewChild(2016, None)),
        ("2016,", NewChild(2016, None)),
        ("2016;boy", NewChild(2016, Gender.BOY)),
        ("2016\tNỮ", NewChild(2016, Gender.GIRL)),
        ("2016 ; khác", NewChild(2016, Gender.ANOTHER)),
        ("2016, prefer not to say", NewChild(2016, Gender.UNSAID)),
        ("2016   Không   Nói", NewChild(2016, Gender.UNSAID)),
        ("2016 -", NewChild(2016, Gender.UNSAID)),
        ("2016,,girl", NewChild(2016, Gender.GIRL)),
    ],
)
def test_reads_a_line(line: str, expected: NewChild) -> None:
    assert parse_line(line, YEARS) == expected


@pytest.mark.parametrize(
    ("word", "gender"),
    [
        *[(w, Gender.GIRL) for w in ("girl", "GIRL", "g", "G", "nữ", "Nữ", "nu", "gái", "gai", "GÁI")],
        *[(w, Gender.BOY) for w in ("boy", "Boy", "b", "nam", "NAM", "trai", "Trai")],
        *[(w, Gender.ANOTHER) for w in ("another", "other", "Other", "khác", "khac", "KHÁC")],
        *[
            (w, Gender.UNSAID)
            for w in ("prefer not to say", "Prefer Not To Say", "không nói", "khong noi", "KHÔNG NÓI", "-")
        ],
        ("", None),
        ("   ", None),
    ],
)
def test_gender_words_in_english_and_vietnamese(word: str, gender: Gender | None) -> None:
    assert parse_gender(word) is gender


def test_gender_words_typed_decomposed_are_the_same() -> None:
    """Some keyboards send "nữ" as u + two combining marks."""
    assert parse_gender("nu\u031b\u0303") is Gender.GIRL
    assert fold("Đ") == "d"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("girl, 2016", Problem.YEAR_NOT_A_NUMBER),
        ("hai nghìn mười sáu", Problem.YEAR_NOT_A_NUMBER),
        ("2016girl", Problem.YEAR_NOT_A_NUMBER),
        ("２０１６", Problem.YEAR_NOT_A_NUMBER),
        ("-2016", Problem.YEAR_NOT_A_NUMBER),
        ("2030, girl", Problem.YEAR_OUT_OF_RANGE),
        ("1999", Problem.YEAR_OUT_OF_RANGE),
        ("16, boy", Problem.YEAR_OUT_OF_RANGE),
        ("9" * 50, Problem.YEAR_OUT_OF_RANGE),
        ("2016, cat", Problem.GENDER_UNKNOWN),
        ("2016, girl boy", Problem.GENDER_UNKNOWN),
        ("2016 <script>", Problem.GENDER_UNKNOWN),
    ],
)
def test_bad_lines(line: str, problem: Problem) -> None:
    assert parse_line(line, YEARS) is problem


def test_roster_keeps_line_numbers_and_skips_blank_lines() -> None:
    roster = parse_roster("2016, girl\n\n2030\n  \n2015 nam\n2015 cat\n", YEARS)
    assert not roster.ok
    assert roster.children == [NewChild(2016, Gender.GIRL), NewChild(2015, Gender.BOY)]
    assert [(p.line, p.text, p.problem) for p in roster.problems] == [
        (3, "2030", Problem.YEAR_OUT_OF_RANGE),
        (6, "2015 cat", Problem.GENDER_UNKNOWN),
    ]


def test_roster_accepts_windows_line_endings() -> None:
    roster = parse_roster("2016, nữ\r\n2015\r\n", YEARS)
    assert roster.ok
    assert roster.children == [NewChild(2016, Gender.GIRL), NewChild(2015, None)]


def test_empty_roster() -> None:
    roster = parse_roster(" \n\n", YEARS)
    assert not roster.ok and roster.overall is Problem.EMPTY


def test_at_most_sixty_children() -> None:
    assert parse_roster("2016\n" * MAX_CHILDREN, YEARS).ok
    roster = parse_roster("2016\n" * (MAX_CHILDREN + 1), YEARS)
    assert roster.overall is Problem.TOO_MANY and roster.children == []
