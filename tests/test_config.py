import pytest

from forum import create_app
from forum.config import ConfigError
from tests.conftest import TEST_SECRET


def _config(**overrides):
    config = {"ENVIRONMENT": "test", "SECRET_KEY": TEST_SECRET, "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    config.update(overrides)
    return config


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(_config(ENVIRONMENT="production", SECRET_KEY=None))


@pytest.mark.parametrize("weak", ["dev", "short", ""])
def test_weak_secret_keys_are_refused(weak):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(_config(ENVIRONMENT="production", SECRET_KEY=weak))


def test_demo_without_secret_key_keeps_one_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr("forum.PROJECT_ROOT", tmp_path)
    first = create_app(_config(ENVIRONMENT="demo", SECRET_KEY=None))
    second = create_app(_config(ENVIRONMENT="demo", SECRET_KEY=None))
    assert len(first.config["SECRET_KEY"]) >= 32
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]  # the server and CLI commands agree
    assert (tmp_path / "instance" / "demo-secret-key").stat().st_mode & 0o077 == 0


def test_production_cookies_are_secure_and_demo_cookies_work_over_http():
    production = create_app(_config(ENVIRONMENT="production"))
    demo = create_app(_config(ENVIRONMENT="demo"))
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["SESSION_COOKIE_HTTPONLY"] is True
    assert production.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert demo.config["SESSION_COOKIE_SECURE"] is False


@pytest.mark.parametrize("size", [0, 4, -1, "10"])
def test_min_group_size_below_five_is_refused(size):
    with pytest.raises(ConfigError, match="MIN_GROUP_SIZE"):
        create_app(_config(MIN_GROUP_SIZE=size))


def test_overlapping_age_bands_are_refused():
    with pytest.raises(ConfigError, match="AGE_BANDS"):
        create_app(_config(AGE_BANDS=[[6, 9], [9, 11]]))


def test_unknown_environment_is_refused():
    with pytest.raises(ConfigError, match="ENVIRONMENT"):
        create_app(_config(ENVIRONMENT="staging"))


def test_forum_prefixed_environment_variables_are_read(monkeypatch):
    monkeypatch.setenv("FORUM_CHILD_IDLE_MINUTES", "7")
    monkeypatch.setenv("FORUM_MIN_GROUP_SIZE", "12")
    app = create_app(_config())
    assert app.config["CHILD_IDLE_MINUTES"] == 7
    assert app.config["MIN_GROUP_SIZE"] == 12


def test_database_url_is_read_and_postgres_scheme_gets_the_driver(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example/forum")
    config = _config()
    del config["SQLALCHEMY_DATABASE_URI"]
    app = create_app(config)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.example/forum"


def test_default_database_is_sqlite_in_instance_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = _config()
    del config["SQLALCHEMY_DATABASE_URI"]
    app = create_app(config)
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/forum.db")


def test_card_hash_key_defaults_to_secret_key():
    app = create_app(_config())
    assert app.config["CARD_HASH_KEY"] == TEST_SECRET


def test_passwords_use_a_strong_scrypt_by_default():
    app = create_app({"ENVIRONMENT": "production", "SECRET_KEY": TEST_SECRET})
    method, n, r, p = app.config["PASSWORD_HASH_METHOD"].split(":")
    assert method == "scrypt" and int(n) >= 2**15 and int(r) >= 8
