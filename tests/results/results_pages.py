"""Builders for the results pages' tests: a consultation targeting two areas with a survey of every
answerable type and 43 submitted responses (two groups of 20 and three older children of another
gender, so some cells are withheld), discussion posts, feedback, and a parser for the pages' tables.

Plain functions (callers commit); fixtures live in the test modules' conftest-free style: each test
module wraps them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

from flask import Flask
from flask.testing import FlaskClient

from forum.accounts.models import User
from forum.database import utcnow
from forum.discussions.models import Post, PostStatus, Topic
from forum.extensions import db
from forum.feedback.models import Feedback, FeedbackPoint, Outcome
from forum.results import services
from forum.results.chart_style import format_count, format_number, format_share
from forum.results.filters import NO_FILTERS, Filters
from forum.results.tables import QuestionResult
from forum.surveys.definition import NUMBER_TYPES, TEXT_TYPES, QuestionType
from forum.surveys.models import Survey, TextStatus
from tests import builders
from tests.results.conftest import DECLINED, QUESTIONS, Spec, add_responses
from tests.surveys.conftest_taking import make_consultation, make_survey, texts

MIN_GROUP_SIZE = 10
APPROVED_IDEA = "Cần thêm cây xanh ở sân trường"
REDACTED_IDEA = ("Nhà em ở số 5 phố Lạch Tray", "Nhà em ở [đã che]")
PENDING_IDEA = "Ý kiến đang chờ duyệt"
REJECTED_IDEA = "Ý kiến bị từ chối"
PUBLISHED_POST = "Em muốn có sân chơi gần nhà"
REDACTED_POST = ("Gọi em số 0912345678 nhé", "Gọi em số [đã che] nhé")
PENDING_POST = "Bài đang chờ kiểm duyệt"


@dataclass
class PageWorld:
    consultation_id: int
    survey_id: int
    other_survey_id: int
    area_ids: list[int]
    other_area_id: int
    question_ids: dict[str, int] = field(default_factory=dict)


def _group(count: int, band: str, gender: str, area: int, level: str, answers, start: datetime) -> list[Spec]:  # type: ignore[no-untyped-def]
    return [
        Spec(band, gender, area, level, answers(n), start + timedelta(hours=n % 24, days=n % 3)) for n in range(count)
    ]


def _first(n: int) -> dict:  # type: ignore[type-arg]
    ideas = {
        0: (APPROVED_IDEA, TextStatus.APPROVED, None),
        1: (*REDACTED_IDEA[:1], TextStatus.REDACTED, REDACTED_IDEA[1]),
    }
    answers = {
        "where": "park" if n < 12 else "school",
        "activities": ["football", "reading"] if n % 2 else ["drawing"],
        "fun": str(3 + n % 3),
        "agree": "4" if n % 4 else "5",
        "safe": "yes",
        "stars": 4 + n % 2,
        "hours": 2 + n % 5,
        "money": 10 + n,
        "rank": ["slides", "trees", "benches"] if n % 2 else ["trees", "slides", "benches"],
    }
    if n in ideas:
        answers["ideas"] = ideas[n]
    elif n < 12:
        answers["ideas"] = (f"Thêm ghế đá số {n}", TextStatus.APPROVED, None)
    return answers


def _second(n: int) -> dict:  # type: ignore[type-arg]
    answers = {
        "where": "home" if n < 12 else ("school" if n < 17 else "street"),
        "activities": ["reading"],
        "fun": str(1 + n % 5),
        "agree": "2" if n % 3 else "3",
        "safe": "no" if n % 2 else DECLINED,  # ten choose "I'd rather not say"
        "stars": 1 + n % 5,
        "hours": 5 + n % 7,
        "money": 40 + 2 * n,
        "rank": ["benches", "trees", "slides"],
    }
    if n == 0:
        answers["ideas"] = (PENDING_IDEA, TextStatus.PENDING, None)
    if n == 1:
        answers["ideas"] = (REJECTED_IDEA, TextStatus.REJECTED, None)
    return answers


def _small(n: int) -> dict:  # type: ignore[type-arg]
    return {
        "where": "street",
        "activities": ["drawing"],
        "fun": "5",
        "agree": "1",
        "safe": "yes",
        "stars": 5,
        "hours": 30,
    }


def make_page_world() -> PageWorld:
    """Areas A and B are the consultation's target; area C belongs to another consultation."""
    area_a, area_b, area_c = builders.make_area(), builders.make_area(), builders.make_area()
    consultation = make_consultation(areas=[area_a, area_b])
    survey = make_survey(consultation, QUESTIONS)
    other = make_survey(make_consultation(areas=[area_c]), QUESTIONS[:1])
    start = datetime(2026, 6, 2, 1, 0, tzinfo=UTC)
    specs = (
        _group(20, "9-11", "girl", area_a.id, "primary", _first, start)
        + _group(20, "12-14", "boy", area_b.id, "lower_secondary", _second, start + timedelta(days=3))
        + _group(3, "15-17", "another", area_b.id, "upper_secondary", _small, start + timedelta(days=6))
    )
    add_responses(survey, specs)
    return PageWorld(
        consultation_id=consultation.id,
        survey_id=survey.id,
        other_survey_id=other.id,
        area_ids=[area_a.id, area_b.id],
        other_area_id=area_c.id,
        question_ids={q.key: q.id for q in survey.questions},
    )


def add_discussion(consultation_id: int, authors: list[User]) -> int:
    """A topic with published posts (one redacted), a pending one, and agreements on them."""
    topic = Topic(
        consultation_id=consultation_id,
        title=texts("Sân chơi gần nhà", "Playgrounds near home"),
        prompt=texts("Em muốn gì?", "What would you like?"),
    )
    db.session.add(topic)
    db.session.flush()
    now = utcnow()
    rows = [
        (PUBLISHED_POST, None, PostStatus.PUBLISHED, 14),
        (REDACTED_POST[0], REDACTED_POST[1], PostStatus.PUBLISHED, 3),
        (PENDING_POST, None, PostStatus.PENDING, 0),
    ]
    for index, (body, redacted, status, agrees) in enumerate(rows):
        db.session.add(
            Post(
                topic_id=topic.id,
                author_id=authors[index % len(authors)].id,
                body=body,
                redacted_body=redacted,
                status=status,
                agree_count=agrees,
                published_at=now if status is PostStatus.PUBLISHED else None,
            )
        )
    db.session.flush()
    return topic.id


def add_feedback(consultation_id: int, published: bool) -> Feedback:
    feedback = Feedback(
        consultation_id=consultation_id,
        summary=texts("Cảm ơn các em.", "Thank you all."),
        published_at=utcnow() if published else None,
        points=[
            FeedbackPoint(
                position=0,
                raised=texts("Thêm cây xanh", "More trees"),
                outcome=Outcome.ADOPTED,
                explanation=texts("Sẽ trồng 100 cây.", "We will plant 100 trees."),
            )
        ],
    )
    db.session.add(feedback)
    db.session.flush()
    return feedback


def survey_of(world: PageWorld) -> Survey:
    survey = db.session.get(Survey, world.survey_id)
    assert survey is not None
    return survey


# Reading pages -----------------------------------------------------------------------------------


@dataclass
class Table:
    caption: str
    rows: list[list[str]] = field(default_factory=list)

    def row(self, header: str) -> list[str]:
        """The row whose first cell is `header`."""
        for row in self.rows:
            if row and row[0] == header:
                return row
        raise AssertionError(f"no row {header!r} in {self.caption!r}: {self.rows}")


class TableParser(HTMLParser):
    """Every <table> of a page: its caption and its rows as cell texts (whitespace collapsed)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self._text: list[str] | None = None
        self._row: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs) -> None:  # type: ignore[no-untyped-def]
        if tag == "table":
            self.tables.append(Table(""))
        elif tag == "caption":
            self._in_caption, self._text = True, []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._text is not None:
            self.tables[-1].caption = _collapse(self._text)
            self._in_caption, self._text = False, None
        elif tag in ("td", "th") and self._row is not None and self._text is not None:
            self._row.append(_collapse(self._text))
            self._text = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def _collapse(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def tables_of(html: str) -> list[Table]:
    parser = TableParser()
    parser.feed(html)
    return parser.tables


def table(html: str, caption_start: str) -> Table:
    for found in tables_of(html):
        if found.caption.startswith(caption_start):
            return found
    raise AssertionError(f"no table captioned {caption_start!r}")


DIGITS = re.compile(r"\d")


def respondents_on_page(html: str) -> int | None:
    """The "Children who answered this survey: N" figure, or None when the page shows none."""
    match = re.search(r"Children who answered this survey: ([\d,.]+)", html)
    return int(re.sub(r"\D", "", match.group(1))) if match else None


def in_english(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_request_context("/", headers={"Cookie": "lang=en"})


def expected_results(app: Flask, survey_id: int, filters: Filters = NO_FILTERS):  # type: ignore[no-untyped-def]
    with in_english(app):
        return services.get_survey_results(db.session.get(Survey, survey_id), filters, MIN_GROUP_SIZE)


def page(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def shown(cell_count: int | None, share: float | None) -> tuple[str, str]:
    return format_count(cell_count or 0, "en"), format_share(share or 0.0, "en")


def assert_question_table(html: str, result: QuestionResult) -> None:
    """The question's table holds exactly the services' cells, "withheld" for withheld ones."""
    title = result.text["en"]
    if result.type in TEXT_TYPES:
        return
    if result.withheld:
        assert "The numbers for this question are withheld" in html
        return
    found = table(html, f"Answers to “{title}”")
    if result.type in NUMBER_TYPES:
        assert result.numbers is not None
        body = [row for row in found.rows[1:] if row[0] not in ("Children who answered", "“I'd rather not say”")]
        assert len(body) == len(result.numbers.bins)
        for row, item in zip(body, result.numbers.bins, strict=True):
            expected = ["withheld", "withheld"] if item.cell.withheld else list(shown(item.cell.count, item.cell.share))
            assert row[1:] == expected, (title, row)
    else:
        for option in result.options:
            row = found.row(option.label["en"])
            if option.cell.withheld:
                assert row[1:] == ["withheld", "withheld"], (title, row)
                assert not DIGITS.search(" ".join(row[1:]))
            elif result.type is QuestionType.RANKING:
                assert row[1] == format_count(option.cell.count or 0, "en")
                assert row[2] == ("—" if option.mean_rank is None else format_number(option.mean_rank, "en"))
            else:
                assert row[1:] == list(shown(option.cell.count, option.cell.share)), (title, row)
    answered = found.row("Children who answered")
    assert answered[1] == ("withheld" if result.answered.withheld else format_count(result.answered.count or 0, "en"))
    if result.declined.withheld or result.declined.count:
        declined = found.row("“I'd rather not say”")
        if result.declined.withheld:
            assert declined[1:] == ["withheld", "withheld"], (title, declined)
        elif result.type is not QuestionType.RANKING:
            assert declined[1:] == list(shown(result.declined.count, result.declined.share)), (title, declined)
