"""A double click sends two requests at the same moment: the child's submissions are serialised,
so exactly one post is saved and both requests answer with it."""

from __future__ import annotations

import threading

from tests.discussions.conftest import posts_of, send


def test_two_requests_at_once_make_one_post(app, world, forum, child_client):
    cookie = child_client.get_cookie("session")
    assert cookie is not None
    results: list[int] = []
    barrier = threading.Barrier(3)

    def click(number: int) -> None:
        client = app.test_client()
        client.set_cookie("session", cookie.value)
        barrier.wait()
        response = send(client, forum.post_topic_id, "Em muốn có thêm cây xanh.")
        results.append(response.status_code)

    threads = [threading.Thread(target=click, args=(number,)) for number in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [302, 302, 302]
    assert len(posts_of(app, world.child.id)) == 1
