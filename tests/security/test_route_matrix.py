"""Every route × every role. Built from `app.url_map`, so a new route is covered by default:
it fails here until it is given a guard (`require` or `public`) and an entry in ALLOWED.

A domain can keep its expectations and URL arguments in its own module in `tests/security/routes/`:
each module there may define `ALLOWED` (merged into the one below) and
`arguments(app, world, consultation_arguments)` (a dict of URL arguments for its routes, merged into
`_arguments`; every `*_id` argument is also tried with a huge id, which must be a 404)."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from forum.accounts.age_bands import band_keys
from forum.consultations.models import ConsultationStatus
from forum.consultations.services import ConsultationInput, change_status, save_consultation
from forum.extensions import db
from forum.schools.models import Area
from forum.surveys.definition import QuestionDefinition, QuestionType, SurveyDefinition
from forum.surveys.services import import_definition, publish
from tests.conftest import ROLES, make_test_app, sign_in_as
from tests.security import routes as route_modules
from tests.surveys.conftest_taking import make_open_survey

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
STAFF = frozenset({"teacher", "moderator", "policy", "admin"})

# Who may use each endpoint ("blueprint." entries apply to the whole blueprint unless overridden).
ALLOWED: dict[str, frozenset[str]] = {
    "pages.": EVERYONE,
    "language.": EVERYONE,
    "accounts.sign_in": EVERYONE,
    "accounts.card_sign_in": EVERYONE,
    "accounts.sign_out": EVERYONE,
    "accounts.sign_out_everywhere": SIGNED_IN,
    "accounts.password": STAFF,
    "children.": frozenset({"child"}),
    "classrooms.": frozenset({"teacher"}),
    "admin.": frozenset({"admin"}),
    "consultations.": frozenset({"policy"}),
    "surveys.": frozenset({"child"}),
}

DOMAIN_MODULES = [
    importlib.import_module(f"{route_modules.__name__}.{info.name}")
    for info in pkgutil.iter_modules(route_modules.__path__)
]
# What anonymous visitors get instead of a redirect to sign in, by blueprint ("api."): a JSON
# API answers 401 (a tool cannot follow a sign-in page). Domain modules add theirs as ANONYMOUS_STATUS.
ANONYMOUS_STATUS: dict[str, int] = {}
for _module in DOMAIN_MODULES:
    ALLOWED.update(getattr(_module, "ALLOWED", {}))
    ANONYMOUS_STATUS.update(getattr(_module, "ANONYMOUS_STATUS", {}))


def allowed_roles(endpoint: str) -> frozenset[str]:
    if endpoint in ALLOWED:
        return ALLOWED[endpoint]
    blueprint = endpoint.split(".")[0] + "."
    if blueprint in ALLOWED:
        return ALLOWED[blueprint]
    raise AssertionError(f"{endpoint} has no entry in ALLOWED: decide who may use it")


def _routes():
    app = make_test_app("sqlite://")
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append(pytest.param(rule.endpoint, rule.rule, method, id=f"{method} {rule.rule}"))
    return routes


ROUTES = _routes()


def test_every_view_is_guarded():
    app = make_test_app("sqlite://")
    unguarded = [
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint != "static" and not (getattr(view, "is_public", False) or getattr(view, "required_predicate", None))
    ]
    assert unguarded == []


def test_every_endpoint_has_an_expectation():
    for param in ROUTES:
        allowed_roles(param.values[0])


def _consultation_arguments(app) -> dict[str, object]:
    """An open consultation for every band and area with a published survey holding question q1."""
    with app.app_context():
        today = date.today()
        consultation = save_consultation(
            None,
            ConsultationInput(
                title={"vi": "Tham vấn"},
                policy_question={"vi": "?"},
                opens_on=today - timedelta(days=1),
                closes_on=today + timedelta(days=30),
            ),
            [],
            None,
        )
        question = QuestionDefinition(key="q1", type=QuestionType.YES_NO, text={"vi": "?"})
        survey = import_definition(
            consultation, SurveyDefinition(title={"vi": "Khảo sát"}, questions=(question,)), None
        )
        publish(survey, band_keys(app.config["AGE_BANDS"]))
        change_status(consultation, ConsultationStatus.OPEN)
        db.session.commit()
        return {"consultation_id": consultation.id, "survey_id": survey.id, "key": "q1"}


def _taking_arguments(app, endpoint: str) -> dict[str, object]:
    """Children's survey pages need a published survey in an open consultation (any other is a 404 to them)."""
    if not endpoint.startswith("surveys."):
        return {}
    with app.app_context():
        survey = make_open_survey()
        db.session.commit()
        return {"survey_id": survey.id}


def _serves(module, endpoint: str | None) -> bool:
    """A domain module builds rows only for its own blueprints' routes (None: for every route)."""
    if endpoint is None:
        return True
    blueprint = endpoint.split(".")[0]
    return any(key.split(".")[0] == blueprint for key in getattr(module, "ALLOWED", {}))


def _arguments(app, world, endpoint: str | None = None) -> dict[str, object]:
    with app.app_context():
        area_id = db.session.execute(sa.select(Area.id).order_by(Area.id)).scalars().first()
    consultation_arguments = _consultation_arguments(app)
    domain_arguments: dict[str, object] = {}
    for module in DOMAIN_MODULES:
        if hasattr(module, "arguments") and _serves(module, endpoint):
            domain_arguments.update(module.arguments(app, world, consultation_arguments))
    return {
        **consultation_arguments,
        **domain_arguments,
        "classroom_id": world.classroom_id,
        "child_id": world.child.id,
        "school_id": world.school_id,
        "area_id": area_id,
        "user_id": world.teacher.id,
        "code": "en",
    }


def _url(rule: str, arguments: dict[str, object]) -> str:
    url = rule
    while "<" in url:
        start, end = url.index("<"), url.index(">")
        name = url[start + 1 : end].split(":")[-1]
        assert name in arguments, f"add a value for <{name}> in _arguments"
        url = url[:start] + str(arguments[name]) + url[end + 1 :]
    return url


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint,rule,method", ROUTES)
def test_route_matrix(app, world, role, endpoint, rule, method):
    client = app.test_client()
    sign_in_as(client, world, role)
    url = _url(rule, {**_arguments(app, world, endpoint), **_taking_arguments(app, endpoint)})
    response = client.open(url, method=method)
    status = response.status_code
    assert status < 500, f"{method} {url} as {role}: {status}"
    if role in allowed_roles(endpoint):
        assert status != 403, f"{method} {url} as {role} should be allowed"
        if method == "GET":
            assert status in (200, 302), f"{method} {url} as {role}: {status}"
    elif role == "anonymous" and endpoint.split(".")[0] + "." in ANONYMOUS_STATUS:
        assert status == ANONYMOUS_STATUS[endpoint.split(".")[0] + "."], f"{method} {url}: {status}"
    elif role == "anonymous":
        assert status == 302 and response.headers["Location"].startswith("/accounts/"), f"{method} {url}: {status}"
    else:
        assert status == 403, f"{method} {url} as {role}: expected 403, got {status}"


@pytest.mark.parametrize("role", ["teacher", "admin", "policy"])
def test_huge_ids_are_404_everywhere(app, world, role):
    client = app.test_client()
    sign_in_as(client, world, role)
    arguments = _arguments(app, world)
    huge = {name: 10**30 for name in arguments if name.endswith("_id")}
    for param in ROUTES:
        endpoint, rule, method = param.values
        if "<int" not in rule or method != "GET" or role not in allowed_roles(endpoint):
            continue
        url = _url(rule, {**arguments, **huge})
        assert client.get(url).status_code == 404, url
