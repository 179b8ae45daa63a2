"""The demo's two consultations: one open to try the survey pages, one closed to try the results pages.

* "Sân chơi và an toàn trên đường đến trường" (open): one published survey per configured age band,
  read from `data/survey_playgrounds_<band>.json` (our JSON survey format), wording written for each
  age; together they use every question type. A few demo children hold a draft response, so the
  "continue where you stopped" state can be seen.
* "Thời gian dành cho học tập và vui chơi" (closed): one published survey for every band
  (`data/survey_study_and_play.json`) with 360 generated, submitted responses spread over every age
  band, gender, district and school level, answers correlated with age and load (older children do
  more homework and extra classes and say they have less time to play). They stand for children who
  took part: `child_id` is empty and results read only the snapshot columns. Their free text still
  waiting for a moderator is in the moderation queue.

Idempotent: a consultation is looked up by its Vietnamese title and left alone when it exists.
Functions flush, never commit. The generated answers go through `answers.final_answers`, the check
a child's submit passes, so no answer belongs to a hidden question.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from forum.accounts import services as accounts
from forum.accounts.age_bands import age_in_year, band_for_age, band_key, label_of_key
from forum.accounts.models import ConsentKind, Gender, Role, User
from forum.consultations import services as consultations
from forum.consultations.models import Consultation, ConsultationStatus
from forum.extensions import db
from forum.review.models import ItemKind, ItemState, ReviewItem, Urgency
from forum.review.rulesets import check_text
from forum.schools import services as schools
from forum.schools.models import Area, SchoolLevel
from forum.security.permissions import has_consent
from forum.surveys import services as surveys
from forum.surveys.answers import final_answers, visible_questions
from forum.surveys.conditions import DECLINED
from forum.surveys.definition import TEXT_TYPES, QuestionDefinition, QuestionType, SurveyDefinition, from_json
from forum.surveys.models import Answer, Question, Response, ResponseStatus, Survey, TextStatus

DATA = Path(__file__).parent / "data"
# The bands the survey files are written for; configured bands take the file of the nearest one.
TEMPLATE_BANDS = ("6-8", "9-11", "12-14", "15-17")
PLAYGROUND_SURVEY = "survey_playgrounds_{band}.json"
STUDY_AND_PLAY_SURVEY = "survey_study_and_play.json"
GENERATED_RESPONSES = 360
DRAFTS_PER_BAND = 2
DRAFT_ANSWERS = 2
HAI_PHONG = timezone(timedelta(hours=7), "ICT")


class DemoDataError(RuntimeError):
    """The demo's own data fails a check (a bug in the demo, never the user's input)."""


@dataclass(frozen=True)
class ConsultationTexts:
    """What policy staff would type: texts by language; summaries by the template bands."""

    title: dict[str, str]
    policy_question: dict[str, str]
    purpose: dict[str, str]
    audience: dict[str, str]
    summaries: dict[str, dict[str, str]]


PLAYGROUNDS = ConsultationTexts(
    title={
        "vi": "Sân chơi và an toàn trên đường đến trường",
        "en": "Playgrounds and safety on the way to school",
    },
    policy_question={
        "vi": "Thành phố nên làm gì trước để trẻ em có thêm chỗ vui chơi an toàn gần nhà và đi đến trường an toàn hơn?",
        "en": "What should the city do first so that children have more safe places to play near home "
        "and a safer journey to school?",
    },
    purpose={
        "vi": "Sở Lao động – Thương binh và Xã hội đang soạn kế hoạch năm học tới về khu vui chơi cho trẻ em và "
        "an toàn giao thông quanh trường học. Ý kiến của các em giúp chọn việc cần làm trước và nơi cần làm "
        "trước; kế hoạch sẽ nói rõ ý kiến nào được tiếp thu và vì sao.",
        "en": "The Department of Labour, Invalids and Social Affairs is drafting next school year's plan for "
        "children's play areas and road safety around schools. Your views help choose what to do first and "
        "where; the plan will say which views were taken up and why.",
    },
    audience={
        "vi": "Sở Lao động – Thương binh và Xã hội thành phố Hải Phòng",
        "en": "Hai Phong Department of Labour, Invalids and Social Affairs",
    },
    summaries={
        "6-8": {
            "vi": "Người lớn muốn biết em thích chơi ở đâu. Người lớn cũng muốn biết đường đi học của em có an "
            "toàn không. Em hãy kể nhé!",
            "en": "Grown-ups want to know where you like to play. They also want to know if your way to school "
            "is safe. Please tell them!",
        },
        "9-11": {
            "vi": "Thành phố định làm thêm sân chơi và giúp các em đi học an toàn hơn. Em hãy cho biết em chơi ở "
            "đâu, em đi học thế nào và điều gì làm em lo lắng trên đường.",
            "en": "The city plans more playgrounds and safer journeys to school. Tell us where you play, how you "
            "get to school and what worries you on the way.",
        },
        "12-14": {
            "vi": "Sở Lao động – Thương binh và Xã hội đang soạn kế hoạch về sân chơi công cộng và an toàn giao "
            "thông quanh trường học. Ý kiến của em giúp thành phố chọn việc cần làm trước, ví dụ vạch qua "
            "đường, đèn đường hay sân chơi mới.",
            "en": "The Department of Labour, Invalids and Social Affairs is drafting a plan for public playgrounds "
            "and road safety around schools. Your views help the city choose what to do first, such as "
            "crossings, street lights or new playgrounds.",
        },
        "15-17": {
            "vi": "Dự thảo kế hoạch của thành phố đề xuất đầu tư vào khu vui chơi, sân thể thao công cộng và an "
            "toàn giao thông quanh trường học. Ngân sách có hạn nên cần biết điều gì quan trọng nhất với người "
            "trẻ. Ý kiến của em được tổng hợp gửi Sở; khi tham vấn kết thúc, em sẽ được biết ý kiến nào được "
            "tiếp thu và vì sao.",
            "en": "The city's draft plan proposes investing in play areas, public sports grounds and road safety "
            "around schools. The budget is limited, so the city needs to know what matters most to young "
            "people. Your views are compiled for the Department; when the consultation ends you will hear "
            "which were taken up and why.",
        },
    },
)

STUDY_AND_PLAY = ConsultationTexts(
    title={"vi": "Thời gian dành cho học tập và vui chơi", "en": "Time for study and play"},
    policy_question={
        "vi": "Bài tập về nhà và học thêm nên ở mức nào để học sinh vẫn có thời gian vui chơi, nghỉ ngơi?",
        "en": "How much homework and extra tuition should pupils have, so that they still have time to play and rest?",
    },
    purpose={
        "vi": "Thành phố đang xây dựng hướng dẫn về bài tập về nhà và dạy thêm, học thêm. Ý kiến của các em giúp "
        "hướng dẫn tôn trọng quyền được vui chơi, giải trí và nghỉ ngơi của trẻ em.",
        "en": "The city is preparing guidance on homework and extra tuition. Your views help the guidance respect "
        "children's right to play, leisure and rest.",
    },
    audience={
        "vi": "Sở Giáo dục và Đào tạo thành phố Hải Phòng",
        "en": "Hai Phong Department of Education and Training",
    },
    summaries={
        "6-8": {
            "vi": "Người lớn muốn biết em học bao lâu và chơi bao lâu mỗi ngày.",
            "en": "Grown-ups want to know how long you study and how long you play each day.",
        },
        "9-11": {
            "vi": "Thành phố muốn biết các em làm bài tập và học thêm bao lâu, và còn bao nhiêu thời gian để chơi.",
            "en": "The city wants to know how long you spend on homework and extra classes, and how much time is "
            "left to play.",
        },
        "12-14": {
            "vi": "Sở Giáo dục và Đào tạo đang soạn hướng dẫn về bài tập về nhà và học thêm. Ý kiến của em giúp "
            "hướng dẫn để lại đủ thời gian cho vui chơi và nghỉ ngơi.",
            "en": "The Department of Education and Training is drafting guidance on homework and extra classes. "
            "Your views help it leave enough time for play and rest.",
        },
        "15-17": {
            "vi": "Hướng dẫn mới về bài tập về nhà và dạy thêm, học thêm sẽ ảnh hưởng đến lịch học của em. Sở Giáo "
            "dục và Đào tạo muốn biết gánh nặng học tập hiện nay và điều các em mong muốn thay đổi nhất.",
            "en": "New guidance on homework and extra tuition will shape your timetable. The Department of "
            "Education and Training wants to know today's study load and what you would most like to change.",
        },
    },
)

# Weights of the generated respondents. Districts roughly follow their population of children:
# Bạch Long Vĩ (an island of a few hundred people) answers once, so the results pages show suppression.
AREA_WEIGHTS = {
    "HB": 9.0,
    "NQ": 15.0,
    "LC": 19.0,
    "HA": 11.0,
    "KA": 10.0,
    "DS": 4.0,
    "DK": 5.0,
    "TN": 28.0,
    "AD": 17.0,
    "AL": 13.0,
    "KT": 12.0,
    "TL": 13.0,
    "VB": 16.0,
    "CH": 3.0,
    "BLV": 0.0,
}
OTHER_AREA_WEIGHT = 5.0
GENDERS: tuple[tuple[str | None, float], ...] = (
    (Gender.GIRL.value, 47.0),
    (Gender.BOY.value, 45.0),
    (Gender.ANOTHER.value, 2.0),
    (Gender.UNSAID.value, 3.0),
    (None, 3.0),
)
AGE_WEIGHTS = {6: 0.6, 7: 0.8, 17: 0.8}
# Local hour a response is sent (in class in the morning and afternoon, a few at home in the evening).
HOURS = ((8, 2.0), (9, 3.0), (10, 3.0), (14, 2.0), (15, 3.0), (16, 1.0), (19, 1.0), (20, 1.0))

IDEAS_YOUNGER = (
    "Cho chúng em chơi ngoài sân lâu hơn.",
    "Em muốn giờ ra chơi dài hơn.",
    "Cuối tuần đừng giao bài tập để em được đi công viên.",
    "Em muốn bố mẹ chơi với em nhiều hơn.",
    "Sân trường có thêm cầu trượt và xích đu.",
    "Em muốn được đá bóng sau giờ học.",
)
IDEAS_OLDER = (
    "Không giao bài tập vào cuối tuần.",
    "Giảm học thêm buổi tối để bọn em được ngủ đủ giấc.",
    "Mở cửa sân thể thao của trường sau giờ học.",
    "Thầy cô các môn nên thống nhất để không giao quá nhiều bài trong cùng một ngày.",
    "Có thêm câu lạc bộ thể thao, âm nhạc miễn phí.",
    "Học thêm phải là tự nguyện, không bắt buộc.",
    "Mỗi tuần nên có một ngày không có bài tập về nhà.",
    "Người lớn đừng so sánh điểm số của em với bạn khác.",
    "Giờ ra chơi đủ dài để được ra sân, không chỉ ngồi trong lớp.",
)
# What a moderator redacted (a person named), as the results pages will quote it.
IDEAS_REDACTED = (
    (
        "Cô Hương dạy Toán giao nhiều bài quá, tối nào em cũng làm đến 11 giờ.",
        "Cô [đã ẩn] dạy Toán giao nhiều bài quá, tối nào em cũng làm đến 11 giờ.",
    ),
    (
        "Em học thêm ở nhà thầy Tuấn cả thứ Bảy và Chủ nhật, em rất mệt.",
        "Em học thêm ở nhà thầy [đã ẩn] cả thứ Bảy và Chủ nhật, em rất mệt.",
    ),
)
DRAFT_TEXT = "Em muốn có thêm cây xanh và ghế ngồi."


@dataclass(frozen=True)
class ConsultationSummary:
    consultations_added: int
    surveys_added: int
    responses_added: int
    # Pseudonyms of the demo children who now hold a draft response to continue.
    draft_holders: list[str] = field(default_factory=list)


def seed_consultations(
    creator: User | None, bands: list[str], today: date, rng: random.Random, *, assent_from_age: int = 7
) -> ConsultationSummary:
    """Add the demo's open and closed consultations unless they exist. `bands` are the configured band
    keys ("6-8"); `rng` makes the generated responses reproducible."""
    # One stream each, so what one part draws never changes the other.
    draft_rng = random.Random(rng.getrandbits(64))  # noqa: S311 (demo data, not secrets)
    response_rng = random.Random(rng.getrandbits(64))  # noqa: S311
    titles = {c.title.get("vi") for c in consultations.list_consultations()}
    added = surveys_added = responses_added = 0
    holders: list[str] = []
    if PLAYGROUNDS.title["vi"] not in titles:
        band_surveys = _seed_open(creator, bands, today)
        holders = _seed_drafts(band_surveys, bands, today, draft_rng, assent_from_age)
        added += 1
        surveys_added += len(band_surveys)
    if STUDY_AND_PLAY.title["vi"] not in titles:
        responses_added = _seed_closed(creator, bands, today, response_rng)
        added += 1
        surveys_added += 1
    return ConsultationSummary(added, surveys_added, responses_added, holders)


# Definitions ------------------------------------------------------------------------------


def load_definition(name: str) -> SurveyDefinition:
    """A survey file of forum/demo/data in our JSON format."""
    with (DATA / name).open(encoding="utf-8") as handle:
        return from_json(json.load(handle))


def band_bounds(key: str) -> tuple[int, int]:
    low, high = key.split("-")
    return int(low), int(high)


def nearest_band(band: str, choices: Sequence[str]) -> str:
    """The band of `choices` whose middle age is nearest to `band`'s."""

    def middle(key: str) -> float:
        low, high = band_bounds(key)
        return (low + high) / 2

    return min(choices, key=lambda choice: abs(middle(choice) - middle(band)))


def playground_definition(band: str) -> SurveyDefinition:
    """The open consultation's survey for one configured band, titled with its ages."""
    template = load_definition(PLAYGROUND_SURVEY.format(band=nearest_band(band, TEMPLATE_BANDS)))
    label = label_of_key(band)
    title = {"vi": f"{template.title['vi']} ({label} tuổi)", "en": f"{template.title['en']} (ages {label})"}
    return replace(template, title=title, target_bands=(band,))


def study_and_play_definition(bands: Sequence[str]) -> SurveyDefinition:
    """The closed consultation's survey, its per-band wording moved onto the configured bands."""
    template = load_definition(STUDY_AND_PLAY_SURVEY)
    return replace(
        template,
        target_bands=(),
        questions=tuple(replace(q, band_text=_rebanded(q.band_text, bands)) for q in template.questions),
    )


def _rebanded(texts: Mapping[str, dict[str, str]], bands: Sequence[str]) -> dict[str, dict[str, str]]:
    nearest = {band: nearest_band(band, TEMPLATE_BANDS) for band in bands}
    return {band: dict(texts[template]) for band, template in nearest.items() if template in texts}


# Creating ---------------------------------------------------------------------------------


def _create(
    texts: ConsultationTexts,
    creator: User | None,
    bands: list[str],
    opens_on: date,
    closes_on: date,
    feedback_by: date,
) -> Consultation:
    data = consultations.ConsultationInput(
        title=texts.title,
        policy_question=texts.policy_question,
        purpose=texts.purpose,
        audience=texts.audience,
        summaries={band: texts.summaries[nearest_band(band, list(texts.summaries))] for band in bands},
        target_bands=list(bands),
        opens_on=opens_on,
        closes_on=closes_on,
        feedback_by=feedback_by,
    )
    return consultations.save_consultation(None, data, bands, creator)


def _publish(
    consultation: Consultation, definition: SurveyDefinition, bands: list[str], creator: User | None
) -> Survey:
    survey = surveys.import_definition(consultation, definition, creator)
    problems = surveys.publish(survey, bands)
    if problems:
        raise DemoDataError(f"the demo survey {definition.title['vi']!r} fails the publish check: {problems}")
    return survey


def _seed_open(creator: User | None, bands: list[str], today: date) -> dict[str, Survey]:
    consultation = _create(
        PLAYGROUNDS, creator, bands, today - timedelta(days=14), today + timedelta(days=30), today + timedelta(days=60)
    )
    band_surveys = {band: _publish(consultation, playground_definition(band), bands, creator) for band in bands}
    consultations.change_status(consultation, ConsultationStatus.OPEN)
    return band_surveys


def _seed_closed(creator: User | None, bands: list[str], today: date, rng: random.Random) -> int:
    opens_on, closes_on = today - timedelta(days=90), today - timedelta(days=30)
    consultation = _create(STUDY_AND_PLAY, creator, bands, opens_on, closes_on, today + timedelta(days=10))
    definition = study_and_play_definition(bands)
    survey = _publish(consultation, definition, bands, creator)
    survey.published_at = datetime.combine(opens_on, time(7, 0), HAI_PHONG).astimezone(UTC)
    consultations.change_status(consultation, ConsultationStatus.OPEN)
    areas = [area for area in schools.list_areas() if area.active]
    respondents = generate_respondents(GENERATED_RESPONSES, bands, areas, opens_on, closes_on, rng)
    count = _write_responses(survey, definition, respondents, rng)
    consultations.change_status(consultation, ConsultationStatus.CLOSED)
    return count


# Drafts of demo children ------------------------------------------------------------------


def _seed_drafts(
    band_surveys: Mapping[str, Survey], bands: list[str], today: date, rng: random.Random, assent_from_age: int
) -> list[str]:
    """The first children of each band whose guardian agreed (and who have not said no themselves)
    start their band's survey and answer its first questions. A child old enough to be asked has
    said yes, as they would have before starting."""
    numeric = [band_bounds(band) for band in bands]
    chosen: dict[str, list[User]] = {band: [] for band in bands}
    children = db.session.execute(
        sa.select(User).where(User.role == Role.CHILD, User.classroom_id.is_not(None)).order_by(User.id)
    ).scalars()
    for child in children:
        band = band_key(band_for_age(age_in_year(child.birth_year or 0, today), numeric))
        if len(chosen[band]) >= DRAFTS_PER_BAND:
            continue
        if has_consent(child, ConsentKind.GUARDIAN) is True and has_consent(child, ConsentKind.ASSENT) is not False:
            chosen[band].append(child)
    holders = []
    for band, members in chosen.items():
        survey = band_surveys[band]
        definition = surveys.definition_of(survey)
        for child in members:
            age = age_in_year(child.birth_year or 0, today)
            if age >= assent_from_age and has_consent(child, ConsentKind.ASSENT) is None:
                accounts.record_assent(child, granted=True)
            response = surveys.start_response(survey, child)
            answers, step = partial_answers(definition, DRAFT_ANSWERS, rng)
            surveys.save_draft(response, definition, answers, step)
            holders.append(child.pseudonym or "")
    return holders


def partial_answers(definition: SurveyDefinition, count: int, rng: random.Random) -> tuple[dict[str, Any], int]:
    """Answers to the first `count` shown questions and the position of the question to resume at."""
    answers: dict[str, Any] = {}
    for position, question in enumerate(definition.questions):
        if question.type is QuestionType.NOTE:
            continue
        if question.key not in {q.key for q in visible_questions(definition, answers)}:
            continue
        if len(answers) == count:
            return answers, position
        answers[question.key] = any_answer(question, rng)
    return answers, len(definition.questions)


def any_answer(question: QuestionDefinition, rng: random.Random) -> Any:
    """A valid answer to any answerable question, drawn at random."""
    keys = [option.key for option in question.options]
    settings = question.settings
    if question.type is QuestionType.MULTIPLE_CHOICE:
        chosen = set(rng.sample(keys, rng.randint(1, min(settings.get("max_choices", len(keys)), len(keys)))))
        return [key for key in keys if key in chosen]
    if question.type is QuestionType.RANKING:
        return rng.sample(keys, min(settings.get("max_ranked", len(keys)), len(keys)))
    if question.type is QuestionType.RATING:
        return rng.randint(1, settings.get("stars", 5))
    if question.type is QuestionType.NUMBER:
        low, high = settings.get("min", 0), settings.get("max", settings.get("min", 0) + 10)
        if settings.get("integer"):
            return rng.randint(math.ceil(low), math.floor(high))
        return min(max(round(rng.uniform(low, high) * 2) / 2, low), high)
    if question.type in TEXT_TYPES:
        return DRAFT_TEXT
    return rng.choice(keys)


# Generated responses ----------------------------------------------------------------------


@dataclass(frozen=True)
class Respondent:
    """The snapshot a submitted response keeps, and what the answers depend on."""

    age: int
    band: str
    gender: str | None
    area_id: int
    urban: bool
    school_level: str
    submitted_at: datetime


def school_level_for(age: int) -> SchoolLevel:
    """Grade is age − 5: grades 1–5 primary, 6–9 lower secondary, 10–12 upper secondary."""
    grade = age - 5
    if grade <= 5:
        return SchoolLevel.PRIMARY
    if grade <= 9:
        return SchoolLevel.LOWER_SECONDARY
    return SchoolLevel.UPPER_SECONDARY


def generate_respondents(
    count: int, bands: Sequence[str], areas: Sequence[Area], opens_on: date, closes_on: date, rng: random.Random
) -> list[Respondent]:
    """`count` respondents in order of submission. The first few cover every band, gender and area
    once; the rest follow the weights above."""
    if count < max(len(bands), len(GENDERS), len(areas)):
        raise DemoDataError("too few respondents to cover every band, gender and area")
    numeric = [band_bounds(band) for band in bands]
    ages = list(range(numeric[0][0], numeric[-1][1] + 1))
    age_weights = [AGE_WEIGHTS.get(age, 1.0) for age in ages]
    area_weights = [AREA_WEIGHTS.get(area.code, OTHER_AREA_WEIGHT) for area in areas]
    genders, gender_weights = [gender for gender, _ in GENDERS], [weight for _, weight in GENDERS]
    hours, hour_weights = [hour for hour, _ in HOURS], [weight for _, weight in HOURS]
    days = [opens_on + timedelta(days=offset) for offset in range((closes_on - opens_on).days + 1)]
    day_weights = [_day_weight(offset, len(days), day) for offset, day in enumerate(days)]
    respondents = []
    for index in range(count):
        if index < len(numeric):
            age = rng.randint(*numeric[index])
        else:
            age = rng.choices(ages, age_weights)[0]
        gender = GENDERS[index][0] if index < len(GENDERS) else rng.choices(genders, gender_weights)[0]
        area = areas[index] if index < len(areas) else rng.choices(areas, area_weights)[0]
        hour = rng.choices(hours, hour_weights)[0]
        moment = datetime.combine(
            rng.choices(days, day_weights)[0], time(hour, rng.randrange(60), rng.randrange(60)), HAI_PHONG
        )
        respondents.append(
            Respondent(
                age=age,
                band=band_key(band_for_age(age, numeric)),
                gender=gender,
                area_id=area.id,
                urban=area.kind == "urban",
                school_level=school_level_for(age).value,
                submitted_at=moment.astimezone(UTC),
            )
        )
    return sorted(respondents, key=lambda r: r.submitted_at)


def _day_weight(offset: int, days: int, day: date) -> float:
    """Many answers in the first week, a second wave after the mid-way reminder, few at weekends."""
    wave = 1 + 3 * math.exp(-offset / 6) + 2 * math.exp(-(((offset - days / 2) / 3) ** 2))
    return wave * (0.35 if day.weekday() >= 5 else 1.0)


def study_and_play_answers(respondent: Respondent, rng: random.Random) -> tuple[dict[str, Any], TextStatus, str | None]:
    """One child's answers by question key (clean values, as a draft holds them), and the moderation
    state of the free text. Older children and town children carry more homework and extra classes;
    the more they carry, the less time they say they have to play."""
    age = min(max(respondent.age, 6), 17)
    older = (age - 6) / 11  # 0 at six, 1 at seventeen
    girl, boy = respondent.gender == Gender.GIRL.value, respondent.gender == Gender.BOY.value
    answers: dict[str, Any] = {}

    homework = round((0.6 + 2.6 * older + (0.3 if respondent.urban else 0) + rng.gauss(0, 0.6)) * 2) / 2
    answers["homework_hours"] = _clamp(homework, 0, 8)
    roll, yes = rng.random(), 0.15 + 0.5 * older + (0.12 if respondent.urban else 0)
    answers["extra_classes"] = "yes" if roll < yes else "not_sure" if roll < yes + 0.04 else "no"
    extra_days = 0
    if answers["extra_classes"] == "yes":
        extra_days = int(_clamp(round(rng.triangular(1, 6, 1 + 3 * older)), 1, 7))
        answers["extra_days"] = extra_days
    load = answers["homework_hours"] / 3 + extra_days / 5

    free = 2.8 - 1.1 * load + rng.gauss(0, 0.55)
    answers["free_time"] = "lt30" if free < 0.7 else "m30_60" if free < 1.5 else "h1_2" if free < 2.3 else "gt2"
    if rng.random() > 0.03:
        activities = {
            "outdoor": 3 - 2 * older,
            "sport": 1.5 + (0.8 if boy else 0),
            "read": 1.2 + (0.4 if girl else 0),
            "screen": 1 + 2.5 * older,
            "friends": 0.8 + 2 * older,
            "family": 2 - older,
            "art": 1 + (0.6 if girl else 0) - 0.3 * older,
        }
        picked = set(_weighted_order(activities, rng)[: rng.choices((1, 2, 3), (15, 25, 60))[0]])
        answers["play_activities"] = [key for key in activities if key in picked]
    answers["enough_play"] = _scale(4.5 - 1.3 * load - 0.5 * older + rng.gauss(0, 0.8))
    if rng.random() < 0.02 + 0.04 * older:
        answers["school_day_feel"] = DECLINED
    else:
        answers["school_day_feel"] = _scale(4.4 - 0.7 * load - 0.8 * older + rng.gauss(0, 0.8))
    if rng.random() > 0.04:
        answers["break_stars"] = int(_scale(4.3 - 1.1 * older + rng.gauss(0, 0.9)))
    if rng.random() > 0.06:
        wishes = {
            "less_homework": 0.8 + 1.5 * load,
            "longer_breaks": 2.4 - 1.4 * older,
            "clubs": 1 + 0.8 * older,
            "free_weekends": 0.3 + 0.7 * extra_days,
            "play_spaces": 2 - 0.9 * older + (0 if respondent.urban else -0.3),
        }
        answers["priorities"] = _weighted_order(wishes, rng)[: rng.choices((3, 2, 1), (72, 16, 12))[0]]
    status, redacted = TextStatus.PENDING, None
    if rng.random() < 0.18 + 0.32 * older:
        if age >= 11 and rng.random() < 0.05:
            answers["idea"], redacted = rng.choice(IDEAS_REDACTED)
            status = TextStatus.REDACTED
        else:
            answers["idea"] = rng.choice(IDEAS_YOUNGER if age <= 10 else IDEAS_OLDER)
            status = TextStatus.APPROVED if rng.random() < 0.65 else TextStatus.PENDING
    return answers, status, redacted


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _scale(score: float) -> str:
    """A 1–5 scale point (the option key) from a score."""
    return str(int(_clamp(round(score), 1, 5)))


def _weighted_order(weights: Mapping[str, float], rng: random.Random) -> list[str]:
    """The keys in a random order where heavier keys tend to come first (Efraimidis–Spirakis)."""
    keyed = {key: rng.random() ** (1 / max(weight, 0.05)) for key, weight in weights.items()}
    return sorted(keyed, key=keyed.__getitem__, reverse=True)


def _write_responses(
    survey: Survey, definition: SurveyDefinition, respondents: Sequence[Respondent], rng: random.Random
) -> int:
    """Submitted responses and their answers, written with two bulk INSERTs (demo data, not a child's
    submit: the answers are still checked by `final_answers`, as a submit checks them)."""
    generated = [study_and_play_answers(respondent, rng) for respondent in respondents]
    for answers, _, _ in generated:
        checked, errors = final_answers(definition, answers)
        if errors or checked != answers:
            raise DemoDataError(f"generated answers fail the submit check: {errors or answers}")
    response_ids = (
        db.session.execute(
            sa.insert(Response).returning(Response.id, sort_by_parameter_order=True),
            [
                {
                    "survey_id": survey.id,
                    "child_id": None,
                    "status": ResponseStatus.SUBMITTED,
                    "draft": {},
                    "step": 0,
                    "started_at": r.submitted_at - timedelta(seconds=rng.randint(120, 900)),
                    "updated_at": r.submitted_at,
                    "submitted_at": r.submitted_at,
                    "age_band": r.band,
                    "gender": r.gender,
                    "area_id": r.area_id,
                    "school_level": r.school_level,
                }
                for r in respondents
            ],
        )
        .scalars()
        .all()
    )
    questions = {question.key: question for question in survey.questions}
    rows = [
        row
        for response_id, (answers, status, redacted) in zip(response_ids, generated, strict=True)
        for key, value in answers.items()
        for row in answer_rows(response_id, questions[key], value, status, redacted)
    ]
    db.session.execute(sa.insert(Answer), rows)
    _queue_pending_texts(survey)
    return len(response_ids)


def _queue_pending_texts(survey: Survey) -> None:
    """Each free text still waiting for a moderator gets its queue item, as a child's submit gives
    it one: the demo's moderation queue shows them, waiting since they were sent."""
    pending = db.session.execute(
        sa.select(Answer.id, Answer.text, Response.submitted_at)
        .join(Response, Answer.response_id == Response.id)
        .where(Response.survey_id == survey.id, Answer.text_status == TextStatus.PENDING, Answer.text.is_not(None))
        .order_by(Answer.id)
    ).all()
    items = []
    for answer_id, text, submitted_at in pending:
        verdict = check_text(text)
        items.append(
            {
                "kind": ItemKind.ANSWER,
                "answer_id": answer_id,
                "consultation_id": survey.consultation_id,
                "urgency": (Urgency.SAFEGUARDING if "safeguarding" in verdict.reasons else Urgency.ROUTINE).value,
                "reasons": list(verdict.reasons) or ["pre_moderation"],
                "spans": [span.to_json() for span in verdict.spans],
                "state": ItemState.OPEN,
                "created_at": submitted_at,
            }
        )
    if items:
        db.session.execute(sa.insert(ReviewItem), items)


def answer_rows(
    response_id: int, question: Question, value: Any, text_status: TextStatus, redacted_text: str | None = None
) -> list[dict[str, Any]]:
    """The Answer rows of one answer, as `surveys.services` writes them at submit: one per chosen
    option (with its rank for ranking), a Decimal for numbers, text awaiting or past moderation, or
    one declined row for "I'd rather not say"."""
    options = {option.key: option.id for option in question.options}
    # Every row names every column, so the rows go in one executemany.
    empty: dict[str, Any] = {
        "response_id": response_id,
        "question_id": question.id,
        "option_id": None,
        "number": None,
        "rank": None,
        "text": None,
        "declined": False,
        "text_status": None,
        "redacted_text": None,
    }

    def row(**values: Any) -> dict[str, Any]:
        return {**empty, **values}

    if value == DECLINED:
        return [row(declined=True)]
    if question.type is QuestionType.RANKING:
        return [row(option_id=options[key], rank=rank) for rank, key in enumerate(value, start=1)]
    if question.type is QuestionType.MULTIPLE_CHOICE:
        return [row(option_id=options[key]) for key in value]
    if question.type in (QuestionType.NUMBER, QuestionType.RATING):
        return [row(number=Decimal(str(value)))]
    if question.type in TEXT_TYPES:
        return [row(text=value, text_status=text_status, redacted_text=redacted_text)]
    return [row(option_id=options[value])]
