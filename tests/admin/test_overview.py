"""The overview's totals, and the pages in both languages."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from forum.accounts.models import Role
from forum.admin.services import get_overview
from forum.extensions import db
from forum.schools.models import School
from tests import builders


def _facts(page: str) -> dict[str, str]:
    pairs = re.findall(r"<dt>(?:<a [^>]*>)?([^<]+)(?:</a>)?</dt><dd>(\d+)</dd>", page)
    return {label: count for label, count in pairs}


def test_the_overview_counts_everything(app: Flask, admin_client, world) -> None:
    with app.app_context():
        area = builders.make_area("GONE")
        area.active = False
        builders.make_classroom(db.session.get(School, world.school_id), "3C", 3)
        db.session.commit()
    page = admin_client.get("/admin/").get_data(as_text=True)
    assert _facts(page) == {
        "Areas": "3",
        "Active areas": "2",
        "Schools": "2",
        "Classes": "3",
        "Pupils": "3",
        "Teacher": "2",
        "Moderator": "1",
        "Policy staff": "1",
        "Administrator": "1",
    }
    assert 'href="/admin/staff?role=teacher"' in page


def test_roles_without_anyone_count_zero(app: Flask, world) -> None:
    with app.app_context():
        overview = get_overview()
        assert overview.staff_by_role == {Role.TEACHER: 2, Role.MODERATOR: 1, Role.POLICY: 1, Role.ADMIN: 1}
        builders.make_staff(Role.POLICY, "policy2")
        assert get_overview().staff_by_role[Role.POLICY] == 2


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/areas",
        "/admin/schools",
        "/admin/staff",
        "/admin/audit",
        "/admin/staff/new",
        "/admin/areas/new",
        "/admin/schools/new",
    ],
)
def test_pages_are_vietnamese_by_default_and_english_on_request(client, world, auth, url: str) -> None:
    auth.staff(world.admin)
    vietnamese = client.get(url)
    assert vietnamese.status_code == 200 and '<html lang="vi">' in vietnamese.get_data(as_text=True)
    client.post("/language/en", data={"next": url})
    english = client.get(url)
    assert english.status_code == 200 and '<html lang="en">' in english.get_data(as_text=True)


def test_area_names_follow_the_language(client, world, auth) -> None:
    auth.staff(world.admin)
    assert "Quận Thử" in client.get("/admin/schools").get_data(as_text=True)
    client.post("/language/en", data={"next": "/"})
    page = client.get("/admin/schools").get_data(as_text=True)
    assert "Test District" in page and "Quận Thử" not in page
