import runpy
from pathlib import Path

from forum import create_app
from tests.conftest import PROJECT_ROOT

TEMPLATE = PROJECT_ROOT / "forum" / "demo" / "instance_config.py.in"


def test_the_demo_instance_config_is_valid_and_adds_the_social_work_line(tmp_path: Path):
    written = tmp_path / "config.py"
    written.write_text(TEMPLATE.read_text(encoding="utf-8").replace("@SECRET_KEY@", "k" * 64), encoding="utf-8")
    settings = {k: v for k, v in runpy.run_path(str(written)).items() if k.isupper()}
    app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["ENVIRONMENT"] == "demo"
    numbers = [line["number"] for line in app.config["HELPLINES"]]
    assert numbers == ["111", "18006605"]
    client = app.test_client()
    client.set_cookie("lang", "en")
    html = client.get("/help").get_data(as_text=True)
    assert 'href="tel:18006605"' in html and "Office hours" in html
