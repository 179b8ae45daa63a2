"""The JSON API (policy staff; its OpenAPI document is public) and the API token pages.

Anonymous callers of the API get a 401 in JSON, not a redirect to the sign-in page."""

from __future__ import annotations

from forum.accounts.models import User
from forum.api import services
from forum.extensions import db

POLICY = frozenset({"policy"})
EVERYONE = frozenset({"anonymous", "child", "teacher", "moderator", "policy", "admin"})

ALLOWED = {
    "api.": POLICY,
    "api.openapi_document": EVERYONE,
    "api_tokens.": POLICY,
}
ANONYMOUS_STATUS = {"api.": 401}


def arguments(app, world, consultation_arguments) -> dict:  # type: ignore[no-untyped-def]
    """A token of the world's policy officer (revoking it is what the POST route does), and a breakdown."""
    with app.app_context():
        new = services.create_token(db.session.get(User, world.policy.id), "Route matrix")
        db.session.commit()
        return {"token_id": new.token.id, "dimensions": "age_band,gender"}
