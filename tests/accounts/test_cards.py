import math

import pytest
import sqlalchemy as sa

from forum.accounts import cards
from forum.accounts.models import AccessCard
from forum.extensions import db
from forum.security.sessions import LAST_SEEN_KEY
from tests import builders


def test_codes_have_at_least_40_bits_and_no_look_alikes():
    assert math.log2(len(cards.ALPHABET)) * cards.CODE_LENGTH >= 40
    assert not set("01OIL") & set(cards.ALPHABET)
    codes = {cards.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == cards.CODE_LENGTH and set(c) <= set(cards.ALPHABET) for c in codes)


def test_codes_are_shown_grouped():
    assert cards.format_code("K7QPM3XD9") == "K7Q-PM3-XD9"


@pytest.mark.parametrize("typed", ["K7Q-PM3-XD9", "k7qpm3xd9", " k7q pm3 xd9 ", "K7Q–PM3–XD9", "k7q_pm3.xd9"])
def test_codes_are_accepted_with_or_without_dashes_in_any_case(typed):
    assert cards.normalise_code(typed) == "K7QPM3XD9"


@pytest.mark.parametrize("typed", ["", "K7Q-PM3", "K7Q-PM3-XD9-X", "K0Q-PM3-XD9", "<script>", "ặặặ-ặặặ-ặặặ"])
def test_malformed_codes_are_refused(typed):
    with pytest.raises(cards.InvalidCode):
        cards.normalise_code(typed)


def test_only_a_keyed_hash_is_stored(app, world):
    with app.app_context():
        stored = db.session.execute(sa.select(AccessCard.code_hash)).scalars().all()
    assert world.child.code not in " ".join(stored)
    assert cards.hash_code(world.child.code, "another key") not in stored
    assert cards.hash_code(world.child.code, app.config["CARD_HASH_KEY"]) in stored


def _dashed(code):
    return cards.format_code(code)


@pytest.mark.parametrize("variant", [_dashed, str.lower, lambda c: " ".join(_dashed(c).lower().split("-"))])
def test_child_signs_in_with_any_spelling_of_the_code(client, world, variant):
    response = client.post("/accounts/card", data={"code": variant(world.child.code)})
    assert response.status_code == 302
    assert response.headers["Location"] == "/children/"
    assert client.get("/children/").status_code == 200


@pytest.mark.parametrize("typed", ["WRONG-CODE-1", "ZZZ-ZZZ-ZZZ", "' OR 1=1 --", "x" * 40])
def test_wrong_codes_get_a_kind_401(client, world, typed):
    client.post("/language/en")
    response = client.post("/accounts/card", data={"code": typed})
    assert response.status_code == 401
    assert "That code did not work" in response.get_data(as_text=True)


def test_over_long_code_is_a_400(client, world):
    client.post("/language/en")
    response = client.post("/accounts/card", data={"code": "A" * 200})
    assert response.status_code == 400
    assert "longer than a card code" in response.get_data(as_text=True)


def test_a_revoked_card_stops_working(app, client, world):
    with app.app_context():
        child = builders.accounts.get_child(world.child.id)
        new_code = builders.issue_card(child, app.config["CARD_HASH_KEY"])
        db.session.commit()
    assert client.post("/accounts/card", data={"code": world.child.code}).status_code == 401
    assert client.post("/accounts/card", data={"code": new_code}).status_code == 302


def test_a_child_aged_7_or_more_is_asked_for_assent_first(app, client, world):
    with app.app_context():
        classroom = builders.schools.get_classroom(world.classroom_id)
        child = builders.make_child(classroom, age=8, assent=None)
        code = builders.issue_card(child, app.config["CARD_HASH_KEY"])
        db.session.commit()
    response = client.post("/accounts/card", data={"code": code})
    assert response.headers["Location"] == "/children/assent"
    assert client.get("/children/").headers["Location"] == "/children/assent"


def test_a_six_year_old_is_not_asked_for_assent(client, world):
    response = client.post("/accounts/card", data={"code": world.young_child.code})
    assert response.headers["Location"] == "/children/"


@pytest.mark.parametrize("app_config", [{"CARD_RATE_LIMIT": "3 per minute"}])
def test_wrong_codes_are_rate_limited_per_client(client, world, app_config):
    for _ in range(3):
        assert client.post("/accounts/card", data={"code": "ZZZ-ZZZ-ZZZ"}).status_code == 401
    assert client.post("/accounts/card", data={"code": "ZZZ-ZZZ-ZZZ"}).status_code == 429


@pytest.mark.parametrize("app_config", [{"CARD_RATE_LIMIT": "3 per minute"}])
def test_a_whole_class_can_sign_in_from_one_school_address(app, client, world, app_config):
    with app.app_context():
        classroom = builders.schools.get_classroom(world.classroom_id)
        children = [builders.make_child(classroom) for _ in range(8)]
        codes = [builders.issue_card(c, app.config["CARD_HASH_KEY"]) for c in children]
        db.session.commit()
    for code in codes:
        assert client.post("/accounts/card", data={"code": code}).status_code == 302
        client.post("/accounts/sign-out")


@pytest.mark.parametrize("app_config", [{"CARD_CLASSROOM_RATE_LIMIT": "2 per minute"}])
def test_card_sign_ins_are_rate_limited_per_classroom(app, world, app_config):
    for _ in range(2):
        assert app.test_client().post("/accounts/card", data={"code": world.child.code}).status_code == 302
    assert app.test_client().post("/accounts/card", data={"code": world.child.code}).status_code == 429
    # Another class is not affected.
    assert app.test_client().post("/accounts/card", data={"code": world.other_child.code}).status_code == 302


def test_an_idle_child_is_signed_out(app, client, world):
    client.post("/accounts/card", data={"code": world.child.code})
    with client.session_transaction() as session:
        session[LAST_SEEN_KEY] -= app.config["CHILD_IDLE_MINUTES"] * 60 + 1
    response = client.get("/children/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/card"
    assert client.get("/children/").status_code == 302


def test_an_active_child_stays_signed_in(app, client, world):
    client.post("/accounts/card", data={"code": world.child.code})
    with client.session_transaction() as session:
        session[LAST_SEEN_KEY] -= app.config["CHILD_IDLE_MINUTES"] * 60 - 30
    assert client.get("/children/").status_code == 200


def test_card_sign_in_page_shows_the_code_field_and_its_script(client):
    html = client.get("/accounts/card").get_data(as_text=True)
    assert 'id="code"' in html and "js/card-code.js" in html and 'id="card-submit"' in html
