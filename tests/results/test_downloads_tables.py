"""What the CSV and XLSX downloads hold: the page's numbers (the services'), the word "withheld" and no
number for every withheld cell, and no way to recover a withheld number by subtracting what the page
and the CSV downloads under other filters show."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Mapping
from urllib.parse import urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from forum.extensions import db
from forum.results.filters import DIMENSIONS, PARAMETERS, Dimension
from forum.results.tables import ResultStatus
from forum.surveys.definition import NUMBER_TYPES, TEXT_TYPES
from tests.results.results_pages import (
    MIN_GROUP_SIZE,
    PageWorld,
    expected_results,
    make_page_world,
    page,
    respondents_on_page,
    table,
)

K = MIN_GROUP_SIZE
BANDS = ("6-8", "9-11", "12-14", "15-17")
GENDERS = ("girl", "boy", "another", "unsaid")
LEVELS = ("primary", "lower_secondary", "upper_secondary")
WHERE = "1. Where do you usually play?"
WHERE_OPTIONS = ("Park", "School yard", "Street", "At home")
DECLINED = "I'd rather not say"


@pytest.fixture
def page_world(app: Flask, world) -> PageWorld:  # type: ignore[no-untyped-def]
    with app.app_context():
        built = make_page_world()
        db.session.commit()
        return built


@pytest.fixture
def policy_client(client: FlaskClient, world, auth) -> FlaskClient:  # type: ignore[no-untyped-def]
    client.set_cookie("lang", "en")
    auth.staff(world.policy)
    return client


def csv_rows(client: FlaskClient, survey_id: int, query: Mapping[str, str] | None = None) -> list[list[str]] | None:
    """The CSV's rows, or None when the set is refused (409)."""
    response = client.get(f"/results/surveys/{survey_id}/export.csv", query_string=dict(query or {}))
    if response.status_code == 409:
        return None
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def csv_respondents(rows: list[list[str]]) -> int:
    return int(next(row[1] for row in rows if row and row[0] == "Children who answered"))


def csv_question(rows: list[list[str]], title: str) -> dict[str, list[str]]:
    """answer → [children, share, mean rank] for one question."""
    return {row[1]: row[2:] for row in rows if len(row) == 5 and row[0] == title}


def as_count(text: str) -> int | None:
    return None if text == "withheld" else int(text)


def test_csv_holds_the_services_numbers_and_words_for_withheld_cells(app, page_world, policy_client):
    rows = csv_rows(policy_client, page_world.survey_id)
    assert rows is not None
    expected = expected_results(app, page_world.survey_id)
    assert csv_respondents(rows) == expected.respondents
    withheld = 0
    for result in expected.questions:
        found = csv_question(rows, f"{result.position + 1}. {result.text['en']}")
        if result.withheld or result.type in TEXT_TYPES or result.type in NUMBER_TYPES:
            continue
        for option in result.options:
            children, share, _rank = found[option.label["en"]]
            if option.cell.withheld:
                withheld += 1
                assert children == "withheld" and not re.search(r"\d", share)
            else:
                assert int(children) == option.cell.count
    assert withheld > 0


def test_xlsx_has_a_sheet_per_question_and_no_number_in_withheld_cells(app, page_world, policy_client):
    response = policy_client.get(f"/results/surveys/{page_world.survey_id}/export.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    expected = expected_results(app, page_world.survey_id)
    assert len(workbook.sheetnames) == 1 + len(expected.questions)
    where = next(r for r in expected.questions if r.key == "where")
    sheet = workbook[next(name for name in workbook.sheetnames if name.endswith(" where"))]
    values = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    for option in where.options:
        count, share, _rank = values[option.label["en"]][:3]
        if option.cell.withheld:
            assert count == "withheld" and not isinstance(share, int | float)
        else:
            assert count == option.cell.count


def _query(values: Mapping[Dimension, str]) -> dict[str, str]:
    return {PARAMETERS[dimension]: value for dimension, value in values.items()}


def _choices(world: PageWorld) -> dict[Dimension, tuple[str, ...]]:
    return {
        Dimension.AGE_BAND: BANDS,
        Dimension.GENDER: GENDERS,
        Dimension.AREA: tuple(str(a) for a in world.area_ids),
        Dimension.SCHOOL_LEVEL: LEVELS,
    }


def test_subtraction_across_the_page_and_csv_recovers_no_small_number(app, page_world, policy_client):
    """Every set of up to two filters, counted from the CSV (and from the page where it shows one):
    respondents and each answer to the first question. Whenever one figure of an equation
    "parent = sum of its groups" is missing, the missing one worked out by subtraction must be 0 or
    at least k: a withheld small group is never recovered."""
    choices = _choices(page_world)
    sets: list[dict[Dimension, str]] = [{}]
    for size in (1, 2):
        for dimensions in itertools.combinations(DIMENSIONS, size):
            for values in itertools.product(*(choices[d] for d in dimensions)):
                sets.append(dict(zip(dimensions, values, strict=True)))
    known: dict[tuple[tuple[Dimension, str], ...], dict[str, int | None]] = {}
    for values in sets:
        rows = csv_rows(policy_client, page_world.survey_id, _query(values))
        key = tuple(sorted(values.items()))
        if rows is None:
            known[key] = {}
            continue
        figures: dict[str, int | None] = {"respondents": csv_respondents(rows)}
        answers = csv_question(rows, WHERE)
        figures.update({answer: as_count(cells[0]) for answer, cells in answers.items()})
        if "Children who answered" in answers:  # an absent "I'd rather not say" reads as none
            figures.setdefault(DECLINED, 0)
        known[key] = figures

    # The page agrees with the CSV wherever both show a set.
    for values in ({}, {Dimension.AREA: str(page_world.area_ids[0])}):
        html = page(policy_client, f"/results/surveys/{page_world.survey_id}?{urlencode(_query(values))}")
        figures = known[tuple(sorted(values.items()))]
        assert respondents_on_page(html) == figures["respondents"]
        where = table(html, "Answers to “Where do you usually play?”")
        for option in WHERE_OPTIONS:
            assert as_count(where.row(option)[1]) == figures.get(option), option

    recovered = []
    for values in sets:
        parent = known[tuple(sorted(values.items()))]
        for dimension in DIMENSIONS:
            if dimension in values or len(values) == 2:
                continue
            children = [known[tuple(sorted({**values, dimension: v}.items()))] for v in choices[dimension]]
            for figure in ("respondents", *WHERE_OPTIONS):
                if parent.get(figure) is None:
                    continue
                missing = [child for child in children if child.get(figure) is None]
                if len(missing) == 1:
                    rest = sum(child[figure] or 0 for child in children if child.get(figure) is not None)
                    recovered.append((values, dimension, figure, parent[figure] - rest))  # type: ignore[operator]
    # Within one set: the answers of those who gave one add up to "Children who answered".
    for values in sets:
        figures = known[tuple(sorted(values.items()))]
        if figures.get("Children who answered") is None:
            continue
        parts = (*WHERE_OPTIONS, DECLINED)
        missing = [part for part in parts if figures.get(part) is None]
        if len(missing) == 1:
            rest = sum(figures.get(part) or 0 for part in parts if part not in missing)
            recovered.append((values, None, missing[0], figures["Children who answered"] - rest))  # type: ignore[operator]
    assert recovered, "the world is built so that some equations lack exactly one figure"
    small = [item for item in recovered if 0 < item[3] < K]
    assert small == [], small
    assert any(figures == {} for figures in known.values()), "some sets are refused"
    assert expected_results(app, page_world.survey_id).status is ResultStatus.SHOWN
