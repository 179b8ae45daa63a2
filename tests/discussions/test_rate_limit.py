"""The posting rate limit: per child, a friendly 429 that keeps the text."""

from __future__ import annotations

import pytest

from tests.discussions.conftest import other_client, send


@pytest.fixture
def app_config():  # type: ignore[no-untyped-def]
    return {"POST_RATE_LIMIT": "3 per minute"}


def test_the_rate_limit_is_per_child_and_friendly(app, world, forum, child_client):
    for number in range(3):
        assert send(child_client, forum.pre_topic_id, f"Ý kiến số {number}").status_code == 302
    response = send(child_client, forum.pre_topic_id, "Ý kiến số 4")
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "Please take a break" in html and "Ý kiến số 4</textarea>" in html
    assert send(other_client(app, world.other_child), forum.pre_topic_id, "Của bạn khác").status_code == 302
