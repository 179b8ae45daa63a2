"""Policy staff's pages for their personal API tokens: list, create (the secret is shown once), revoke.

These are HTML pages, so they live at /api-tokens rather than under /api/ (whose errors are JSON).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.api import services
from forum.api.forms import ConfirmForm, TokenForm
from forum.api.models import ApiToken
from forum.extensions import db
from forum.security.access import require
from forum.security.permissions import can_view_results

bp = Blueprint("api_tokens", __name__, url_prefix="/api-tokens")

Page = Response | tuple[str, int] | str

TOKEN_ERRORS = {
    "name_missing": _l("Give the token a name, for example the tool that will use it."),
    "name_invalid": _l("Use a name of at most 80 characters, without invisible characters."),
    "name_taken": _l("You already have a token with that name: choose another one."),
    "too_many": _l("You have too many tokens: revoke one you no longer use, then create a new one."),
    "not_allowed": _l("Your account cannot use the API."),
}


def _token_or_404(token_id: int) -> ApiToken:
    """Only the signed-in person's own, unrevoked tokens exist for them."""
    return services.get_token(current_user, token_id) or abort(404)


def _index_page(form: TokenForm, status: int = 200) -> tuple[str, int]:
    return render_template(
        "api/tokens.html",
        form=form,
        tokens=services.list_tokens(current_user),
        max_tokens=services.MAX_ACTIVE_TOKENS,
    ), status


@bp.get("/")
@require(can_view_results)
def index() -> Page:
    return _index_page(TokenForm(formdata=None))


@bp.post("/")
@require(can_view_results)
def create() -> Page:
    """The new token's secret is on this response only: it is never stored, flashed or redirected."""
    form = TokenForm()
    if not form.validate_on_submit():
        return _index_page(form, 400)
    try:
        new = services.create_token(current_user._get_current_object(), form.name.data or "")
    except services.TokenError as error:
        db.session.rollback()
        form.name.errors = [*form.name.errors, TOKEN_ERRORS[error.code]]
        return _index_page(form, 400)
    db.session.commit()
    return render_template("api/token_created.html", token=new.token, secret=new.secret), 200


@bp.route("/<int:token_id>/revoke", methods=["GET", "POST"])
@require(can_view_results)
def revoke(token_id: int) -> Page:
    """GET asks for confirmation; POST revokes at once."""
    token = _token_or_404(token_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.revoke_token(token, current_user._get_current_object())
        db.session.commit()
        flash(
            _("The token “%(name)s” is revoked: tools using it can no longer read results.", name=token.name), "success"
        )
        return redirect(url_for("api_tokens.index"))
    return render_template("api/token_revoke.html", token=token, form=form), 400 if form.errors else 200
