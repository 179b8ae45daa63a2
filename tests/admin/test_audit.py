"""The audit log: newest first, 50 a page, filters kept across pages, bad filters refused with 400."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from forum.admin.labels import AUDIT_ACTION_NAMES
from forum.audit.models import AuditEvent
from forum.audit.services import AuditAction
from forum.extensions import db

JUNE_10 = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)
LATE_EVENING = datetime(2025, 6, 10, 23, 30, tzinfo=UTC)  # 06:30 on 11 June in Viet Nam
ROW = re.compile(r'<th scope="row"><time datetime="([^"]+)">')


@pytest.fixture
def log(app: Flask, admin_client) -> int:  # type: ignore[no-untyped-def]
    """A known log of 66 events (replacing what the world and the sign-in wrote)."""
    events = [
        AuditEvent(action="sign_in", actor_label="admin", target="admin", created_at=JUNE_10 + timedelta(minutes=i))
        for i in range(60)
    ]
    events += [
        AuditEvent(
            action="role_changed",
            actor_label="boss",
            target=f"user{i}",
            detail="teacher -> moderator",
            created_at=datetime(2025, 5, 1, 12, i, tzinfo=UTC),
        )
        for i in range(3)
    ]
    events += [
        AuditEvent(
            action="export", actor_label="policy", target="survey #1", created_at=datetime(2025, 7, 1, 9, i, tzinfo=UTC)
        )
        for i in range(2)
    ]
    events.append(
        AuditEvent(
            action="sign_in_failed", actor_label="", target="nobody", detail="unknown user", created_at=LATE_EVENING
        )
    )
    with app.app_context():
        db.session.execute(sa.delete(AuditEvent))
        db.session.add_all(events)
        db.session.commit()
    return len(events)


def _rows(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return ROW.findall(response.get_data(as_text=True))


def test_every_action_has_a_label() -> None:
    assert set(AUDIT_ACTION_NAMES) == {action.value for action in AuditAction}


def test_newest_first_fifty_a_page(admin_client, log: int) -> None:
    first = admin_client.get("/admin/audit")
    rows = _rows(first)
    assert len(rows) == 50
    assert rows[0] == "2025-07-01T09:01:00+00:00"
    assert rows == sorted(rows, reverse=True)
    page = first.get_data(as_text=True)
    assert "66 events, page 1 of 2" in page
    assert "<td>Role changed</td>" not in page  # the oldest events are on page 2
    second = admin_client.get("/admin/audit?page=2")
    assert len(_rows(second)) == 16
    assert "<td>Role changed</td>" in second.get_data(as_text=True)


def test_columns_show_label_actor_target_detail_and_the_system(admin_client, log: int) -> None:
    page = admin_client.get("/admin/audit", query_string={"action": "sign_in_failed"}).get_data(as_text=True)
    assert "Staff sign-in failed" in page and "the system" in page and "nobody" in page and "unknown user" in page


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({"action": "role_changed"}, 3),
        ({"action": "sign_in"}, 50),  # of 60: the first page
        ({"action": "child_erased"}, 0),
        ({"actor": "BOSS"}, 3),
        ({"actor": " policy "}, 2),
        ({"actor": "bos"}, 0),  # a username, not a fragment
        ({"since": "2025-07-01"}, 2),
        ({"until": "2025-05-31"}, 3),
        ({"since": "2025-06-10", "until": "2025-06-10"}, 50),
        ({"since": "2025-05-01", "until": "2025-05-01", "actor": "boss", "action": "role_changed"}, 3),
        ({"since": "2025-05-02", "until": "2025-06-09"}, 0),
    ],
)
def test_filters(admin_client, log: int, query: dict[str, str], count: int) -> None:
    response = admin_client.get("/admin/audit", query_string=query)
    assert len(_rows(response)) == count
    if count == 0:
        assert "No event matches these filters." in response.get_data(as_text=True)


def test_pagination_links_keep_the_filters(admin_client, log: int) -> None:
    query = {"action": "sign_in", "actor": "admin", "since": "2025-06-01", "until": "2025-06-30"}
    page = admin_client.get("/admin/audit", query_string=query).get_data(as_text=True)
    assert "60 events, page 1 of 2" in page
    link = re.search(r'href="([^"]+)" rel="next"', page).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    assert set(link.split("?")[1].split("&")) == {
        "page=2",
        "action=sign_in",
        "actor=admin",
        "since=2025-06-01",
        "until=2025-06-30",
    }
    second = admin_client.get(link)
    assert len(_rows(second)) == 10
    back = re.search(r'href="([^"]+)" rel="prev"', second.get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    assert "action=sign_in" in back and "page=1" in back


@pytest.mark.parametrize("page", ["abc", "0", "-3", "", "1.5"])
def test_a_page_that_is_not_a_positive_number_is_the_first(admin_client, log: int, page: str) -> None:
    rows = _rows(admin_client.get("/admin/audit", query_string={"page": page}))
    assert len(rows) == 50 and rows[0] == "2025-07-01T09:01:00+00:00"


@pytest.mark.parametrize("page", ["3", "99999", "1" + "0" * 30])
def test_a_page_past_the_end_is_empty_and_polite(admin_client, log: int, page: str) -> None:
    response = admin_client.get("/admin/audit", query_string={"page": page, "action": "role_changed"})
    assert _rows(response) == []
    text = response.get_data(as_text=True)
    assert "This page is past the end of the log, which has 1 page." in text
    assert 'href="/admin/audit?action=role_changed"' in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"action": "bogus"}, "Choose one of the options in the list."),
        ({"since": "2025-13-01"}, "Enter a date as year-month-day"),
        ({"until": "yesterday"}, "Enter a date as year-month-day"),
        ({"since": "2025-06-10", "until": "2025-06-09"}, "must not be before"),
        ({"until": "9999-12-31"}, "Choose a date between the years 2000 and 2999."),
        ({"since": "0001-01-01"}, "Choose a date between the years 2000 and 2999."),
        ({"actor": "x" * 65}, "Use at most 64 characters."),
        ({"actor": "admin\x00"}, "Remove the invisible control characters"),
    ],
)
def test_bad_filters_are_refused(admin_client, log: int, query: dict[str, str], message: str) -> None:
    response = admin_client.get("/admin/audit", query_string=query)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert ROW.findall(page) == []


def test_times_are_shown_in_viet_nam_time(admin_client, log: int) -> None:
    query = {"action": "sign_in_failed"}
    page = admin_client.get("/admin/audit", query_string=query).get_data(as_text=True)
    assert 'datetime="2025-06-10T23:30:00+00:00"' in page
    assert "Jun 11, 2025" in page and "6:30:00" in page
    admin_client.set_cookie("lang", "vi")
    page = admin_client.get("/admin/audit", query_string=query).get_data(as_text=True)
    assert '<html lang="vi">' in page
    assert "06:30:00" in page and "11" in page
