"""Admins' word rules in the browser: the list with its filters and the "test the rules" box,
adding, changing and removing a rule. A change applies at once, in every process.

Its own blueprint (`rules`, under /review/rules) beside the moderation queue's.
"""

from __future__ import annotations

from math import ceil
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.extensions import db
from forum.review import rule_services as services
from forum.review.models import RuleAction, RuleCategory, RuleLanguage, WordRule
from forum.review.rule_forms import (
    CATEGORY_NAMES,
    LANGUAGE_NAMES,
    MATCH_NAMES,
    PART,
    SHORT_ACTION_NAMES,
    WHOLE,
    ConfirmForm,
    RuleFilterForm,
    RuleForm,
    TryForm,
)
from forum.safeguarding.highlighting import segments
from forum.safeguarding.labels import REASON_NAMES
from forum.security.access import require
from forum.security.permissions import can_edit_word_rules

bp = Blueprint("rules", __name__, url_prefix="/review/rules")

Page = Response | tuple[str, int] | str
MAX_PAGE = 100_000


def rule_or_404(rule_id: int) -> WordRule:
    return services.get_rule(rule_id) or abort(404)


def _names() -> dict[str, Any]:
    return {
        "category_names": CATEGORY_NAMES,
        "action_names": SHORT_ACTION_NAMES,
        "language_names": LANGUAGE_NAMES,
        "match_names": MATCH_NAMES,
        "reason_names": REASON_NAMES,
    }


def _list_page(try_form: TryForm, tried: list[services.TriedLine] | None = None) -> tuple[str, int]:
    """The rules (filtered by the query string) with the test box and, after a try, its verdicts."""
    filters_form = RuleFilterForm(request.args)
    status = 200
    if filters_form.validate():
        filters = services.RuleFilter(
            category=RuleCategory(filters_form.category.data) if filters_form.category.data else None,
            action=RuleAction(filters_form.action.data) if filters_form.action.data else None,
            language=RuleLanguage(filters_form.language.data) if filters_form.language.data else None,
            search=filters_form.q.data or "",
        )
        page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
        rules, total = services.list_rules(filters, page)
    else:
        rules, total, page, status = [], 0, 1, 400
    if try_form.errors:
        status = 400
    args = {name: value for name, value in request.args.items() if name != "page" and value}
    return render_template(
        "review/rules.html",
        filters_form=filters_form,
        try_form=try_form,
        tried=[(line, segments(line.text, [span.to_json() for span in line.verdict.spans])) for line in tried or []],
        tried_json="\n".join(line.json for line in tried or []),
        rules=rules,
        total=total,
        page=page,
        pages=max(1, ceil(total / services.RULES_PER_PAGE)),
        args=args,
        **_names(),
    ), status


@bp.get("/")
@require(can_edit_word_rules)
def index() -> Page:
    return _list_page(TryForm(formdata=None))


@bp.post("/try")
@require(can_edit_word_rules)
def try_rules() -> Page:
    """The test box: nothing is stored; the verdicts are shown on the rules page."""
    form = TryForm()
    if not form.validate_on_submit():
        return _list_page(form)
    return _list_page(form, services.try_rules(form.text.data))


def _input(form: RuleForm) -> services.RuleInput:
    return services.RuleInput(
        pattern=form.pattern.data or "",
        category=RuleCategory(form.category.data),
        action=RuleAction(form.action.data),
        language=RuleLanguage(form.language.data),
        whole_word=form.match.data != PART,
        note=form.note.data or "",
    )


def _form_page(rule: WordRule | None) -> Page:
    data = None
    if rule is not None and request.method == "GET":
        data = {
            "pattern": rule.pattern,
            "category": rule.category.value,
            "action": rule.action.value,
            "language": rule.language.value,
            "match": WHOLE if rule.whole_word else PART,
            "note": rule.note,
        }
    form = RuleForm(data=data)
    if form.validate_on_submit():
        try:
            saved = services.save_rule(rule, _input(form), current_user._get_current_object())
        except services.RuleError as error:
            db.session.rollback()
            form.refuse(error.code)
        else:
            db.session.commit()
            flash(_("The rule for “%(pattern)s” is saved and applies from now on.", pattern=saved.pattern), "success")
            return redirect(url_for("rules.index", q=saved.pattern))
    return render_template("review/rules_form.html", form=form, rule=rule), 400 if form.errors else 200


@bp.route("/new", methods=["GET", "POST"])
@require(can_edit_word_rules)
def new() -> Page:
    return _form_page(None)


@bp.route("/<int:rule_id>/edit", methods=["GET", "POST"])
@require(can_edit_word_rules)
def edit(rule_id: int) -> Page:
    return _form_page(rule_or_404(rule_id))


@bp.route("/<int:rule_id>/delete", methods=["GET", "POST"])
@require(can_edit_word_rules)
def delete(rule_id: int) -> Page:
    """GET asks for confirmation; POST removes the rule."""
    rule = rule_or_404(rule_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        pattern = rule.pattern
        services.delete_rule(rule, current_user._get_current_object())
        db.session.commit()
        flash(_("The rule for “%(pattern)s” is removed and no longer applies.", pattern=pattern), "success")
        return redirect(url_for("rules.index"))
    return render_template("review/rules_delete.html", rule=rule, form=form, **_names()), 400 if form.errors else 200
