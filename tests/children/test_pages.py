import sqlalchemy as sa

from forum.accounts.models import AccessCard, Consent, User
from forum.audit.models import AuditEvent
from forum.extensions import db
from tests import builders


def _english(client):
    client.post("/language/en")


def test_home_greets_the_child_by_pseudonym_and_lists_nothing_yet(client, world, auth):
    _english(client)
    auth.card(world.child)
    html = client.get("/children/").get_data(as_text=True)
    assert f"Hello, {world.child.pseudonym}!" in html
    assert "Nothing is open for you right now" in html


def test_home_says_when_a_guardian_has_not_consented(app, client, world):
    with app.app_context():
        child = builders.make_child(builders.schools.get_classroom(world.classroom_id), guardian_consent=False)
        code = builders.issue_card(child, app.config["CARD_HASH_KEY"])
        db.session.commit()
    _english(client)
    client.post("/accounts/card", data={"code": code})
    assert "waiting for your parent or carer" in client.get("/children/").get_data(as_text=True)


def test_assent_yes_and_no_are_recorded_and_can_change(app, client, world):
    with app.app_context():
        child = builders.make_child(builders.schools.get_classroom(world.classroom_id), age=12, assent=None)
        code = builders.issue_card(child, app.config["CARD_HASH_KEY"])
        db.session.commit()
        child_id = child.id
    _english(client)
    client.post("/accounts/card", data={"code": code})
    page = client.get("/children/assent").get_data(as_text=True)
    assert "Do you want to take part?" in page
    assert client.post("/children/assent", data={"no": "No, not now"}).status_code == 302
    assert "You said you do not want to take part" in client.get("/children/").get_data(as_text=True)
    client.post("/children/assent", data={"yes": "Yes"})
    with app.app_context():
        answers = db.session.execute(
            sa.select(Consent.granted, Consent.withdrawn_at)
            .where(Consent.child_id == child_id, Consent.kind == "assent")
            .order_by(Consent.id)
        ).all()
    assert [a.granted for a in answers] == [False, True]
    assert answers[0].withdrawn_at is not None and answers[1].withdrawn_at is None


def test_the_youngest_get_simpler_words(client, world, auth):
    _english(client)
    auth.card(world.young_child)
    assert "There are no wrong answers" in client.get("/children/assent").get_data(as_text=True)
    assert "We do not know your real name" in client.get("/children/privacy").get_data(as_text=True)


def test_privacy_notice_depends_on_age_band(app, client, world):
    with app.app_context():
        teen = builders.make_child(builders.schools.get_classroom(world.classroom_id), age=16)
        code = builders.issue_card(teen, app.config["CARD_HASH_KEY"])
        db.session.commit()
    _english(client)
    client.post("/accounts/card", data={"code": code})
    html = client.get("/children/privacy").get_data(as_text=True)
    assert "any group smaller than 10 children is withheld" in html
    assert "We do not know your real name" not in html


def test_my_data_shows_what_we_hold(client, world, auth):
    _english(client)
    auth.card(world.child)
    html = client.get("/children/my-data").get_data(as_text=True)
    assert world.child.pseudonym in html
    assert "5A" in html and "Girl" in html


def test_erasing_needs_the_box_ticked(app, client, world, auth):
    _english(client)
    auth.card(world.child)
    response = client.post("/children/my-data/erase", data={})
    assert response.status_code == 400
    assert "Please tick the box" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, world.child.id) is not None


def test_erasing_my_account_removes_my_data_and_signs_me_out(app, client, world, auth):
    auth.card(world.child)
    response = client.post("/children/my-data/erase", data={"confirm": "y"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, world.child.id) is None
        assert not db.session.execute(sa.select(AccessCard).where(AccessCard.child_id == world.child.id)).first()
        assert not db.session.execute(sa.select(Consent).where(Consent.child_id == world.child.id)).first()
        log = " ".join(e.actor_label + e.target + e.detail for e in db.session.execute(sa.select(AuditEvent)).scalars())
        assert world.child.pseudonym not in log
        assert db.session.execute(sa.select(AuditEvent).where(AuditEvent.action == "child_erased")).first()
    assert client.get("/children/").status_code == 302
    assert client.post("/accounts/card", data={"code": world.child.code}).status_code == 401


def test_staff_cannot_open_children_pages(client, world, auth):
    auth.staff(world.teacher)
    assert client.get("/children/").status_code == 403


def test_signed_out_visitors_are_sent_to_the_card_page(client, world):
    response = client.get("/children/my-data")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/card?next=")
