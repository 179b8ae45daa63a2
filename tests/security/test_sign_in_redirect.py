"""Signed-out visitors are sent to the sign-in page that fits the page they asked for."""

import pytest


@pytest.mark.parametrize(
    "path",
    ["/children/", "/surveys/1", "/discussions/", "/discussions/topics/1", "/feedback/1"],
)
def test_childrens_pages_send_to_the_card_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/card")


@pytest.mark.parametrize("path", ["/classrooms/", "/discussions/manage/", "/feedback/", "/results/", "/review/"])
def test_staff_pages_send_to_the_staff_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/sign-in")
