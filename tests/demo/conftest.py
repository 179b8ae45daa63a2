import pytest


@pytest.fixture
def cards_file(app, tmp_path, monkeypatch):
    """seed-demo writes demo-cards.csv into the instance folder: each test's app gets its own, so
    the real instance/demo-cards.csv is never touched, even by tests running on other workers."""
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    return tmp_path / "demo-cards.csv"
