import pytest

from tests.conftest import make_test_app


@pytest.mark.parametrize("path", ["/", "/help", "/accounts/sign-in", "/accounts/card"])
def test_help_control_is_on_every_page(client, path):
    html = client.get(path).get_data(as_text=True)
    assert 'class="help-button" href="/help"' in html
    assert "Cần giúp đỡ? Gọi 111" in html


def test_help_control_is_on_children_and_staff_pages(client, world, auth):
    auth.card(world.child)
    assert 'class="help-button"' in client.get("/children/").get_data(as_text=True)
    client.post("/accounts/sign-out")
    auth.staff(world.admin)
    assert 'class="help-button"' in client.get("/accounts/password").get_data(as_text=True)


def test_help_page_has_a_tel_link_and_tips_for_every_band(client):
    client.post("/language/en")
    html = client.get("/help").get_data(as_text=True)
    assert 'href="tel:111"' in html
    for band in ("6–8", "9–11", "12–14", "15–17"):
        assert f"For ages {band}" in html


def test_help_page_marks_the_childs_own_band(client, world, auth):
    client.post("/language/en")
    auth.card(world.child)
    html = client.get("/help").get_data(as_text=True)
    assert html.count("Your age") == 1
    assert html.index("For ages 9–11") < html.index("Your age") < html.index("For ages 12–14")


@pytest.mark.parametrize(
    "app_config",
    [
        {
            "HELPLINES": [
                {"number": "111", "name_vi": "Tổng đài 111", "name_en": "Hotline 111"},
                {
                    "number": "18006605",
                    "name_vi": "Trung tâm Công tác xã hội",
                    "name_en": "Social Work Centre",
                    "hours_en": "Office hours",
                },
            ]
        }
    ],
)
def test_help_lines_come_from_configuration(client, app_config):
    client.post("/language/en")
    html = client.get("/help").get_data(as_text=True)
    assert 'href="tel:18006605"' in html and "Social Work Centre" in html and "Office hours" in html


def test_front_page_offers_both_ways_in(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/accounts/card"' in html and 'href="/accounts/sign-in"' in html


@pytest.mark.parametrize("who,target", [("child", "/children/"), ("teacher", "/classrooms/"), ("admin", "/admin/")])
def test_front_page_sends_people_to_their_start(client, world, auth, who, target):
    if who == "child":
        auth.card(world.child)
    else:
        auth.staff(getattr(world, who))
    assert client.get("/").headers["Location"] == target


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    app = make_test_app(
        "postgresql+psycopg://nobody@127.0.0.1:1/none",
        SQLALCHEMY_ENGINE_OPTIONS={"connect_args": {"connect_timeout": 1}},
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"
