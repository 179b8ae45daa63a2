"""Tiếng nói trẻ em: children's views on the policies that affect them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from forum import config, extensions
from forum.accounts import cli as accounts_cli
from forum.accounts import views as accounts_views
from forum.admin import views as admin_views
from forum.api import token_views as api_token_views
from forum.api import views as api_views
from forum.children import views as children_views
from forum.classrooms import views as classrooms_views
from forum.consultations import views as consultations_views
from forum.demo import cli as demo_cli
from forum.discussions import views as discussions_views
from forum.errors import handlers as error_handlers
from forum.feedback import views as feedback_views
from forum.language import views as language_views
from forum.language.selection import select_locale
from forum.moderation import cli as moderation_cli
from forum.pages import views as pages_views
from forum.results import cli as results_cli
from forum.results import views as results_views
from forum.review import rules_views
from forum.review import rulesets as review_rulesets
from forum.review import views as review_views
from forum.routing import BoundedIntConverter
from forum.safeguarding import views as safeguarding_views
from forum.security import headers, sessions
from forum.surveys import cli as surveys_cli
from forum.surveys import views as surveys_views
from forum.templating import register_template_globals

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application: configure, bind extensions, register blueprints. No database work."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    config.load_config(app, test_config)
    app.url_map.converters["int"] = BoundedIntConverter
    register_extensions(app)
    register_blueprints(app)
    register_cli(app)
    error_handlers.init_app(app)
    headers.init_app(app)
    register_template_globals(app)
    if app.config["PROXY_COUNT"]:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]
    return app


def register_extensions(app: Flask) -> None:
    extensions.db.init_app(app)
    extensions.migrate.init_app(
        app, extensions.db, directory=str(Path(__file__).parent / "migrations"), render_as_batch=True, compare_type=True
    )
    extensions.csrf.init_app(app)
    extensions.babel.init_app(app, locale_selector=select_locale)
    extensions.limiter.init_app(app)
    sessions.init_app(app)


def register_blueprints(app: Flask) -> None:
    for module in (
        pages_views,
        language_views,
        accounts_views,
        children_views,
        classrooms_views,
        admin_views,
        consultations_views,
        surveys_views,
        feedback_views,
        discussions_views,
        api_views,
        api_token_views,
        rules_views,
        review_views,
        safeguarding_views,
        results_views,
    ):
        app.register_blueprint(module.bp)


def register_cli(app: Flask) -> None:
    accounts_cli.init_app(app)
    demo_cli.init_app(app)
    surveys_cli.init_app(app)
    moderation_cli.init_app(app, rules=review_rulesets.current_rule_set)
    results_cli.init_app(app)
