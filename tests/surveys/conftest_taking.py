"""Builders for the survey-taking tests: an open consultation with a published survey, children of
any age with a card, and a client that answers. Plain functions (callers commit); the test modules
wrap them in fixtures named for the scenario."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from flask.testing import FlaskClient

from forum.accounts.age_bands import band_keys
from forum.consultations import services as consultations
from forum.consultations.models import Consultation, ConsultationStatus
from forum.extensions import db
from forum.schools import services as schools
from forum.schools.models import Area
from forum.surveys import services
from forum.surveys.definition import from_json
from forum.surveys.models import Survey
from tests import builders
from tests.builders import ChildLogin

BANDS = band_keys([[6, 8], [9, 11], [12, 14], [15, 17]])


def local_today() -> date:
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


def texts(vi: str, en: str) -> dict[str, str]:
    return {"vi": vi, "en": en}


def option(key: str, vi: str, en: str) -> dict[str, Any]:
    return {"key": key, "label": texts(vi, en)}


# Every question type, with a condition of each kind the flow tests walk through.
ALL_TYPES: list[dict[str, Any]] = [
    {
        "key": "fun",
        "type": "smiley",
        "text": texts("Em thấy giờ ra chơi thế nào?", "How do you feel about break time?"),
        "band_text": {"6-8": texts("Giờ ra chơi có vui không?", "Is break time fun?")},
        "help": texts("Chọn một khuôn mặt.", "Pick one face."),
        "required": True,
        "settings": {"points": 5},
    },
    {
        "key": "where",
        "type": "single_choice",
        "text": texts("Em thường chơi ở đâu?", "Where do you usually play?"),
        "allow_decline": True,
        "options": [
            option("park", "Công viên", "Park"),
            option("school", "Sân trường", "School yard"),
            option("street", "Ngoài đường", "Street"),
            option("home", "Ở nhà", "At home"),
        ],
    },
    {
        "key": "safe",
        "type": "yes_no",
        "text": texts("Ở đó có an toàn không?", "Is it safe there?"),
        "condition": {"op": "one_of", "question": "where", "values": ["park", "street"]},
    },
    {
        "key": "activities",
        "type": "multiple_choice",
        "text": texts("Em thích làm gì?", "What do you like doing?"),
        "settings": {"max_choices": 2},
        "options": [
            option("football", "Đá bóng", "Football"),
            option("reading", "Đọc sách", "Reading"),
            option("drawing", "Vẽ", "Drawing"),
            option("music", "Âm nhạc", "Music"),
        ],
    },
    {
        "key": "drawing_hours",
        "type": "number",
        "text": texts("Mỗi tuần em vẽ mấy giờ?", "How many hours a week do you draw?"),
        "settings": {"min": 0, "max": 40, "integer": True},
        "allow_decline": True,
        "condition": {"op": "selected", "question": "activities", "value": "drawing"},
    },
    {
        "key": "more_drawing",
        "type": "short_text",
        "text": texts("Em vẽ gì?", "What do you draw?"),
        "condition": {"op": "gt", "question": "drawing_hours", "value": 5},
    },
    {
        "key": "agree_park",
        "type": "agree",
        "text": texts("Thành phố cần thêm công viên.", "The city needs more parks."),
        "condition": {"op": "not", "arg": {"op": "equals", "question": "where", "value": "home"}},
    },
    {
        "key": "stars",
        "type": "rating",
        "text": texts("Em cho sân chơi mấy sao?", "How many stars for your playground?"),
        "settings": {"stars": 5},
    },
    {
        "key": "rank",
        "type": "ranking",
        "text": texts("Xếp hạng điều em muốn có.", "Rank what you would like."),
        "settings": {"max_ranked": 2},
        "allow_decline": True,
        "options": [
            option("slides", "Cầu trượt", "Slides"),
            option("trees", "Cây xanh", "Trees"),
            option("benches", "Ghế ngồi", "Benches"),
        ],
    },
    {
        "key": "ideas",
        "type": "long_text",
        "text": texts("Em có ý tưởng gì?", "What ideas do you have?"),
        "allow_decline": True,
        "sensitive": True,
        "settings": {"max_length": 500},
    },
    {
        "key": "bye",
        "type": "note",
        "text": texts("Cảm ơn em! Gần xong rồi.", "Thank you! Nearly done."),
    },
]

# Five questions with one condition: what the real-browser journey takes.
FIVE: list[dict[str, Any]] = [
    {
        "key": "fun",
        "type": "smiley",
        "text": texts("Em thấy sân chơi ở trường thế nào?", "How do you feel about your school playground?"),
        "required": True,
        "settings": {"points": 3},
    },
    {
        "key": "where",
        "type": "single_choice",
        "text": texts("Em thường chơi ở đâu?", "Where do you usually play?"),
        "options": [
            option("park", "Công viên", "Park"),
            option("street", "Ngoài đường", "Street"),
            option("home", "Ở nhà", "At home"),
        ],
    },
    {
        "key": "safe",
        "type": "yes_no",
        "text": texts("Đường đến đó có an toàn không?", "Is the way there safe?"),
        "condition": {"op": "equals", "question": "where", "value": "street"},
    },
    {
        "key": "stars",
        "type": "rating",
        "text": texts("Em cho sân chơi mấy sao?", "How many stars for your playground?"),
    },
    {
        "key": "ideas",
        "type": "long_text",
        "text": texts("Em muốn sân chơi có gì?", "What would you like in your playground?"),
        "allow_decline": True,
    },
]


def make_consultation(
    *,
    bands: Sequence[str] = (),
    areas: Iterable[Area] = (),
    opens_on: date | None = None,
    closes_on: date | None = None,
    status: ConsultationStatus = ConsultationStatus.OPEN,
) -> Consultation:
    today = local_today()
    consultation = consultations.save_consultation(
        None,
        consultations.ConsultationInput(
            title=texts("Sân chơi và an toàn trên đường đến trường", "Play and safety on the way to school"),
            policy_question=texts(
                "Thành phố nên làm gì để trẻ em chơi an toàn?", "What should the city do so children play safely?"
            ),
            audience=texts("Ủy ban nhân dân thành phố", "The city People's Committee"),
            summaries={
                "6-8": texts("Người lớn muốn biết em thích chơi ở đâu.", "Grown-ups want to know where you play.")
            },
            opens_on=opens_on or today - timedelta(days=1),
            closes_on=closes_on or today + timedelta(days=30),
            feedback_by=(closes_on or today + timedelta(days=30)) + timedelta(days=30),
            target_bands=list(bands),
            areas=list(areas),
        ),
        BANDS,
        None,
    )
    if status is not ConsultationStatus.DRAFT:
        consultations.change_status(consultation, ConsultationStatus.OPEN)
    if status in (ConsultationStatus.CLOSED, ConsultationStatus.FEEDBACK_PUBLISHED):
        consultations.change_status(consultation, ConsultationStatus.CLOSED)
    return consultation


def make_survey(
    consultation: Consultation,
    questions: Sequence[dict[str, Any]] | None = None,
    *,
    target_bands: Sequence[str] = (),
    publish: bool = True,
) -> Survey:
    data = {
        "title": texts("Sân chơi của em", "Your playground"),
        "intro": texts("Hãy cho chúng tôi biết em nghĩ gì.", "Tell us what you think."),
        "target_bands": list(target_bands),
        "questions": list(questions if questions is not None else ALL_TYPES),
    }
    survey = services.import_definition(consultation, from_json(data), None)
    if publish:
        problems = services.publish(survey, BANDS)
        assert problems == [], problems
    return survey


def make_open_survey(questions: Sequence[dict[str, Any]] | None = None, **consultation: Any) -> Survey:
    """A published survey in an open consultation for every band and area (used by the route matrix too)."""
    return make_survey(make_consultation(**consultation), questions)


def make_child_login(app: Flask, age: int, classroom_id: int, **kwargs: Any) -> ChildLogin:
    """A child of `age` in the given class, with a card; inside an app context, committed."""
    classroom = schools.get_classroom(classroom_id)
    child = builders.make_child(classroom, age=age, **kwargs)
    code = builders.issue_card(child, app.config["CARD_HASH_KEY"])
    db.session.commit()
    return ChildLogin(child.id, child.pseudonym or "", code, classroom_id)


class Answering:
    """A signed-in child's client that walks through a survey with plain form posts."""

    def __init__(self, client: FlaskClient, survey_id: int) -> None:
        self.client = client
        self.base = f"/surveys/{survey_id}"

    def english(self) -> Answering:
        self.client.post("/language/en")
        return self

    def start(self, layout: str | None = None):  # type: ignore[no-untyped-def]
        return self.client.post(self.base + "/start", data={"layout": layout} if layout else {})

    def get(self, key: str | None = None):  # type: ignore[no-untyped-def]
        return self.client.get(self.base + "/answer" + (f"?q={key}" if key else ""))

    def post(self, key: str, data: dict[str, Any] | None = None, action: str = "next"):  # type: ignore[no-untyped-def]
        form = {"shown": key, "screen": "steps", "action": action, **(data or {})}
        return self.client.post(self.base + "/answer", data=form)

    def post_page(self, keys: Sequence[str], data: dict[str, Any]):  # type: ignore[no-untyped-def]
        return self.client.post(self.base + "/answer", data={"shown": list(keys), "screen": "page", **data})

    def answer(self, key: str, value: Any = None, action: str = "next") -> str:
        """Answer one question (value: a string, a list, or a dict of extra fields) and return where it went."""
        if isinstance(value, dict):
            data = value
        elif value is None:
            data = {}
        else:
            data = {f"q-{key}": value}
        response = self.post(key, data, action)
        assert response.status_code == 302, response.get_data(as_text=True)[:3000]
        return response.headers["Location"]

    def review(self):  # type: ignore[no-untyped-def]
        return self.client.get(self.base + "/review")

    def submission_key(self) -> str:
        html = self.review().get_data(as_text=True)
        marker = 'name="submission_key" type="hidden" value="'
        start = html.index(marker) + len(marker)
        return html[start : html.index('"', start)]

    def submit(self, key: str | None = None):  # type: ignore[no-untyped-def]
        return self.client.post(
            self.base + "/submit", data={"submission_key": key if key is not None else self.submission_key()}
        )


def next_key(location: str) -> str | None:
    """The question a redirect points at (`...?q=<key>`), or None for the review/intro."""
    return location.split("?q=", 1)[1] if "?q=" in location else None
