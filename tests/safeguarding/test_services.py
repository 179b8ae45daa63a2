"""Safeguarding services: urgency, opening a case from a queue item, the status flow, notes,
assignment, and a stale status change that changes nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEvent
from forum.extensions import db
from forum.review.models import DecisionAction, ModerationDecision, Urgency
from forum.safeguarding import services
from forum.safeguarding.models import CaseNote, CaseSource, CaseStatus, CaseUrgency, SafeguardingCase
from tests.safeguarding.builders import SELF_HARM, make_answer_item, make_case, make_moderator, make_post_item


@pytest.mark.parametrize(
    "reasons,urgency",
    [
        (["self_harm"], CaseUrgency.IMMEDIATE),
        (["safeguarding", "sexual"], CaseUrgency.IMMEDIATE),
        (["bullying", "violence"], CaseUrgency.HIGH),
        (["violence"], CaseUrgency.HIGH),
        (["neglect"], CaseUrgency.HIGH),
        (["safeguarding", "bullying"], CaseUrgency.NORMAL),
        (["bullying"], CaseUrgency.NORMAL),
        (["safeguarding"], CaseUrgency.HIGH),
        (["reported"], CaseUrgency.HIGH),
        ([], CaseUrgency.HIGH),
    ],
)
def test_urgency_comes_from_the_disclosure_kinds(reasons, urgency):
    assert services.case_urgency(reasons) is urgency


def _events(action: str) -> list[AuditEvent]:
    return list(db.session.execute(sa.select(AuditEvent).where(AuditEvent.action == action)).scalars())


def test_a_moderator_opens_a_case_from_a_post_item(app, world):
    with app.app_context():
        item = make_post_item(world.child.id, SELF_HARM)
        moderator = make_moderator()
        case = services.open_case_from_item(item, moderator, "  Em ấy nói muốn tự tử.  ")
        db.session.commit()
        assert case.source is CaseSource.POST and case.post_id == item.post_id
        assert case.source_text == SELF_HARM
        child = db.session.get(User, world.child.id)
        assert case.child_id == child.id and case.child_label == child.pseudonym
        assert case.classroom_id == world.classroom_id and case.school_id == world.school_id
        assert case.reasons == ["safeguarding", "self_harm"]
        assert case.spans and case.spans[0]["reason"] == "safeguarding"
        assert case.urgency == CaseUrgency.IMMEDIATE.value
        assert case.opened_by_id == moderator.id and case.status is CaseStatus.NEW
        assert [note.body for note in case.notes] == ["Em ấy nói muốn tự tử."]
        assert item.urgency == Urgency.SAFEGUARDING.value
        decision = db.session.execute(sa.select(ModerationDecision)).scalar_one()
        assert decision.action is DecisionAction.OPEN_CASE
        assert (decision.item_id, decision.post_id, decision.child_id) == (item.id, item.post_id, child.id)
        assert [event.target for event in _events("case_opened")] == [f"case #{case.id}"]


def test_a_moderator_opens_a_case_from_an_answer_item(app, world):
    with app.app_context():
        item = make_answer_item(world.other_child.id)
        case = services.open_case_from_item(item, make_moderator())
        db.session.commit()
        assert case.source is CaseSource.ANSWER and case.answer_id == item.answer_id and case.post_id is None
        assert case.child_id == world.other_child.id and case.school_id == world.other_school_id
        assert "violence" in case.reasons and case.urgency == CaseUrgency.HIGH.value
        assert case.notes == []


def test_no_second_case_while_one_is_open(app, world):
    with app.app_context():
        item = make_post_item(world.child.id)
        moderator = make_moderator()
        first = services.open_case_from_item(item, moderator)
        with pytest.raises(services.CaseError) as refused:
            services.open_case_from_item(item, moderator)
        assert refused.value.code == "already_open" and refused.value.case is first
        assert db.session.execute(sa.select(sa.func.count()).select_from(SafeguardingCase)).scalar_one() == 1
        # Once closed, a new worry about the same post may open a new case.
        services.change_status(first, CaseStatus.CLOSED, expected=CaseStatus.NEW, note="", actor=moderator)
        second = services.open_case_from_item(item, moderator)
        assert second.id != first.id


def test_the_status_flow_writes_notes_and_audit_events(app, world):
    with app.app_context():
        case = make_case(world.child.id)
        lead = db.session.get(User, world.moderator.id)
        steps = [
            (CaseStatus.NEW, CaseStatus.IN_PROGRESS, ""),
            (CaseStatus.IN_PROGRESS, CaseStatus.REFERRED_111, "Đã gọi 111 lúc 9 giờ."),
            (CaseStatus.REFERRED_111, CaseStatus.CLOSED, "111 đã tiếp nhận."),
        ]
        for old, new, note in steps:
            services.change_status(case, new, expected=old, note=note, actor=lead)
        db.session.commit()
        assert case.status is CaseStatus.CLOSED and case.closed_at is not None
        assert services.count_open_cases() == 0
        notes = [(n.old_status, n.new_status, n.body, n.author_id) for n in case.notes]
        assert notes == [(old, new, note, lead.id) for old, new, note in steps]
        assert [e.detail for e in _events("case_status_changed")] == [
            "new → in_progress",
            "in_progress → referred_111",
            "referred_111 → closed",
        ]
        # Reopening clears the closing time.
        services.change_status(case, CaseStatus.IN_PROGRESS, expected=CaseStatus.CLOSED, note="", actor=lead)
        assert case.closed_at is None and services.count_open_cases() == 1


def test_a_stale_status_change_changes_nothing(app, world):
    with app.app_context():
        case = make_case(world.child.id)
        lead = db.session.get(User, world.moderator.id)
        services.change_status(case, CaseStatus.IN_PROGRESS, expected=CaseStatus.NEW, note="", actor=lead)
        db.session.commit()
        with pytest.raises(services.StaleCaseError) as stale:
            services.change_status(case, CaseStatus.REFERRED_POLICE, expected=CaseStatus.NEW, note="x", actor=lead)
        assert stale.value.current is CaseStatus.IN_PROGRESS
        db.session.rollback()
        assert db.session.get(SafeguardingCase, case.id).status is CaseStatus.IN_PROGRESS
        assert db.session.execute(sa.select(sa.func.count()).select_from(CaseNote)).scalar_one() == 1


@pytest.mark.parametrize("target", [CaseStatus.NEW, CaseStatus.IN_PROGRESS])
def test_refused_targets(app, world, target):
    """Nothing goes back to "new", and a case is not moved to where it already is."""
    with app.app_context():
        case = make_case(world.child.id)
        services.change_status(
            case, CaseStatus.IN_PROGRESS, expected=CaseStatus.NEW, note="", actor=make_moderator(lead=True)
        )
        with pytest.raises(services.CaseError) as refused:
            services.change_status(
                case, target, expected=CaseStatus.IN_PROGRESS, note="", actor=make_moderator(lead=True)
            )
        assert refused.value.code == "status_not_allowed"


def test_notes_and_assignment(app, world):
    with app.app_context():
        case = make_case(world.child.id)
        lead = db.session.get(User, world.moderator.id)
        other = make_moderator(lead=True)
        with pytest.raises(services.CaseError):
            services.add_note(case, "   ", lead)
        with pytest.raises(services.CaseError):
            services.add_note(case, "x" * (services.MAX_NOTE_LENGTH + 1), lead)
        note = services.add_note(case, "Đã báo cô chủ nhiệm.", lead)
        assert note.old_status is None and note.author_label == lead.label
        services.assign(case, other, lead)
        assert case.assignee_id == other.id
        with pytest.raises(services.CaseError) as refused:
            services.assign(case, make_moderator(lead=False), lead)
        assert refused.value.code == "not_a_lead"
        services.assign(case, None, lead)
        assert case.assignee_id is None
        assert [e.detail for e in _events("case_assigned")] == [f"assigned to {other.username}", "unassigned"]
        assert other in services.list_leads() and lead in services.list_leads()


def test_the_list_puts_open_cases_first_then_urgency_then_the_oldest(app, world):
    with app.app_context():
        lead = db.session.get(User, world.moderator.id)
        old_high = make_case(world.child.id, reasons=("violence",))
        closed_immediate = make_case(world.child.id, SELF_HARM, reasons=("self_harm",))
        services.change_status(closed_immediate, CaseStatus.CLOSED, expected=CaseStatus.NEW, note="", actor=lead)
        new_high = make_case(world.child.id, reasons=("violence",))
        immediate = make_case(world.child.id, SELF_HARM, reasons=("self_harm",))
        normal = make_case(world.child.id, reasons=("bullying",))
        db.session.commit()
        assert [c.id for c in services.list_cases("open")[0]] == [immediate.id, old_high.id, new_high.id, normal.id]
        cases, total = services.list_cases("all")
        assert total == 5 and cases[-1].id == closed_immediate.id
        assert [c.id for c in services.list_cases("closed")[0]] == [closed_immediate.id]
        assert services.list_cases("new", per_page=2) == ([immediate, old_high], 4)
