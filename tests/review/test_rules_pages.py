"""The word rules' pages: list and filters, add, edit, delete with confirmation, the test box;
bad input is a form error (never a 409 or a 500) with nothing written."""

from __future__ import annotations

import html as html_lib
import re

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.review import rulesets
from forum.review.models import RuleAction, RuleCategory, WordRule

MADE_UP = "blorptastic"


@pytest.fixture
def admin_client(client, world, auth):  # type: ignore[no-untyped-def]
    client.set_cookie("lang", "en")
    auth.staff(world.admin)
    return client


def _rule(app, pattern: str = MADE_UP) -> WordRule | None:
    with app.app_context():
        rule = db.session.execute(sa.select(WordRule).where(WordRule.pattern == pattern)).scalar_one_or_none()
        if rule is not None:
            db.session.expunge(rule)
        return rule


def _rule_count(app) -> int:
    with app.app_context():
        return db.session.execute(sa.select(sa.func.count()).select_from(WordRule)).scalar_one()


def _form(**values: str) -> dict[str, str]:
    data = {"pattern": MADE_UP, "category": "custom", "action": "block", "language": "en", "match": "whole", "note": ""}
    data.update(values)
    return data


def test_the_list_shows_and_filters_the_rules(admin_client):
    page = admin_client.get("/review/rules/").get_data(as_text=True)
    assert "Word rules" in page and "Test the rules" in page and 'href="/review/rules/new"' in page
    assert re.search(r"\d+ rules, page 1 of \d+", page)
    page = admin_client.get("/review/rules/?category=profanity&language=vi&action=block&q=đm").get_data(as_text=True)
    assert '<th scope="row" lang="vi">đm</th>' in page and "Clear the filters" in page
    assert "cá" not in re.findall(r'<th scope="row" lang="vi">([^<]*)</th>', page)
    page = admin_client.get("/review/rules/?q=nothing-like-this").get_data(as_text=True)
    assert "No rule matches these filters." in page
    for bad in ("category=rude", "action=zap", "language=fr", "q=" + "x" * 121):
        assert admin_client.get("/review/rules/?" + bad).status_code == 400


def test_the_admin_area_links_to_the_rules(admin_client):
    assert 'href="/review/rules/"' in admin_client.get("/admin/").get_data(as_text=True)


def test_adding_a_rule_applies_at_once(app, admin_client):
    assert admin_client.get("/review/rules/new").status_code == 200
    response = admin_client.post("/review/rules/new", data=_form(note="a made-up word"))
    assert response.status_code == 302 and response.headers["Location"] == f"/review/rules/?q={MADE_UP}"
    rule = _rule(app)
    assert rule is not None and rule.category is RuleCategory.CUSTOM and rule.action is RuleAction.BLOCK
    assert rule.note == "a made-up word"
    page = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"The rule for “{MADE_UP}” is saved" in html_lib.unescape(page)
    with app.app_context():
        assert rulesets.check_text(f"so {MADE_UP}!").action == "block"
    tried = admin_client.post("/review/rules/try", data={"text": f"so {MADE_UP}!"}).get_data(as_text=True)
    assert "Blocked: the child is asked to rephrase" in tried


@pytest.mark.parametrize(
    "values,message",
    [
        ({"pattern": ""}, "Please type the word or phrase."),
        ({"pattern": "   "}, "Please type the word or phrase."),
        ({"pattern": "x" * 121}, "Use at most 120 characters."),
        ({"pattern": "ẩn\u200bgiấu"}, "Remove the invisible control characters"),
        ({"pattern": "q", "match": "part"}, "needs at least 2 letters"),
        ({"category": "safeguarding", "action": "block"}, "Safeguarding words are never blocked"),
        ({"category": "rude"}, "Choose one of the options in the list."),
        ({"match": "sometimes"}, "Choose one of the options in the list."),
        ({"note": "n" * 201}, "Use at most 200 characters."),
        ({"pattern": "đm", "language": "vi", "category": "profanity"}, "There is already a rule for this pattern"),
        ({"pattern": "ĐM", "language": "vi", "category": "insult"}, "There is already a rule for this pattern"),
    ],
)
def test_bad_rules_are_form_errors_with_nothing_written(app, admin_client, values, message):
    count, revision = _rule_count(app), _revision(app)
    response = admin_client.post("/review/rules/new", data=_form(**values))
    assert response.status_code == 400
    assert message in html_lib.unescape(response.get_data(as_text=True))
    assert _rule_count(app) == count and _revision(app) == revision


def _revision(app) -> int:
    with app.app_context():
        return rulesets.current_revision()


def test_editing_a_rule(app, admin_client):
    admin_client.post("/review/rules/new", data=_form())
    rule = _rule(app)
    page = admin_client.get(f"/review/rules/{rule.id}/edit").get_data(as_text=True)
    assert f'value="{MADE_UP}"' in page and "Change the rule for" in page
    response = admin_client.post(f"/review/rules/{rule.id}/edit", data=_form(action="hold", match="part"))
    assert response.status_code == 302
    changed = _rule(app)
    assert changed.id == rule.id and changed.action is RuleAction.HOLD and not changed.whole_word
    # Editing into another rule's pattern is a form error, not a conflict page.
    response = admin_client.post(
        f"/review/rules/{rule.id}/edit", data=_form(pattern="đm", language="vi", category="profanity")
    )
    assert response.status_code == 400 and "There is already a rule" in response.get_data(as_text=True)
    assert _rule(app).pattern == MADE_UP
    assert admin_client.get("/review/rules/999999/edit").status_code == 404


def test_deleting_asks_first(app, admin_client):
    admin_client.post("/review/rules/new", data=_form())
    rule = _rule(app)
    page = admin_client.get(f"/review/rules/{rule.id}/delete").get_data(as_text=True)
    assert "Yes, delete the rule" in page
    assert _rule(app) is not None
    with app.app_context():
        assert rulesets.check_text(MADE_UP).action == "block"
    response = admin_client.post(f"/review/rules/{rule.id}/delete")
    assert response.status_code == 302 and _rule(app) is None
    with app.app_context():
        assert rulesets.check_text(MADE_UP).action == "allow"
    assert admin_client.post(f"/review/rules/{rule.id}/delete").status_code == 404


def test_the_test_box_shows_each_verdict_and_the_commands_json(app, admin_client, runner):
    text = "đm\r\ncác bạn ơi\r\n\r\nBố em đánh em\r\nsố em 0912 345 678"
    page = admin_client.post("/review/rules/try", data={"text": text}).get_data(as_text=True)
    assert page.count('<li class="verdict">') == 4
    assert "Blocked: the child is asked to rephrase" in page and "Allowed" in page and "Held for a moderator" in page
    assert '<mark class="flag flag--profanity">đm<span class="flag__label"> [Rude words]</span></mark>' in page
    assert (
        '<mark class="flag flag--personal_info">0912 345 678<span class="flag__label"> [Personal information]' in page
    )
    shown = html_lib.unescape(
        re.search(r'<pre class="verdict-json"[^>]*><code>(.*?)</code></pre>', page, re.S).group(1)
    )
    printed = runner.invoke(args=["moderation", "check"], input=text.replace("\r\n", "\n")).output
    assert shown.splitlines() == printed.splitlines() and len(printed.splitlines()) == 4
    # The rules list is still there under the verdicts.
    assert "The rules" in page and '<th scope="row" lang="vi">' in page


@pytest.mark.parametrize(
    "text,message", [("", "Please type or paste"), ("  \n ", "Please type or paste"), ("x" * 5001, "5000")]
)
def test_the_test_box_refuses_bad_input(admin_client, text, message):
    response = admin_client.post("/review/rules/try", data={"text": text})
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_hidden_characters_are_tried_not_refused(admin_client):
    page = admin_client.post("/review/rules/try", data={"text": "đ\u200bm"}).get_data(as_text=True)
    assert "Hidden characters" in page


def test_only_admins_edit_word_rules(app, client, auth, world):
    for who in (world.moderator, world.policy, world.teacher):
        auth.staff(who)
        assert client.get("/review/rules/").status_code == 403
        assert client.post("/review/rules/new", data=_form()).status_code == 403
        assert client.post("/review/rules/try", data={"text": "đm"}).status_code == 403
        assert 'href="/review/rules/"' not in client.get("/accounts/password").get_data(as_text=True)
        auth.sign_out()
    assert _rule(app) is None


def test_csrf_guards_the_rule_forms(app, world):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', client.get("/accounts/sign-in").text)
    client.post(
        "/accounts/sign-in",
        data={"username": world.admin.username, "password": world.admin.password, "csrf_token": token.group(1)},
    )
    assert client.post("/review/rules/new", data=_form()).status_code == 400
    assert client.post("/review/rules/try", data={"text": "đm"}).status_code == 400
    assert _rule(app) is None
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', client.get("/review/rules/new").text)
    assert client.post("/review/rules/new", data=_form(csrf_token=token.group(1))).status_code == 302
    assert _rule(app) is not None
