"""The demo's discussions: two topics in the open demo consultation, with published posts, replies
and agreements by demo children, and a few posts waiting for a moderator (one keeping personal
information), so `make run` shows a living forum and a queue with work in it.

Idempotent: nothing is added when the consultation already has topics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from forum.accounts import services as accounts
from forum.accounts.age_bands import age_in_year
from forum.accounts.models import ConsentKind, Role, User
from forum.consultations.models import Consultation, ConsultationStatus
from forum.consultations.services import list_consultations
from forum.database import utcnow
from forum.demo.consultations import PLAYGROUNDS
from forum.discussions import posting, services
from forum.discussions.models import ModerationMode, Post, PostStatus, Topic
from forum.extensions import db
from forum.review.rulesets import check_text
from forum.security.permissions import has_consent


@dataclass(frozen=True)
class Thread:
    text: str
    replies: tuple[str, ...] = ()
    agreements: int = 0


@dataclass(frozen=True)
class TopicSeed:
    title: dict[str, str]
    prompt: dict[str, str]
    mode: ModerationMode
    threads: tuple[Thread, ...]
    pending: tuple[str, ...]


# Every n-th demo child takes part, so posts come from every class and age band.
SPREAD = 4
# Written as children write: short, Vietnamese, some without every diacritic.
TOPICS = (
    TopicSeed(
        title={"vi": "Sân chơi em mơ ước", "en": "My dream playground"},
        prompt={
            "vi": "Ở gần nhà em cần thêm gì để các bạn vui chơi an toàn?",
            "en": "What does your neighbourhood need so children can play safely?",
        },
        mode=ModerationMode.PRE,
        threads=(
            Thread(
                "Em muốn có thêm cây xanh và ghế đá ở sân chơi gần nhà, mùa hè nắng quá ạ.",
                ("Mình cũng vậy! Có bóng mát thì chơi được lâu hơn.", "Thêm vòi nước uống nữa thì tốt."),
                agreements=6,
            ),
            Thread(
                "Sân chơi nên có rào chắn để các em nhỏ không chạy ra đường.",
                ("Đúng rồi, em trai mình hay chạy ra ngoài lắm.",),
                agreements=4,
            ),
            Thread("Em mong có sân bóng cho cả bạn nữ, không chỉ bạn nam.", agreements=5),
            Thread("Cần có đèn vào buổi tối vì nhiều bạn học thêm về muộn mới được đi chơi.", agreements=2),
        ),
        pending=(
            "Em thích có một góc đọc sách ngoài trời ở sân chơi.",
            "Nhà em ở số 12 ngõ 34 phố Lạch Tray, sân chơi gần đó bị hỏng xích đu rồi.",
        ),
    ),
    TopicSeed(
        title={"vi": "Đường đến trường an toàn", "en": "A safe way to school"},
        prompt={
            "vi": "Trên đường đến trường, chỗ nào làm em thấy chưa an toàn?",
            "en": "On your way to school, where do you not feel safe?",
        },
        mode=ModerationMode.POST,
        threads=(
            Thread(
                "Cổng trường em không có vạch kẻ đường, xe máy đi nhanh lắm.",
                ("Trường mình cũng thế, sáng nào cũng tắc đường.",),
                agreements=7,
            ),
            Thread("Vỉa hè bị chiếm để bán hàng nên chúng em phải đi xuống lòng đường.", agreements=3),
            Thread("Nên có chú công an đứng ở ngã tư gần trường vào giờ tan học.", agreements=5),
        ),
        # Post-moderation publishes what the rules allow: this one is held for its link.
        pending=("Các bạn xem bản đồ những chỗ nguy hiểm em vẽ ở trang duongantoan.vn nhé",),
    ),
)


def seed_discussions(consultation: Consultation | None, today_children: Sequence[User], now: datetime) -> int:
    """Add the demo topics to `consultation` (the open demo one) unless it has topics; returns how
    many were added. `today_children` are the children who may take part, in a stable order."""
    if consultation is None or consultation.status is not ConsultationStatus.OPEN:
        return 0
    if services.list_topics(consultation) or len(today_children) < 4:
        return 0
    people = list(today_children)
    turn = 0

    def next_child() -> User:
        nonlocal turn
        turn += 1
        return people[(turn - 1) % len(people)]

    for offset, seed in enumerate(TOPICS):
        topic = services.save_topic(
            None,
            consultation,
            services.TopicInput(title=seed.title, prompt=seed.prompt, mode=seed.mode),
            list(consultation.target_bands),
            consultation.created_by,
        )
        started = now - timedelta(days=10 - offset)
        for index, thread in enumerate(seed.threads):
            author = next_child()
            post = _published(topic, author, thread.text, None, started + timedelta(hours=5 * index))
            for number, text in enumerate(thread.replies):
                _published(topic, next_child(), text, post, post.created_at + timedelta(hours=2 + number))
            agreeing = [child for child in people if child.id != author.id][: thread.agreements]
            for child in agreeing:
                posting.agree(post, child)
        for index, text in enumerate(seed.pending):
            kept = "personal_info" in check_text(text).reasons
            pending = posting.create_post(topic, next_child(), text, check_text(text), kept_personal_info=kept)
            pending.created_at = now - timedelta(hours=3 - index)
    db.session.flush()
    return len(TOPICS)


def _published(topic: Topic, author: User, text: str, parent: Post | None, at: datetime) -> Post:
    verdict = check_text(text)
    post = Post(
        topic=topic,
        author_id=author.id,
        parent_id=parent.id if parent is not None else None,
        body=text,
        reasons=list(verdict.reasons),
        spans=[span.to_json() for span in verdict.spans],
        status=PostStatus.PUBLISHED,
        created_at=at,
        published_at=at + timedelta(minutes=20),
    )
    db.session.add(post)
    db.session.flush()
    return post


def discussion_children(assent_from_age: int, today: date, limit: int = 24) -> list[User]:
    """Demo children spread over the classes whose guardian agreed and who have not said no; those
    old enough to be asked have said yes (as they would have before posting)."""
    chosen = []
    children = db.session.execute(sa.select(User).where(User.role == Role.CHILD).order_by(User.id)).scalars()
    for index, child in enumerate(children):
        if index % SPREAD or len(chosen) >= limit:
            continue
        if has_consent(child, ConsentKind.GUARDIAN) is not True or has_consent(child, ConsentKind.ASSENT) is False:
            continue
        if (
            age_in_year(child.birth_year or 0, today) >= assent_from_age
            and has_consent(child, ConsentKind.ASSENT) is None
        ):
            accounts.record_assent(child, granted=True)
        chosen.append(child)
    return chosen


def seed_demo_discussions(assent_from_age: int, today: date) -> int:
    """The entry point for the demo seed: topics, posts and agreements in the open demo consultation."""
    consultation = next(
        (c for c in list_consultations() if c.title.get("vi") == PLAYGROUNDS.title["vi"]),
        None,
    )
    if consultation is None or services.list_topics(consultation):
        return 0
    return seed_discussions(consultation, discussion_children(assent_from_age, today), utcnow())
